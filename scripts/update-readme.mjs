// Regenerates the check catalogue in README.md from the registry (`checks --format markdown`).
// `npm run readme` after adding a check; a test fails while the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderCatalog } = await import('../dist/cli/commands/checks.js');
const { createTranslator } = await import('../dist/i18n/index.js');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- checks:start -->';
const end = '<!-- checks:end -->';
const table = renderCatalog('markdown', createTranslator('en'));
const updated = readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}${end}`);
writeFileSync(readmePath, updated);
