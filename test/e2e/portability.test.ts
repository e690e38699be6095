/**
 * What differs between a Linux CI runner and a Brazilian Windows laptop, through the real bin: console
 * symbols with their ASCII fallback, and report files on paths that cannot be written (a folder, a file
 * where a folder should be, a place the system refuses) — a usage error naming the file, never a crash,
 * a hang or a temporary file left behind; a reader that goes away (`| head`). CRLF and BOM files:
 * test/e2e/fuzz.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from '../support/run-cli.js';

const UNICODE_SYMBOLS = /[✔▲✖○‼•]/;
let directory: string;
let file: string;
const env = { SENHA: 'portab-secret-123' };

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-portability-'));
  file = join(directory, 'cliente.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: caixa',
      '    provider: office365',
      '    mailbox: caixa@contoso.com.br',
      '    auth: { method: password, password: "${env:SENHA}" }',
      '    outgoing: { port: 465, security: tls }',
      '',
    ].join('\r\n'),
  );
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('console symbols', () => {
  it('uses ✔/✖ symbols on a capable console and only ASCII ones with TACTIUM_ASCII=1 (older Windows consoles)', async () => {
    const unicode = await runCli(['check', file, '--only', 'config', '--lang', 'en'], { env });
    expect(unicode.code).toBe(1);
    expect(unicode.stdout).toMatch(UNICODE_SYMBOLS);
    const ascii = await runCli(['check', file, '--only', 'config', '--lang', 'en'], { env: { ...env, TACTIUM_ASCII: '1' } });
    expect(ascii.code).toBe(1);
    expect(ascii.stdout).not.toMatch(UNICODE_SYMBOLS);
    expect(ascii.stdout).toMatch(/^ {2}\[xx\] config\.\S+ /m);
    expect(ascii.stdout).toMatch(/^ {2}\[ok\] config/m);
    expect(ascii.stdout).toContain('[xx] not ready');
  });

  it('falls back to ASCII on the Linux virtual console (TERM=linux), as on a legacy Windows console', async () => {
    const result = await runCli(['check', file, '--only', 'config', '--lang', 'en'], { env: { ...env, TERM: 'linux' } });
    expect(result.stdout).not.toMatch(UNICODE_SYMBOLS);
  });
});

describe('--output on a path that cannot be written', () => {
  const cases: Array<[string, () => string]> = [
    ['an existing folder', () => directory],
    ['a path under a file', () => join(file, 'relatorio.json')],
  ];
  if (process.platform === 'linux') cases.push(['a folder the system refuses to create (/proc)', () => '/proc/tactium-nao-existe/relatorio.json']);
  for (const [label, target] of cases) {
    it(`exits 2 naming the file, at once and without leftovers, for ${label}`, async () => {
      const started = Date.now();
      const result = await runCli(['check', file, '--only', 'config', '--format', 'json', '--output', target(), '--lang', 'en'], { env, timeoutMs: 15_000 });
      expect(result.code).toBe(2);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.stderr).toContain('could not write the report to');
      expect(result.stderr).toContain(target());
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    });
  }
});

describe('a reader that goes away (`tactium-preflight … | head`)', () => {
  /** Runs the bin with its standard output closed by the reader before anything is written. */
  function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { PATH: process.env.PATH, CI: '1', NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  for (const args of [['--help'], ['checks'], ['check', '__FILE__', '--only', 'config', '--format', 'json']]) {
    it(`ends quietly with its own exit code for ${args.join(' ').replace('__FILE__', 'cliente.yaml')}`, async () => {
      const result = await withClosedStdout(args.map((arg) => (arg === '__FILE__' ? file : arg)));
      expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(result.code).toBe(args[0] === 'check' ? 1 : 0);
    });
  }
});
