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
const entry = modified('../dist/cli/main.js') > modified('../dist/bundle/main.js') ? '../dist/cli/main.js' : '../dist/bundle/main.js';
const { main } = await import(entry);

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    // main() never throws; if it ever does, say so without details (they could hold what the scrubber missed).
    process.stderr.write('tactium-preflight: internal error; please report it with the output of --verbose\n');
    process.exitCode = 3;
  },
);
