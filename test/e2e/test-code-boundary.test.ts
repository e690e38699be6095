/**
 * The demo sandbox (`npm run demo`), the bench and the scripts are product tools, and the stand-in servers
 * they start (standins/) are what they stand on: none of them may import code from test/, which tests are
 * free to change. Imports are read from the source text (static, re-exports, side-effect, `import()`,
 * `require()`), resolved against the importing file, and compiled copies (dist-sandbox/test/…) count too.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from '../support/run-cli.js';

const PRODUCT_TOOL_FOLDERS = ['sandbox', 'bench', 'scripts', 'standins'];
const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
  /\bimport\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"`])([^'"`$]+)\1\s*\)/g,
  /\brequire\s*\(\s*(['"`])([^'"`$]+)\1\s*\)/g,
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function specifiers(text: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[2] as string));
}

/** The test/ file a specifier imported from `file` reaches (directly or through a compiled copy), or null. */
function testTarget(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null; // a package or node: builtin
  const target = relative(ROOT, resolve(dirname(file), specifier)).split(sep);
  const source = target[0] === 'dist-sandbox' || target[0] === 'dist' ? target.slice(1) : target;
  return source[0] === 'test' ? source.join('/') : null;
}

describe('product tools do not stand on test code', () => {
  it('finds imports of test/ in every form, so the check below can fail', () => {
    const file = join(ROOT, 'sandbox', 'example.ts');
    const text = [
      "import { createCa } from '../test/support/certs.js';",
      "import {\n  a,\n  type B,\n} from '../test/support/entra-standin/index.js';",
      "export * from '../test/support/fault-servers.js';",
      "import '../test/support/network-guard.mjs';",
      "const fuzz = await import('../dist-sandbox/test/support/config-fuzz.js');",
      "const x = require('../test/support/x.js');",
      "import { ok } from '../standins/certs.js';",
      "import forge from 'node-forge';",
    ].join('\n');
    const found = specifiers(text)
      .map((specifier) => testTarget(file, specifier))
      .filter(Boolean);
    expect(found.sort()).toEqual(
      [
        'test/support/certs.js',
        'test/support/entra-standin/index.js',
        'test/support/fault-servers.js',
        'test/support/network-guard.mjs',
        'test/support/config-fuzz.js',
        'test/support/x.js',
      ].sort(),
    );
  });

  it('no file under sandbox/, bench/, scripts/ or standins/ imports from test/', () => {
    const files = PRODUCT_TOOL_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .map((specifier) => testTarget(file, specifier))
        .filter((target): target is string => target !== null)
        .map((target) => `${relative(ROOT, file).split(sep).join('/')} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
