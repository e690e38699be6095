/**
 * The published entry point, bundled (part of `npm run build`, after tsc has type-checked and emitted dist/).
 *
 * Why: Node 20 loads ES modules one file at a time (resolve, read, compile, link), and the ~45 files that
 * `--help` needs cost more than everything else at start-up. One bundle with code splitting puts what every
 * start needs (our CLI code, commander) in one file, and each command's code (checks, zod, yaml, renderers)
 * in chunks loaded by the `import()` inside its commander action. `npm run bench` measures the result.
 *
 * Only commander and chalk are bundled: they are small, pure JavaScript and loaded on every (coloured) start.
 * Every other package stays an ordinary import from node_modules, so protocol libraries load exactly as
 * they do unbundled (they read their own files, and some are CommonJS with dynamic requires).
 *
 * The message catalogues are pure data; they are evaluated here once and written as JSON files beside the
 * chunks, each read and parsed (https://v8.dev/blog/cost-of-javascript-2019#json: JSON parses several times
 * faster than the same object literal) on first use: a run in English never reads the Portuguese strings,
 * and the other way round (English is read only for a key Portuguese lacks, which `tsc` already forbids).
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
const BUNDLED_PACKAGES = new Set(['commander', 'chalk']);
const CATALOG_INDEX = /[\\/]src[\\/]i18n[\\/]catalogs[\\/][^\\/]+[\\/]index\.ts$/;

/** Bare specifiers (packages) stay external, except the few bundled ones. */
const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      // Relative paths, and a bundled package's own subpath imports (chalk's `#ansi-styles`), resolve as usual.
      if (args.kind === 'entry-point' || args.path.startsWith('.') || args.path.startsWith('#') || isAbsolute(args.path)) return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (BUNDLED_PACKAGES.has(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Evaluates a catalogue index (bundled on its own) and returns its exports, or null if not plain strings. */
async function evaluateCatalog(path) {
  const result = await build({ entryPoints: [path], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const code = result.outputFiles[0].text;
  const exports = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  for (const value of Object.values(exports)) {
    if (!value || typeof value !== 'object' || !Object.values(value).every((text) => typeof text === 'string')) return null;
  }
  return exports;
}

/**
 * An object that parses its contents on first use; every reflective operation (lookup, `in`, hasOwnProperty,
 * Object.keys) is forwarded, so the catalogue behaves as the plain object it replaces.
 */
const LAZY_CATALOG = `function lazyCatalog(parse) {
  let value;
  const target = () => (value ??= parse());
  return new Proxy({}, {
    get: (_, key) => target()[key],
    has: (_, key) => key in target(),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(target(), key),
  });
}`;

const catalogsAsJson = {
  name: 'catalogs-as-json',
  setup(builder) {
    builder.onLoad({ filter: CATALOG_INDEX }, async (args) => {
      const exports = await evaluateCatalog(args.path);
      if (!exports) return undefined; // not pure data any more: bundle it as code
      // Each catalogue is a JSON file beside the chunks, read on first use: V8 would otherwise compile
      // the text of both languages (400 KB) on every start, even for --version.
      mkdirSync(OUT, { recursive: true });
      const lines = Object.entries(exports).map(([name, value]) => {
        const file = `catalog-${name}.json`;
        writeFileSync(join(OUT, file), JSON.stringify(value));
        return `export const ${name} = lazyCatalog(() => JSON.parse(readFileSync(new URL(${JSON.stringify(`./${file}`)}, import.meta.url), 'utf8')));`;
      });
      return { contents: `import { readFileSync } from 'node:fs';\n${LAZY_CATALOG}\n${lines.join('\n')}\n`, loader: 'js' };
    });
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: join(ROOT, 'src', 'cli', 'main.ts') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander is CommonJS: inside an ES module bundle its `require('node:events')` needs a real require.
  banner: { js: "import { createRequire as __tactiumCreateRequire } from 'node:module';\nconst require = __tactiumCreateRequire(import.meta.url);" },
  // Chunks beside main.js: version.ts finds package.json at ../../ from whichever file it lands in.
  chunkNames: '[name]-[hash]',
  plugins: [externalPackages, catalogsAsJson],
  logLevel: 'warning',
});
