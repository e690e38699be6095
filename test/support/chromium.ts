/**
 * Headless Chromium for the tests that render the handoff sheet: found on the PATH (CI installs it through
 * scripts/ensure-test-servers.mjs), never skipped when missing — a sheet that was never printed is not
 * known to print. Every run gets its own profile folder and no network beyond the file it opens.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string {
  const found = CANDIDATES.find((name) => spawnSync('which', [name]).status === 0);
  if (!found)
    throw new Error('headless Chromium is needed to print the handoff sheet: sudo node scripts/ensure-test-servers.mjs (or apt-get install -y chromium)');
  return found;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
];

/** Prints `htmlFile` to `pdfFile` as Chromium's "Save as PDF" does, without header and footer. */
export function printToPdf(htmlFile: string, pdfFile: string, scratch: string): void {
  execFileSync(
    findChromium(),
    [...FLAGS, `--user-data-dir=${mkdtempSync(join(scratch, 'chromium-'))}`, `--print-to-pdf=${pdfFile}`, '--no-pdf-header-footer', `file://${htmlFile}`],
    { stdio: 'pipe', timeout: 90_000 },
  );
}

/** The page count of a PDF Chromium wrote: the page tree root's /Count (its dictionaries are not compressed). */
export function pdfPages(pdfFile: string): { pages: number; width: number; height: number } {
  const text = readFileSync(pdfFile).toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((match) =>
    Number(match[1] ?? match[2]),
  );
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  if (counts.length === 0 || !box) throw new Error(`${pdfFile} is not a PDF with a page tree`);
  return { pages: Math.max(...counts), width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) };
}
