/**
 * The README's text screenshots: what `check` prints for a healthy account and for a broken one, taken
 * from the real command-line tool against the demo's sandbox at 100 columns, in English, without colour.
 * What changes from run to run (ports, durations, dates, the machine) is replaced by fixed values of the
 * same length, so the lines are cut where the tool cut them. `npm run readme` writes them into README.md;
 * test/e2e/readme.test.ts takes them again and compares (see `comparable`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RUNS, ROOT, demoEnv, writeDemoConfig } from './demo-config.js';
import { startSandbox, type Sandbox } from './servers.js';

export const SCREENSHOTS = [
  { marker: 'screenshot-healthy', account: 'saudavel' },
  { marker: 'screenshot-broken', account: 'gmail-erros' },
] as const;

export type Screenshots = Record<(typeof SCREENSHOTS)[number]['marker'], string>;

function runCheck(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tactium-preflight.js'), 'check', ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(stdout));
  });
}

/** Fixed stand-ins of the same length for what differs between runs. */
function steady(text: string, sandbox: Sandbox): string {
  const ports = [...Object.values(sandbox.ports), ...[sandbox.entra.login, sandbox.google.token].map((url) => Number(new URL(url).port))];
  let result = text;
  ports.forEach((port, index) => {
    const fixed = String(port).length === 5 ? String(40001 + index * 111) : String(port);
    result = result.replace(new RegExp(`\\b${port}\\b`, 'g'), fixed);
  });
  return result
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\b/g, '2026-03-02T12:00:00.000Z')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => (date.startsWith('20') ? '2027-03-02' : date))
    .replace(/\b(\d+) ms\b/g, (_whole, ms: string) => `${'4'.repeat(ms.length)} ms`)
    .replace(/\b\d+\.\d s\b/g, (seconds) => `${'1'.repeat(seconds.length - 4)}.2 s`)
    .replace(/^Verified from: .*\n( +.*\n)*/m, 'Verified from: notebook-ti (192.168.0.10) · win32 x64 · 2026-03-02T12:00:00.000Z · no proxy\n');
}

/** Runs the demo's healthy and broken accounts and returns their reports as the README shows them. */
export async function takeScreenshots(): Promise<Screenshots> {
  const sandbox = await startSandbox();
  const directory = mkdtempSync(join(tmpdir(), 'tp-screenshots-'));
  try {
    const file = writeDemoConfig(directory, sandbox);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...demoEnv(sandbox), COLUMNS: '100', NO_COLOR: '1', CI: '1', LANG: 'en_US.UTF-8' };
    const shots: Partial<Record<string, string>> = {};
    for (const { marker, account } of SCREENSHOTS) {
      const run = DEMO_RUNS.find((candidate) => candidate.account === account)!;
      // The file's name stands for the customer's.
      const text = await runCheck([file, '--account', account, '--lang', 'en', ...run.args], env);
      shots[marker] = steady(text, sandbox).split(directory).join('.');
    }
    return shots as Screenshots;
  } finally {
    await sandbox.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The README block of a screenshot: a fenced text block between its markers. */
export function screenshotBlock(text: string): string {
  return `\`\`\`text\n${text.trimEnd()}\n\`\`\`\n`;
}

/**
 * A screenshot as the README test compares it: digits masked (a duration may gain a digit) and the cut
 * end of a row dropped (a row cut at the width shows one character more or less after such a change).
 */
export function comparable(text: string): string {
  return (
    text
      .split('\n')
      // A number's width varies between runs (4 ms, 44 ms) and moves where a long row is cut: numbers are
      // one mark each, and a cut row is compared up to its first 60 columns.
      .map((line) => {
        const marked = line.replace(/\d+/g, '#');
        return line.endsWith('…') ? marked.slice(0, 60) : marked;
      })
      .join('\n')
  );
}
