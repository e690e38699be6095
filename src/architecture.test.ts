/**
 * The layering of src/, read from the import statements of every non-test file: contracts at the bottom
 * (core), protocol and identity code that knows nothing of checks, the checks, the runner, the CLI on top.
 * A dependency the wrong way is how the old 13-file import cycle grew, one `import type` at a time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = dirname(fileURLToPath(import.meta.url));

interface Import {
  /** The specifier as written. */
  readonly specifier: string;
  /** The file it names, relative to src/ with `/` separators, for our own files; undefined for packages. */
  readonly target: string | undefined;
  readonly dynamic: boolean;
  /** `import type …` / `export type … from` as a whole. */
  readonly typeOnly: boolean;
}

/** Every import of `text` (static, type-only, `export … from`, dynamic `import()`), classified. */
export function importsOf(text: string, fromFile: string, exists: (file: string) => boolean): Import[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((entry) => {
    const before = text.slice(0, entry.pos).replace(/['"`]$/, '');
    const dynamic = /\bimport\s*\(\s*$/.test(before);
    const keywords = [...before.matchAll(/\b(import|export)\b/g)];
    const statement = keywords.length > 0 ? before.slice(keywords[keywords.length - 1]!.index) : '';
    const typeOnly = !dynamic && /^(import|export)\s+type\b(?!\s*,)/.test(statement);
    let target: string | undefined;
    if (entry.fileName.startsWith('.')) {
      const absolute = resolve(SRC, dirname(fromFile), entry.fileName).replace(/\.js$/, '.ts');
      const name = relative(SRC, absolute).split(sep).join('/');
      target = exists(name) ? name : `${name} (missing)`;
    }
    return { specifier: entry.fileName, target, dynamic, typeOnly };
  });
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

const FILES = sourceFiles(SRC).sort();
const KNOWN = new Set(FILES);
const IMPORTS = new Map(FILES.map((file) => [file, importsOf(readFileSync(join(SRC, file), 'utf8'), file, (name) => KNOWN.has(name))]));

const inside = (file: string, folder: string) => file.startsWith(`${folder}/`);

/** `file → target` lines breaking `allowed`, for a failure message that names them all. */
function violations(from: string, allowed: (item: Import, file: string) => boolean): string[] {
  return FILES.filter((file) => inside(file, from)).flatMap((file) =>
    IMPORTS.get(file)!
      .filter((item) => !allowed(item, file))
      .map((item) => `${file} → ${item.target ?? item.specifier}${item.dynamic ? ' (dynamic)' : ''}`),
  );
}

/** The first cycle among static imports (type-only included), as a path that ends where it starts. */
function findCycle(): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const item of IMPORTS.get(file) ?? []) {
      if (item.dynamic || !item.target || !KNOWN.has(item.target)) continue;
      const seen = state.get(item.target);
      if (seen === 'open') return [...stack.slice(stack.indexOf(item.target)), item.target];
      if (seen === undefined) {
        const cycle = visit(item.target);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of FILES) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import collection', () => {
  it('finds static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import {\n  type C,\n  c,\n} from './c.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "const f = await import('./f.js');",
      "import chalk from 'chalk';",
    ].join('\n');
    const found = importsOf(text, 'x/y.ts', () => true);
    expect(found.map(({ specifier, target, dynamic, typeOnly }) => [specifier, target, dynamic, typeOnly])).toEqual([
      ['./a.js', 'x/a.ts', false, false],
      ['../b.js', 'b.ts', false, true],
      ['./c.js', 'x/c.ts', false, false],
      ['./d.js', 'x/d.ts', false, false],
      ['./e.js', 'x/e.ts', false, true],
      ['./f.js', 'x/f.ts', true, false],
      ['chalk', undefined, false, false],
    ]);
  });

  it('reads the real tree', () => {
    expect(FILES).toContain('core/check.ts');
    expect(IMPORTS.get('cli/main.ts')!.length).toBeGreaterThan(0);
    // Every relative import names a file that exists (a typo would hide an edge from the rules below).
    const missing = [...IMPORTS].flatMap(([file, items]) =>
      items.filter((item) => item.target?.endsWith('(missing)')).map((item) => `${file} → ${item.specifier}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('architecture', () => {
  it('has no import cycle among static imports, type-only imports included', () => {
    const cycle = findCycle();
    expect(cycle ? `import cycle: ${cycle.join(' → ')}` : 'no cycle').toBe('no cycle');
  });

  it('core imports nothing of ours outside core, but the types of the message catalogue and of the configuration', () => {
    // The two exceptions are type-only and name plain data models that import nothing back (the cycle rule
    // holds them to it): the message keys are the English catalogue's, a check context carries an Account.
    const TYPE_ONLY_FROM_CORE = new Set(['i18n/catalogs/en/index.ts', 'config/types.ts']);
    expect(
      violations('core', (item) =>
        !item.specifier.startsWith('.')
          ? item.specifier.startsWith('node:')
          : inside(item.target!, 'core') || (item.typeOnly && TYPE_ONLY_FROM_CORE.has(item.target!)),
      ),
    ).toEqual([]);
  });

  it('checks never import the CLI or terminal packages', () => {
    const TERMINAL = /^(chalk|ora|commander)(\/|$)/;
    expect(violations('checks', (item) => (item.target ? !inside(item.target, 'cli') : !TERMINAL.test(item.specifier)))).toEqual([]);
  });

  it('reports never import probes or identity', () => {
    expect(violations('report', (item) => !item.target || !(inside(item.target, 'probes') || inside(item.target, 'identity')))).toEqual([]);
  });

  it.each(['probes', 'identity', 'signin'])('%s never import checks, the runner or the CLI', (folder) => {
    expect(violations(folder, (item) => !item.target || !['checks', 'runner', 'cli'].some((above) => inside(item.target!, above)))).toEqual([]);
  });

  // `report --from` builds the sheet from a saved report without credentials: it must not load the checks
  // (the registry pulls every protocol and identity library), so the sheet's code imports none of them,
  // and the report command loads the check command only for a fresh run.
  it('the handoff sheet never imports checks, the runner, probes or identity', () => {
    const below = ['checks', 'runner', 'probes', 'identity', 'signin'];
    expect(violations('handoff', (item) => !item.target || !below.some((folder) => inside(item.target!, folder)))).toEqual([]);
    const eager = IMPORTS.get('cli/commands/report.ts')!.filter(
      (item) => !item.dynamic && !item.typeOnly && (item.target === 'cli/commands/check.ts' || below.some((folder) => inside(item.target ?? '', folder))),
    );
    expect(eager.map((item) => item.target)).toEqual([]);
  });
});
