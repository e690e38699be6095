import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseConfigText } from '../config/load/index.js';
import type { PreflightConfig } from '../config/types.js';
import { createTranslator } from '../i18n/index.js';
import { reportJson } from '../../test/support/handoff-report.js';
import { buildHandoffSheet, customerOf } from './sheet.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const values = (text: string, file = '/tmp/x.yaml'): Promise<PreflightConfig> => parseConfigText(text, file, { resolveSecrets: false });
const t = createTranslator('en');
const options = { t, source: { kind: 'run' } as const, tool: { name: 'tactium-preflight', version: '1.0.0' }, now: new Date('2026-11-28T00:00:00Z') };

describe('buildHandoffSheet', () => {
  it("puts each item beside its checks' verdict, the fixes in the appendix, the account's and the run's verdict", async () => {
    const config = await values(fixture('office365.example.yaml'));
    const report = reportJson([
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          { id: 'config.smtp-port', status: 'pass' },
          { id: 'smtp.connect', status: 'fail', code: 'TCP_REFUSED', summary: 'refused', remediation: [{ kind: 'text', text: 'open 587', target: null }] },
          { id: 'dns.outgoing', status: 'pass' },
          { id: 'entra.tenant', status: 'skip', code: 'NOT_APPLICABLE', reason: 'not applicable' },
          {
            id: 'entra.admin-user',
            status: 'skip',
            code: 'ENTRA_ADMIN_SIGNIN_UNAVAILABLE',
            reason: 'needs --admin',
            remediation: [{ kind: 'text', text: 'run again with --admin', target: null }],
          },
          { id: 'config.secret-id-as-secret', status: 'warn', summary: 'hmm' },
        ],
      },
    ]);
    const sheet = buildHandoffSheet(config, report, { ...options, source: { kind: 'saved', file: 'r.json' } });
    const [first, second] = sheet.accounts;
    const item = (label: string) => first!.items.find((candidate) => candidate.label === label)!;
    expect(item(t.t('handoff.item.outgoingServer'))).toMatchObject({
      value: 'smtp.office365.com',
      verdict: 'fail',
      checks: [
        { id: 'smtp.connect', status: 'fail' },
        { id: 'dns.outgoing', status: 'pass' },
      ],
    });
    expect(item(t.t('handoff.item.outgoingPort'))).toMatchObject({ verdict: 'fail' });
    expect(item(t.t('handoff.item.tenant'))).toMatchObject({ verdict: 'not-verified', checks: [] });
    expect(item(t.t('handoff.item.clientSecret'))).toMatchObject({ value: null, secret: true, verdict: 'warn' });
    expect(item(t.t('handoff.item.flow'))).toMatchObject({ value: t.t('handoff.flow.application'), worded: true });
    expect(first!.toFix.map((fix) => [fix.id, fix.status])).toEqual([
      ['smtp.connect', 'fail'],
      ['entra.admin-user', 'skip'],
      ['config.secret-id-as-secret', 'warn'],
    ]);
    // A skip is explained by its reason; a known check gets its title in the sheet's language.
    expect(first!.toFix[1]!.summary).toBe('needs --admin');
    expect(first!.toFix[0]!.title).toBe(t.t('smtp.connect.title'));
    expect(first!.missing).toEqual([]);
    expect(first!.verdict).toBe('not-ready');
    // The second account is not in the saved report: nothing of it is verified, and it says so.
    expect(second!.inReport).toBe(false);
    expect(second!.verdict).toBe('not-verified');
    expect(second!.items.every((entry) => entry.verdict === 'not-verified')).toBe(true);
    expect(second!.missing).toEqual([t.t('handoff.item.objectId'), t.t('handoff.item.secretId'), t.t('handoff.item.secretExpiry'), t.t('handoff.item.admin')]);
    expect(sheet.verdict).toBe('not-ready');
    expect(sheet.verification).toMatchObject({ toolVersion: '9.9.9', startedAt: '2026-11-27T10:00:00.000Z' });
    expect(sheet.tool.version).toBe('1.0.0');
  });

  it("says what is still to do in the customer's words: what to send, what failed, what an administrator must confirm", async () => {
    const config = await values(fixture('office365.example.yaml'));
    const report = reportJson([
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          { id: 'smtp.connect', status: 'pass' },
          { id: 'smtp.auth', status: 'fail', code: 'AUTH_REJECTED' },
          { id: 'smtp.send', status: 'fail', code: 'SMTP_REJECTED' },
          { id: 'entra.credentials', status: 'fail', code: 'ENTRA_SECRET_INVALID' },
          { id: 'entra.object-id', status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE' },
          { id: 'entra.admin-user', status: 'error', code: 'INTERNAL' },
        ],
      },
      { name: 'vendas', provider: 'office365', checks: [] },
    ]);
    const sheet = buildHandoffSheet(config, report, options);
    const todo = sheet.accounts[0]!.todo.map((line) => [line.verdict, line.subject, line.text]);
    expect(todo).toEqual(
      expect.arrayContaining([
        ['fail', t.t('handoff.item.clientSecret'), t.t('handoff.todo.clientSecret')],
        ['error', t.t('handoff.item.admin'), t.t('handoff.todo.error')],
        // No item owns a refused test message, nor (on an OAuth sheet, without a password item) a refused
        // SMTP login: still to do, named by the checks' titles.
        ['fail', null, t.t('handoff.todo.checks', { checks: [t.t('smtp.auth.title'), t.t('smtp.send.title')].join(' · ') })],
      ]),
    );
    expect(todo.find((line) => line[1] === t.t('handoff.item.outgoingServer'))).toBeUndefined();
    // Skipped for want of an administrator's sign-in: to confirm with one.
    expect(todo).toContainEqual(['not-verified', null, expect.stringContaining(t.t('handoff.item.objectId'))]);
    expect(todo.find((line) => String(line[2]).includes(t.t('handoff.item.objectId')))![2]).toMatch(
      /^Still to confirm with a sign-in of a tenant administrator: /,
    );
    const second = sheet.accounts[1]!.todo;
    expect(second[0]).toEqual({
      verdict: 'not-verified',
      subject: null,
      text: t.t('handoff.todo.missing', {
        items: [t.t('handoff.item.objectId'), t.t('handoff.item.secretId'), t.t('handoff.item.secretExpiry'), t.t('handoff.item.admin')].join(' · '),
      }),
    });
  });

  it('says "not verified" for an item the file does not give, even when a check about it passed', async () => {
    const config = await values(fixture('office365.example.yaml'));
    const report = reportJson([{ name: 'vendas', provider: 'office365', checks: [{ id: 'entra.secret-expiry', status: 'pass' }] }]);
    const sheet = buildHandoffSheet(config, report, options);
    const secretId = sheet.accounts[1]!.items.find((entry) => entry.label === t.t('handoff.item.secretId'))!;
    expect(secretId).toMatchObject({ value: null, verdict: 'not-verified' });
  });

  it("names the customer from `customer:`, else the file's name; the technician when given", async () => {
    expect(customerOf({ customer: 'Contoso Ltda.', file: '/x/clientes/contoso.yaml' })).toBe('Contoso Ltda.');
    expect(customerOf({ file: '/x/clientes/contoso.yaml' })).toBe('contoso');
    expect(customerOf({ file: '/x/clientes/.yaml' })).toBe('.yaml');
    const config = await values(`customer: Loja Exemplo\n${fixture('office365.example.yaml')}`);
    const report = reportJson([]);
    expect(buildHandoffSheet(config, report, options)).toMatchObject({ customer: 'Loja Exemplo', technician: null });
    expect(buildHandoffSheet(config, report, { ...options, technician: '  Rafael Lima ' }).technician).toBe('Rafael Lima');
  });
});
