import { describe, expect, it } from '@jest/globals';
import { createTranslator, msg } from '../i18n/index.js';
import { renderJson, renderJsonParts } from './json.js';
import type { ReportJson } from './report-schema.js';
import { CANARY, CANARY_BASE64, CONSENT_URL, LONG_COMMAND, SPACED_CANARY, richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');
const pt = createTranslator('pt-BR');

function parse(text: string): ReportJson {
  return JSON.parse(text) as ReportJson;
}

describe('renderJson', () => {
  it('escapes C1 control characters from a hostile server reply, keeping the JSON valid', () => {
    const report = richReport();
    const account = report.accounts[0]!;
    const check = { ...account.checks[0]!, evidence: [{ label: 'evidence.error' as const, value: 'reply \u009b2J end' }] };
    const text = renderJson({ ...report, accounts: [{ ...account, checks: [check, ...account.checks.slice(1)] }] }, en);
    expect(text).not.toMatch(/[\u0080-\u009f]/);
    expect(text).toContain('\\u009b2J');
    expect(JSON.stringify(JSON.parse(text))).toContain('\u009b');
  });

  it('writes the published shape with stable keys in a stable order, two-space indent and a trailing newline', () => {
    const text = renderJson(richReport(), en);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "tool": {\n    "name": "tactium-preflight",')).toBe(true);
    const report = parse(text);
    expect(Object.keys(report)).toEqual([
      'tool',
      'locale',
      'startedAt',
      'durationMs',
      'interrupted',
      'verifiedFrom',
      'summary',
      'verdict',
      'configErrors',
      'accounts',
    ]);
    expect(report.accounts.map((account) => Object.keys(account))).toEqual([
      ['name', 'provider', 'verdict', 'checks'],
      ['name', 'provider', 'verdict', 'checks'],
    ]);
    expect(report.tool).toEqual({ name: 'tactium-preflight', version: '0.1.0' });
    expect(report.startedAt).toBe('2025-06-02T12:00:00.000Z');
    expect(report.durationMs).toBe(12345);
    expect(report.interrupted).toBeNull();
    expect(report.locale).toBe('en');
    expect(report.accounts.map((account) => [account.name, account.provider, account.checks.length])).toEqual([
      ['atendimento', 'office365', 4],
      ['suporte', 'gmail', 4],
    ]);
    for (const check of report.accounts.flatMap((account) => account.checks)) {
      expect(Object.keys(check)).toEqual(['id', 'title', 'status', 'code', 'reason', 'durationMs', 'summary', 'evidence', 'remediation', 'trace']);
    }
  });

  it('writes, piece by piece, exactly the text of the whole document pretty-printed with two spaces', () => {
    const report = richReport();
    const several = { ...report, accounts: [...report.accounts, ...report.accounts.map((account) => ({ ...account, name: `${account.name}-2` }))] };
    for (const each of [report, several, { ...report, accounts: [] }]) {
      const parts = [...renderJsonParts(each, pt)];
      expect(parts.length).toBe(each.accounts.length === 0 ? 1 : each.accounts.length + 2);
      const text = parts.join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(renderJson(each, pt)).toBe(text);
      expect(parse(text).accounts.map((account) => account.name)).toEqual(each.accounts.map((account) => account.name));
    }
  });

  it('counts the statuses over every account', () => {
    expect(parse(renderJson(richReport(), en)).summary).toEqual({ pass: 2, warn: 1, fail: 1, skip: 3, error: 1 });
  });

  it('translates titles, summaries, reasons, labels and steps, and keeps absent values as null', () => {
    const report = parse(renderJson(richReport(), pt));
    expect(report.locale).toBe('pt-BR');
    const [pass, fail, skip, error] = report.accounts[0]!.checks;
    expect(pass).toMatchObject({ id: 'config.secrets-inline', title: 'Configuração', status: 'pass', code: null, reason: null, summary: 'ok' });
    expect(fail).toMatchObject({ id: 'smtp.tls', title: 'Envio (SMTP)', status: 'fail', code: 'TLS_CERT_EXPIRED', reason: null, durationMs: 250 });
    expect(fail!.summary).toBe('pulado porque smtp.connect não passou (fail)');
    expect(fail!.evidence[0]!.label).toBe('erro');
    expect(fail!.remediation).toEqual([
      { kind: 'portal', text: 'Microsoft Entra ID', target: null },
      { kind: 'command', text: 'login de um administrador (--admin)', target: LONG_COMMAND },
      { kind: 'url', text: 'login na caixa de correio (--login)', target: CONSENT_URL },
      { kind: 'text', text: 'acesso de rede aos servidores', target: null },
    ]);
    expect(skip).toMatchObject({ status: 'skip', code: 'NOT_APPLICABLE', reason: 'not-applicable', summary: 'não se aplica a esta conta' });
    expect(error).toMatchObject({ status: 'error', code: 'CHECK_CRASHED' });
    expect(error!.reason).toContain('isto é um defeito do tactium-preflight');
  });

  it('keeps every check, a non-applicable one with the untranslated reason "not-applicable"', () => {
    for (const t of [en, pt]) {
      const report = parse(renderJson(richReport(), t));
      expect(report.accounts.map((account) => account.checks.length)).toEqual([4, 4]);
      expect(report.accounts[0]!.checks[2]).toMatchObject({ id: 'entra.app', status: 'skip', reason: 'not-applicable' });
      // Other skips keep their translated reason.
      expect(report.accounts[1]!.checks[2]!.reason).not.toBe('not-applicable');
    }
  });

  it('gives each account and the run the verdict of verdict.ts, and a broken file as a config error', () => {
    const report = parse(renderJson(richReport(), en));
    expect(report.accounts.map((account) => account.verdict)).toEqual(['not-ready', 'ready-with-warnings']);
    expect(report.verdict).toBe('not-ready');
    expect(report.configErrors).toEqual([]);
    const issue = {
      file: 'clientes/beta.yaml',
      line: 4,
      column: 11,
      path: 'accounts[0].name',
      message: msg('configfile.read.missing'),
      hints: [msg('status.pass')],
    };
    const healthy = richReport();
    const withError = {
      ...healthy,
      accounts: [{ ...healthy.accounts[1]!, checks: healthy.accounts[1]!.checks.filter((check) => check.status !== 'skip') }],
      configErrors: [{ source: 'beta.yaml', issues: [issue] }],
    };
    const broken = parse(renderJson(withError, en));
    expect(broken.accounts[0]!.verdict).toBe('ready-with-warnings');
    expect(broken.verdict).toBe('not-verified');
    expect(broken.configErrors).toEqual([
      { file: 'clientes/beta.yaml', line: 4, column: 11, path: 'accounts[0].name', message: en.message(msg('configfile.read.missing')), hints: ['pass'] },
    ]);
  });

  it('keeps evidence values untranslated and exact, escapes and all', () => {
    const fail = parse(renderJson(richReport(), pt)).accounts[0]!.checks[1]!;
    expect(fail.evidence[1]!.value).toBe('554 5.7.1 \u001b[31mrejected\u001b[0m | see\nhttps://aka.ms/smtp');
  });

  it('includes the transcript entries with time, direction and text', () => {
    const fail = parse(renderJson(richReport(), en)).accounts[0]!.checks[1]!;
    expect(fail.trace.slice(0, 3)).toEqual([
      { atMs: 0, direction: 'server', text: '220 smtp.example.test ESMTP' },
      { atMs: 3, direction: 'client', text: 'EHLO notebook-ti' },
      { atMs: 12, direction: 'tls', text: 'TLSv1.3 TLS_AES_256_GCM_SHA384' },
    ]);
    expect(parse(renderJson(richReport(), en)).accounts[1]!.checks[0]!.trace).toEqual([]);
  });

  it('records the interruption and where it was verified from, without proxy credentials', () => {
    const report = parse(renderJson(richReport({ interrupted: 'SIGTERM' }), en));
    expect(report.interrupted).toBe('SIGTERM');
    expect(report.verifiedFrom).toEqual({
      hostname: 'notebook-ti',
      addresses: ['192.168.0.10', 'fe80::1'],
      platform: 'win32 x64',
      proxy: 'http://[redacted]@proxy.contoso.local:3128',
      at: '2025-06-02T12:00:12.345Z',
    });
    expect(parse(renderJson(richReport({ verifiedFrom: { ...richReport().verifiedFrom, proxy: null } }), en)).verifiedFrom.proxy).toBeNull();
  });

  it('contains no ANSI code and no registered secret, in any encoding', () => {
    const text = renderJson(richReport(), en);
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY_BASE64);
    expect(text).not.toContain(SPACED_CANARY);
    expect(text).not.toContain('proxypass');
    expect(parse(text).accounts[0]!.checks[1]!.evidence[0]!.value).toBe('535 5.7.3 Authentication unsuccessful [redacted]');
  });
});
