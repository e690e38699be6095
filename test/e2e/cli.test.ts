/**
 * End-to-end: the built command-line tool spawned as a user runs it (network guard preloaded), asserting
 * on exit codes and output. Only configuration checks here (`--only config`): network checks are covered
 * by the integration suites and the demo test.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'e2e', name);
const CANARY = 'Zq8~canary-client-secret-value-1234567890';
const secretEnv = { TACTIUM_CLIENT_SECRET: CANARY };
const ANSI = /\x1b\[/;

function leaks(text: string): boolean {
  const forms = [CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString('base64').slice(4, -4)];
  return forms.some((form) => text.includes(form));
}

beforeAll(() => {
  expect(readFileSync(join(ROOT, 'dist', 'cli', 'main.js'), 'utf8').length).toBeGreaterThan(0);
});

describe('tactium-preflight (built bin)', () => {
  it('prints its version and exits 0', async () => {
    const result = await runCli(['--version']);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(result.stdout.trim()).toBe(version);
    expect(result.code).toBe(0);
  });

  it('shows help with examples, in English and in Portuguese', async () => {
    const english = await runCli(['check', '--help', '--lang', 'en']);
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Examples:');
    expect(english.stdout).toContain('--send-to');
    const portuguese = await runCli(['--help'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(portuguese.code).toBe(0);
    expect(portuguese.stdout).toContain('Exemplos:');
  });

  it("writes commander's own help words in the user's language too", async () => {
    const portuguese = await runCli(['check', '--help'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(portuguese.code).toBe(0);
    expect(portuguese.stdout).toMatch(/^Uso: tactium-preflight check \[opções\] <config\.yaml\.\.\.>$/m);
    expect(portuguese.stdout).toMatch(/^Argumentos:$/m);
    expect(portuguese.stdout).toMatch(/^Opções:$/m);
    expect(portuguese.stdout).toMatch(/valores: "table", "json", "junit",\s+"markdown", padrão: "table"/);
    expect(portuguese.stdout).toMatch(/^ {2}-h, --help +mostra esta ajuda$/m);
    expect(portuguese.stdout).not.toMatch(/Usage|Options|Arguments|choices:|default:|\[options\]/);
    const top = await runCli(['--help', '--lang', 'pt-BR']);
    expect(top.stdout).toMatch(/^Uso: tactium-preflight \[opções\] \[comando\]$/m);
    expect(top.stdout).toMatch(/^Comandos:$/m);
    expect(top.stdout).toMatch(/^ {2}-V, --version +mostra a versão$/m);
    expect(top.stdout).not.toMatch(/Usage|Options|Commands/);

    const english = await runCli(['--help', '--lang', 'en']);
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/^Usage: tactium-preflight \[options\] \[command\]$/m);
    expect(english.stdout).toMatch(/^Options:$/m);
    expect(english.stdout).toMatch(/^Commands:$/m);
    expect(english.stdout).toMatch(/^ {2}-V, --version +print the version$/m);
    const englishCheck = await runCli(['check', '--help', '--lang', 'en']);
    expect(englishCheck.stdout).toMatch(/^Arguments:$/m);
    expect(englishCheck.stdout).toMatch(/choices: "table", "json", "junit",\s+"markdown", default: "table"/);
  });

  it('answers -v with the version, as -V and --version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['-v', '-V', '--version']) {
      const result = await runCli([flag]);
      expect([flag, result.stdout.trim(), result.code]).toEqual([flag, version, 0]);
      expect(result.stderr).toBe('');
    }
  });

  it('lists every check with ids, in JSON too', async () => {
    const table = await runCli(['checks']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('config.smtp-port');
    const json = await runCli(['checks', '--format', 'json']);
    const ids = (JSON.parse(json.stdout) as Array<{ id: string }>).map((check) => check.id);
    expect(ids).toEqual(expect.arrayContaining(['config.secrets-inline', 'config.smtp-port', 'dns.outgoing']));
  });

  it('prints the configuration JSON Schema that ajv accepts as a schema', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as object;
    expect(() => new Ajv2020({ strict: false }).compile(schema)).not.toThrow();
  });

  it('exits 2 on a broken file, naming line, column and the fix', async () => {
    const result = await runCli(['check', fixture('broken.yaml'), '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/broken\.yaml:4:15/);
    expect(result.stderr).toContain('office365');
    expect(result.stderr).toMatch(/broken\.yaml:10:7/);
    expect(result.stderr).toContain('port');
  });

  it('exits 2 on a usage error (unknown option, selection matching nothing)', async () => {
    expect((await runCli(['check', fixture('office365-465.yaml'), '--bogus'], { env: secretEnv })).code).toBe(2);
    const selection = await runCli(['check', fixture('office365-465.yaml'), '--only', 'smpt'], { env: secretEnv });
    expect(selection.code).toBe(2);
    expect(selection.stderr).toContain('smtp');
  });

  it('fails an Office 365 file on port 465 with the 587 remediation, in both languages', async () => {
    const english = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--lang', 'en'], { env: secretEnv });
    expect(english.code).toBe(1);
    expect(english.stdout).toContain('config.smtp-port');
    expect(english.stdout).toContain('587');
    expect(english.stdout).toMatch(/starttls/i);
    const portuguese = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--lang', 'pt-BR'], { env: secretEnv });
    expect(portuguese.code).toBe(1);
    expect(portuguese.stdout).toContain('587');
    expect(portuguese.stdout).toMatch(/falha/i);
  });

  it('writes JSON that validates against the published report schema', async () => {
    const result = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--format', 'json'], { env: secretEnv });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { summary: Record<string, number>; accounts: Array<{ checks: Array<{ id: string; status: string }> }> };
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(validate.errors ?? validate(report)).toBe(true);
    expect(report.accounts[0]!.checks.find((check) => check.id === 'config.smtp-port')!.status).toBe('fail');
  });

  it('writes JUnit XML that parses, with the failure mapped to <failure>', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tp-e2e-'));
    try {
      const file = join(directory, 'out', 'preflight.xml');
      const result = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--format', 'junit', '--output', file], { env: secretEnv });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(JSON.stringify(parsed)).toContain('failure');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('never prints a secret passed in by environment, in any format or verbosity', async () => {
    for (const format of ['table', 'json', 'junit', 'markdown']) {
      for (const extra of [[], ['--verbose'], ['--trace']]) {
        const result = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--format', format, ...extra], { env: secretEnv });
        expect([format, extra, leaks(result.stdout + result.stderr)]).toEqual([format, extra, false]);
      }
    }
  });

  it('prints no colour codes with NO_COLOR or without a TTY, and colours with FORCE_COLOR', async () => {
    const plain = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config'], { env: secretEnv });
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stderr).not.toMatch(ANSI);
    const forced = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config'], { env: { ...secretEnv, NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
    const json = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config', '--format', 'json'], {
      env: { ...secretEnv, NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(json.stdout).not.toMatch(ANSI);
  });

  it('uses colour and a clean report on a real terminal (pseudo-terminal via script)', () => {
    const command = `stty cols 120 rows 40; ${process.execPath} ${BIN} check ${fixture('office365-465.yaml')} --only config --lang en`;
    let output: string;
    try {
      output = execFileSync('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env.PATH, TERM: 'xterm-256color', TACTIUM_CLIENT_SECRET: CANARY, LANG: 'en_US.UTF-8' },
        encoding: 'utf8',
        timeout: 20000,
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    expect(output).toMatch(ANSI);
    expect(output.length).toBeLessThan(100_000);
    expect(output).toContain('config.smtp-port');
    expect(leaks(output)).toBe(false);
  });

  it('exits 2 when the file does not exist', async () => {
    const result = await runCli(['check', fixture('no-such-file.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-file.yaml');
  });

  it('exits 2 with the variable name when a referenced secret is not set', async () => {
    const result = await runCli(['check', fixture('office365-465.yaml'), '--only', 'config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TACTIUM_CLIENT_SECRET');
  });
});
