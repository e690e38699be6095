import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseConfigText } from '../config/load/index.js';
import type { PreflightConfig } from '../config/types.js';
import { handoffItems } from './items.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const values = (text: string): Promise<PreflightConfig> => parseConfigText(text, '/tmp/x.yaml', { resolveSecrets: false });

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
    expect(items.find((item) => item.key === 'handoff.item.clientSecret')).toEqual({ key: 'handoff.item.clientSecret', value: null, secret: true });
    expect(items.find((item) => item.key === 'handoff.item.permissions')!.value).toBe('IMAP.AccessAsApp, SMTP.SendAsApp');
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
