/**
 * Fuzzed configuration files through the REAL bin (the built, bundled entry point, network guard preloaded):
 * a fixed-seed sample of the cases `npm run fuzz` runs 10 000 of in-process, plus named cases for what must
 * hold whatever the sample. The promise: never a crash (exit 3), a stack trace or a hang; exit 2 with
 * file:line:column, or a run with its report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUZZ_ENV, fuzzCaseArbitrary, judge, judgeJson, loadFuzzSeeds, type FuzzCase, type Outcome } from '../../scripts/config-fuzz.js';
import { ROOT, runCli } from '../support/run-cli.js';

const SEED = 20261127;
const SAMPLE = 36;
const LIMIT_MS = 15_000;

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-fuzz-e2e-'));
  writeFileSync(join(directory, 'segredo.txt'), 'fuzz-file-secret-6\n');
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function runCase(bytes: Buffer, args: readonly string[], name: string): Promise<Outcome> {
  const file = join(directory, name);
  writeFileSync(file, bytes);
  const started = performance.now();
  const result = await runCli(['check', file, '--only', 'config', ...args], { env: { ...FUZZ_ENV }, timeoutMs: LIMIT_MS + 5000 });
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

function verdict(outcome: Outcome, name: string, args: readonly string[]): string | null {
  return judge(outcome, name, LIMIT_MS) ?? judgeJson(outcome, args);
}

describe('fuzzed configuration files through the real bin', () => {
  it(`never crash, print a stack trace or hang: ${SAMPLE} generated and mutated files (seed ${SEED})`, async () => {
    const cases: FuzzCase[] = fc.sample(fuzzCaseArbitrary(loadFuzzSeeds(ROOT)), { numRuns: SAMPLE, seed: SEED });
    const problems: string[] = [];
    // Three at a time: the machine has two cores, shared.
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const fuzzCase = cases[index]!;
        const name = `caso-${index}.yaml`;
        const problem = verdict(await runCase(fuzzCase.bytes, fuzzCase.args, name), name, fuzzCase.args);
        if (problem) problems.push(`${fuzzCase.recipe.join(' | ')}: ${problem}`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('runs a valid file saved with CRLF line endings and a BOM (Windows Notepad), with the same verdicts as LF', async () => {
    const [seed] = loadFuzzSeeds(ROOT).filter((candidate) => candidate.name === 'minimal-imap');
    const lf = await runCase(Buffer.from(seed!.text), ['--format', 'json'], 'lf.yaml');
    const crlf = await runCase(Buffer.from(`\uFEFF${seed!.text.replace(/\n/g, '\r\n')}`), ['--format', 'json'], 'crlf.yaml');
    expect([lf.code, crlf.code]).toEqual([0, 0]);
    const statuses = (outcome: Outcome) =>
      (JSON.parse(outcome.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> }).accounts[0]!.checks.map(
        (check) => `${check.id}=${check.status}`,
      );
    expect(statuses(crlf)).toEqual(statuses(lf));
  });

  it('locates a mistake in a CRLF file at the same line and column as in the LF file', async () => {
    const broken = 'version: 1\naccounts:\n  - name: caixa\n    provider: imapp\n';
    const lf = await runCase(Buffer.from(broken), ['--format', 'json'], 'broken-lf.yaml');
    const crlf = await runCase(Buffer.from(broken.replace(/\n/g, '\r\n')), ['--format', 'json'], 'broken-crlf.yaml');
    expect(lf.code).toBe(2);
    expect(crlf.code).toBe(2);
    expect(lf.stderr).toMatch(/broken-lf\.yaml:4:15/);
    expect(crlf.stderr).toMatch(/broken-crlf\.yaml:4:15/);
  });

  it('runs a file whose literal password is a hundred thousand characters long, without a crash or the password', async () => {
    const password = `senha-enorme-${'x'.repeat(100_000)}`;
    const [seed] = loadFuzzSeeds(ROOT).filter((candidate) => candidate.name === 'minimal-imap');
    const text = seed!.text.replace('${env:MAILBOX_PASSWORD}', `"${password}"`);
    const outcome = await runCase(Buffer.from(text), ['--format', 'json', '--verbose'], 'huge-password.yaml');
    expect(verdict(outcome, 'huge-password.yaml', ['--format', 'json'])).toBeNull();
    expect(outcome.code).toBe(0);
    expect(outcome.stdout + outcome.stderr).not.toContain('x'.repeat(1000));
  });

  for (const [label, text] of [
    ['an anchor whose value contains its own alias (a cycle)', 'version: 1\naccounts: &contas\n  - name: caixa\n    provider: *contas\n'],
    ['a list that contains itself', 'version: 1\naccounts: &a [*a]\n'],
    [
      'an alias bomb (billion laughs)',
      `version: 1\n${Array.from(
        { length: 10 },
        (_, level) =>
          `a${level}: &a${level} [${
            level === 0
              ? '"lol"'
              : Array(9)
                  .fill(`*a${level - 1}`)
                  .join(', ')
          }]`,
      ).join('\n')}\naccounts: *a9\n`,
    ],
    ['a value nested three thousand levels deep', `version: 1\naccounts: ${'['.repeat(3000)}1${']'.repeat(3000)}\n`],
    ['a file in UTF-16 (Notepad "Unicode")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\naccounts: []\n', 'utf16le')])],
    ['a truncated flow mapping', 'version: 1\naccounts: [{name: caixa, provider: imap, mailbox: a@b.c'],
  ] as const) {
    it(`exits 2 with a located message for ${label}`, async () => {
      const name = `named-${label.replace(/\W+/g, '-')}.yaml`;
      const outcome = await runCase(typeof text === 'string' ? Buffer.from(text) : text, ['--format', 'json'], name);
      expect(verdict(outcome, name, ['--format', 'json'])).toBeNull();
      expect(outcome.code).toBe(2);
    });
  }
});
