/**
 * End-to-end: several customers' files in one run (`check a.yaml b.yaml`, `check clientes/`), a broken
 * file among good ones, and the CI formats (JUnit names that do not depend on the language, JUnit written
 * on a configuration error). Configuration checks only (`--only config`): no network needed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT, runCli } from '../support/run-cli.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'e2e', name);
const env = { TACTIUM_CLIENT_SECRET: 'Zq8~fleet-client-secret-value-0987654321', BETA_PASSWORD: 'fleet-imap-password-42' };

/** A healthy IMAP/SMTP customer, as far as the configuration checks can tell. */
const BETA = `version: 1
accounts:
  - name: suporte
    provider: imap
    mailbox: suporte@beta.example
    auth:
      method: password
      password: \${env:BETA_PASSWORD}
    incoming:
      protocol: imap
      host: imap.beta.example
      port: 993
      security: tls
    outgoing:
      host: smtp.beta.example
      port: 587
      security: starttls
`;

type Json = Record<string, unknown>;
interface ReportShape {
  verdict: string;
  configErrors: Array<{ file: string; line: number; column: number; message: string }>;
  accounts: Array<{ name: string; verdict: string; checks: Array<{ id: string; status: string; reason: string | null }> }>;
}

let folder: string;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tp-fleet-'));
  folder = join(work, 'clientes');
  mkdirSync(folder);
  copyFileSync(fixture('office365-465.yaml'), join(folder, 'acme.yaml'));
  writeFileSync(join(folder, 'beta.yml'), BETA);
  copyFileSync(fixture('broken.yaml'), join(folder, 'broken.yaml'));
  writeFileSync(join(folder, 'notes.txt'), 'not a configuration file');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function testcases(xml: string): Json[] {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(
    xml,
  ) as Json;
  return ((parsed.testsuites as Json).testsuite as Json[]).flatMap((suite) => suite.testcase as Json[]);
}

describe('check with several files', () => {
  it('checks two files as one run, naming each account file:account, with one exit code', async () => {
    const result = await runCli(['check', join(folder, 'acme.yaml'), join(folder, 'beta.yml'), '--only', 'config', '--format', 'json'], { env });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ReportShape;
    expect(report.accounts.map((account) => [account.name, account.verdict])).toEqual([
      ['acme.yaml:atendimento', 'not-ready'],
      ['beta.yml:suporte', 'ready'],
    ]);
    expect(report.verdict).toBe('not-ready');
    expect(report.configErrors).toEqual([]);
    // Every check is kept; one that does not apply says so in a fixed word.
    const beta = report.accounts[1]!.checks;
    expect(beta.find((check) => check.id === 'config.secret-id-as-secret')).toMatchObject({ status: 'skip', reason: 'not-applicable' });
  });

  it('checks every *.yaml / *.yml of a folder, sorted; a broken file is reported and the others are still checked (exit 2)', async () => {
    const result = await runCli(['check', folder, '--only', 'config', '--format', 'json', '--lang', 'en'], { env });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as ReportShape;
    expect(report.accounts.map((account) => account.name)).toEqual(['acme.yaml:atendimento', 'beta.yml:suporte']);
    expect(report.configErrors.length).toBeGreaterThan(0);
    expect(report.configErrors[0]).toMatchObject({ line: 4, column: 15 });
    expect(report.configErrors[0]!.file).toMatch(/broken\.yaml$/);
    expect(report.verdict).toBe('not-ready');
    expect(result.stderr).toMatch(/broken\.yaml:4:15/);
  });

  it('ends the table with the fleet view: the broken file with its line, the customers not ready', async () => {
    const result = await runCli(['check', folder, '--only', 'config', '--lang', 'en'], { env });
    expect(result.code).toBe(2);
    const fleet = result.stdout.slice(result.stdout.lastIndexOf('Fleet'));
    expect(fleet).toMatch(/broken\.yaml was not checked \(configuration error\): \S*broken\.yaml:4:15/);
    expect(fleet).toContain('1 of 2 customers have accounts not ready');
    expect(fleet).toContain('acme.yaml:atendimento (not ready)');
    expect(fleet).not.toContain('beta.yml:suporte');
    expect(fleet).toContain('no client secret expires within 30 days');
  });

  it('selects accounts across files by name or by file:account, and names an unknown one with the closest', async () => {
    const both = [join(folder, 'acme.yaml'), join(folder, 'beta.yml'), '--only', 'config', '--format', 'json'];
    const byFile = await runCli(['check', ...both, '--account', 'beta.yml:suporte'], { env });
    expect(byFile.code).toBe(0);
    expect((JSON.parse(byFile.stdout) as ReportShape).accounts.map((account) => account.name)).toEqual(['beta.yml:suporte']);
    const byName = await runCli(['check', ...both, '--account', 'atendimento'], { env });
    expect((JSON.parse(byName.stdout) as ReportShape).accounts.map((account) => account.name)).toEqual(['acme.yaml:atendimento']);
    const unknown = await runCli(['check', ...both, '--account', 'beta.yml:suport', '--lang', 'en'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('closest: beta.yml:suporte');
  });

  it('answers a folder with no YAML file with a usage error', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty, { recursive: true });
    const result = await runCli(['check', empty, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no *.yaml or *.yml file in the folder');
  });

  it('writes the same JUnit testcase names and classnames whatever the language', async () => {
    const names = async (lang: string) => {
      const result = await runCli(['check', join(folder, 'acme.yaml'), join(folder, 'beta.yml'), '--only', 'config', '--format', 'junit', '--lang', lang], {
        env,
      });
      expect(result.code).toBe(1);
      return testcases(result.stdout).map((testcase) => `${String(testcase['@classname'])} | ${String(testcase['@name'])}`);
    };
    const english = await names('en');
    expect(english).toEqual(await names('pt-BR'));
    expect(english).toContain('acme.yaml:atendimento.config | config.smtp-port — acme.yaml:atendimento');
    // No testcase for a check that does not apply (a password account has no secret id to confuse).
    expect(english).not.toContain('beta.yml:suporte.config | config.secret-id-as-secret — beta.yml:suporte');
  });

  it('still writes the JUnit file on a configuration error, with one failing config testcase (exit 2)', async () => {
    const file = join(work, 'out', 'preflight.xml');
    const result = await runCli(['check', fixture('broken.yaml'), '--format', 'junit', '--output', file, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(existsSync(file)).toBe(true);
    const [testcase, ...others] = testcases(readFileSync(file, 'utf8'));
    expect(others).toEqual([]);
    expect(testcase).toMatchObject({ '@name': 'config — broken.yaml' });
    const failure = testcase!.failure as Json;
    expect(failure['@message']).toMatch(/broken\.yaml:4:15 /);
    expect(result.stderr).toMatch(/broken\.yaml:4:15/);
  });
});
