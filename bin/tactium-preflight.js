#!/usr/bin/env node
// The published entry point: everything lives in dist/ (built by `npm run build`). The package ships the
// bundle (dist/bundle, scripts/bundle.mjs: fast start-up); in a clone where dist/ was rebuilt by `tsc` alone
// after the last bundle, the bundle is stale and tsc's output runs instead.
import { statSync } from 'node:fs';

const modified = (path) => {
  try {
    return statSync(new URL(path, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};

// A clone that was never built (or whose dependencies were never installed) would otherwise end in Node's
// ERR_MODULE_NOT_FOUND stack. No message catalogue can load without dist/, so one line says it in both
// languages; node:url is imported only on this path, to keep every normal start as light as before.
const notReady = async (english, portuguese) => {
  const { fileURLToPath } = await import('node:url');
  const folder = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
  process.stderr.write(`tactium-preflight ${english} (in ${folder}) | ${portuguese} (na pasta ${folder})\n`);
  process.exitCode = 2;
};

const bundle = modified('../dist/bundle/main.js');
const compiled = modified('../dist/cli/main.js');
if (bundle < 0 && compiled < 0) {
  await notReady('is not built: run npm run build', 'não está compilado: execute npm run build');
} else {
  let main;
  try {
    ({ main } = await import(compiled > bundle ? '../dist/cli/main.js' : '../dist/bundle/main.js'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    // Node says "Cannot find package" for a dependency (no node_modules) and "Cannot find module" for a
    // file of dist/ itself (a build that stopped half-way).
    if (/Cannot find package/.test(String(error.message)))
      await notReady('is missing its dependencies: run npm ci', 'está sem as dependências: execute npm ci');
    else await notReady('is not built: run npm run build', 'não está compilado: execute npm run build');
  }
  main?.(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      // main() never throws; if it ever does, say so without details (they could hold what the scrubber missed).
      process.stderr.write('tactium-preflight: internal error; please report it with the output of --verbose\n');
      process.exitCode = 3;
    },
  );
}
