// Regenerates the generated blocks of README.md: the check catalogue from the registry (`checks --format
// markdown`), and the text screenshots of a healthy and a broken account from the real tool against the
// demo's sandbox (sandbox/screenshots.ts). `npm run readme` after adding a check or changing the report;
// a test fails while the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderCatalog } = await import('../dist/cli/commands/checks.js');
const { createTranslator } = await import('../dist/i18n/index.js');
const { SCREENSHOTS, screenshotBlock, takeScreenshots } = await import('../dist-sandbox/sandbox/screenshots.js');
const readmePath = join(root, 'README.md');
let readme = readFileSync(readmePath, 'utf8');

function replaceBlock(marker, content) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) throw new Error(`README.md has no ${start} … ${end} block`);
  // A function, so that `$` in the content is not read as a replacement pattern.
  readme = readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => `${start}\n${content}${end}`);
}

replaceBlock('checks', renderCatalog('markdown', createTranslator('en')));
const shots = await takeScreenshots();
for (const { marker } of SCREENSHOTS) replaceBlock(marker, screenshotBlock(shots[marker]));
writeFileSync(readmePath, readme);
