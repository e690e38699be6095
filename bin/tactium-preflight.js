#!/usr/bin/env node
// The published entry point: everything lives in dist/ (built by `npm run build`).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 3;
  },
);
