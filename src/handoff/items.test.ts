import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseConfigText } from '../config/load/index.js';
import type { PreflightConfig } from '../config/types.js';
import { createTranslator } from '../i18n/index.js';
import { reportJson } from '../../test/support/handoff-report.js';
import { buildHandoffSheet, handoffItems, verdictOf } from './items.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const values = (text: string): Promise<PreflightConfig> => parseConfigText(text, '/tmp/x.yaml', { resolveSecrets: false });
const t = createTranslator('en');

describe('handoffItems', () => {
  it('gives Office 365 application-flow items in the order of the sheet, the secret without a value', async () => {
    const config = await values(fixture('office365.example.yaml'));
    const items = handoffItems(config.accounts[0]!);
    expect(items.map((item) => item.key)).toEqual([
      'handoff.item.mailbox',
      'handoff.item.tenant',
      'handoff.item.clientId',
      'handoff.item.objectId',
      'handoff.item.secretId',
      'handoff.item.clientSecret',
      'handoff.item.secretExpiry',
      'handoff.item.flow',
      'handoff.item.permissions',
      'handoff.item.incomingProtocol',
      'handoff.item.incomingServer',
      'handoff.item.incomingPort',
      'handoff.item.incomingSecurity',
      'handoff.item.outgoingServer',
      'handoff.item.outgoingPort',
      'handoff.item.outgoingSecurity',
      'handoff.item.admin',
    ]);
    expect(items.find((item) => item.key === 'handoff.item.clientSecret')).toEqual({
      key: 'handoff.item.clientSecret',
      value: null,
      secret: true,
      verifiedBy: ['config.secret-id-as-secret', 'entra.credentials'],
    });
    expect(items.find((item) => item.key === 'handoff.item.permissions')!.value).toBe('IMAP.AccessAsApp, SMTP.SendAsApp');
    expect(items.find((item) => item.key === 'handoff.item.outgoingServer')!.verifiedBy).toEqual(['dns.outgoing', 'smtp.connect', 'smtp.auth', 'smtp.send']);
  });

  it('adds the redirect URI and the login name for the delegated flow, with its scopes; POP for pop3', async () => {
    const config = await values(
      fixture('office365.example.yaml').replace(
        '      username: ana.souza@contoso.com.br\n',
        '      username: ana.souza@contoso.com.br\n    incoming: { protocol: pop3 }\n',
      ),
    );
    const items = handoffItems(config.accounts[1]!);
    expect(items.find((item) => item.key === 'handoff.item.redirectUri')!.value).toBe('https://crm.example.com/oauth/callback');
    expect(items.find((item) => item.key === 'handoff.item.username')!.value).toBe('ana.souza@contoso.com.br');
    expect(items.find((item) => item.key === 'handoff.item.permissions')!.value).toBe('POP.AccessAsUser.All, SMTP.Send, offline_access');
    expect(items.find((item) => item.key === 'handoff.item.incomingServer')!.value).toBe('outlook.office365.com');
    expect(items.find((item) => item.key === 'handoff.item.incomingPort')!.value).toBe('995');
  });

  it('uses the Gmail items for Gmail (nothing from Azure), and servers plus login for IMAP', async () => {
    const gmail = await values(fixture('gmail.example.yaml'));
    const keys = handoffItems(gmail.accounts[0]!).map((item) => item.key);
    expect(keys).toContain('gmail.handoff.clientId');
    expect(keys.some((key) => /tenant|objectId|secretId/.test(key))).toBe(false);
    const imap = await values(
      'version: 1\naccounts:\n  - name: a\n    provider: imap\n    mailbox: a@example.test\n    auth: { method: oauth2, accessToken: "${env:T}" }\n    incoming: { host: mail.example.test, port: 143, security: starttls }\n    outgoing: { host: mail.example.test, port: 587, security: starttls }\n',
    );
    const items = handoffItems(imap.accounts[0]!);
    expect(items.map((item) => [item.key, item.value])).toEqual([
      ['handoff.item.mailbox', 'a@example.test'],
      ['handoff.item.login', 'a@example.test'],
      ['handoff.item.accessToken', null],
      ['handoff.item.incomingProtocol', 'IMAP'],
      ['handoff.item.incomingServer', 'mail.example.test'],
      ['handoff.item.incomingPort', '143'],
      ['handoff.item.incomingSecurity', 'STARTTLS'],
      ['handoff.item.outgoingServer', 'mail.example.test'],
      ['handoff.item.outgoingPort', '587'],
      ['handoff.item.outgoingSecurity', 'STARTTLS'],
    ]);
  });
});

describe('verdictOf', () => {
  it('is the worst status among the checks that ran; skips verified nothing', () => {
    expect(verdictOf([])).toBe('not-verified');
    expect(verdictOf(['skip', 'skip'])).toBe('not-verified');
    expect(verdictOf(['pass', 'skip'])).toBe('pass');
    expect(verdictOf(['pass', 'warn'])).toBe('warn');
    expect(verdictOf(['warn', 'fail', 'pass'])).toBe('fail');
    expect(verdictOf(['fail', 'error'])).toBe('error');
  });
});

describe('buildHandoffSheet', () => {
  it("puts each item beside its checks' verdict, lists what is missing and every fix", async () => {
    const config = await values(fixture('office365.example.yaml'));
    const report = reportJson([
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          { id: 'config.smtp-port', status: 'pass' },
          { id: 'smtp.connect', status: 'fail', code: 'TCP_REFUSED', summary: 'refused', remediation: [{ kind: 'text', text: 'open 587', target: null }] },
          { id: 'dns.outgoing', status: 'pass' },
          { id: 'entra.tenant', status: 'skip', reason: 'not applicable' },
          { id: 'entra.admin-user', status: 'skip', reason: 'needs --admin', remediation: [{ kind: 'text', text: 'run again with --admin', target: null }] },
          { id: 'config.secret-id-as-secret', status: 'warn', summary: 'hmm' },
        ],
      },
    ]);
    const sheet = buildHandoffSheet(config, report, {
      t,
      source: { kind: 'saved', file: 'r.json' },
      tool: { name: 'tactium-preflight', version: '1.0.0' },
      now: new Date('2026-11-28T00:00:00Z'),
    });
    const [first, second] = sheet.accounts;
    const item = (label: string) => first!.items.find((candidate) => candidate.label === label)!;
    expect(item(t.t('handoff.item.outgoingServer'))).toMatchObject({
      value: 'smtp.office365.com',
      verdict: 'fail',
      checks: [
        { id: 'dns.outgoing', status: 'pass' },
        { id: 'smtp.connect', status: 'fail' },
      ],
    });
    expect(item(t.t('handoff.item.outgoingPort'))).toMatchObject({ verdict: 'fail' });
    expect(item(t.t('handoff.item.tenant'))).toMatchObject({ verdict: 'not-verified', checks: [{ id: 'entra.tenant', status: 'skip' }] });
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
    // The second account is not in the saved report: nothing of it is verified, and it says so.
    expect(second!.inReport).toBe(false);
    expect(second!.items.every((entry) => entry.verdict === 'not-verified')).toBe(true);
    expect(second!.missing).toEqual([t.t('handoff.item.objectId'), t.t('handoff.item.secretId'), t.t('handoff.item.secretExpiry'), t.t('handoff.item.admin')]);
    expect(sheet.verification).toMatchObject({ toolVersion: '9.9.9', startedAt: '2026-11-27T10:00:00.000Z' });
    expect(sheet.tool.version).toBe('1.0.0');
  });

  it('says "not verified" for an item the file does not give, even when a check about it passed', async () => {
    const config = await values(fixture('office365.example.yaml'));
    const report = reportJson([{ name: 'vendas', provider: 'office365', checks: [{ id: 'config.secret-id-as-secret', status: 'pass' }] }]);
    const sheet = buildHandoffSheet(config, report, { t, source: { kind: 'run' }, tool: { name: 'x', version: '1' }, now: new Date() });
    const secretId = sheet.accounts[1]!.items.find((entry) => entry.label === t.t('handoff.item.secretId'))!;
    expect(secretId).toMatchObject({ value: null, verdict: 'not-verified' });
  });
});
