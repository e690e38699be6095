import { makeAccount, secret } from '../../test/support/check-context.js';
import { gmailHandoffItems } from './gmail-items.js';

const CLIENT_ID = '123456789012-abcdef.apps.googleusercontent.com';

describe('gmailHandoffItems', () => {
  it('lists what a personal Gmail account with an app password sends, the password as a secret without value', () => {
    const items = gmailHandoffItems(
      makeAccount({
        provider: 'gmail',
        mailbox: 'loja@gmail.com',
        auth: { method: 'password', password: secret('abcdefghijklmnop') },
        incoming: { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'tls' },
        outgoing: { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
      }),
    );
    expect(items.map((item) => [item.key, item.value])).toEqual([
      ['gmail.handoff.mailbox', 'loja@gmail.com'],
      ['gmail.handoff.appPassword', null],
      ['gmail.handoff.incomingProtocol', 'IMAP'],
      ['gmail.handoff.incomingServer', 'imap.gmail.com'],
      ['gmail.handoff.incomingPort', '993'],
      ['gmail.handoff.incomingSecurity', 'SSL/TLS'],
      ['gmail.handoff.outgoingServer', 'smtp.gmail.com'],
      ['gmail.handoff.outgoingPort', '587'],
      ['gmail.handoff.outgoingSecurity', 'STARTTLS'],
    ]);
    expect(items.find((item) => item.key === 'gmail.handoff.appPassword')).toEqual({
      key: 'gmail.handoff.appPassword',
      value: null,
      secret: true,
    });
  });

  it('lists the Google Cloud OAuth client, its secret and refresh token, and the Workspace administrator steps', () => {
    const items = gmailHandoffItems(
      makeAccount({
        provider: 'gmail',
        mailbox: 'atendimento@empresa.com.br',
        admin: { user: 'ti@empresa.com.br' },
        auth: {
          method: 'oauth2',
          password: undefined,
          clientId: CLIENT_ID,
          clientSecret: secret('GOCSPX-secret-value'),
          refreshToken: secret('1//0refresh-value'),
        },
        incoming: { protocol: 'pop3', host: 'pop.gmail.com', port: 995, security: 'tls' },
      }),
    );
    const byKey = Object.fromEntries(items.map((item) => [item.key, item]));
    expect(byKey['gmail.handoff.clientId']).toMatchObject({ value: CLIENT_ID, secret: false });
    expect(byKey['gmail.handoff.clientSecret']).toMatchObject({ value: null, secret: true });
    expect(byKey['gmail.handoff.refreshToken']).toMatchObject({ value: null, secret: true });
    expect(byKey['gmail.handoff.scope']?.value).toBe('https://mail.google.com/');
    expect(byKey['gmail.handoff.incomingProtocol']?.value).toBe('POP3');
    expect(byKey['gmail.handoff.workspaceAdmin']?.value).toBe('ti@empresa.com.br');
    expect(byKey['gmail.handoff.workspaceMailAccess']).toMatchObject({ value: 'POP3' });
    expect(byKey['gmail.handoff.workspaceTrustedClient']).toMatchObject({ value: CLIENT_ID });
    expect(byKey['gmail.handoff.appPassword']).toBeUndefined();
  });

  it('never carries a secret value', () => {
    const items = gmailHandoffItems(
      makeAccount({
        provider: 'gmail',
        auth: {
          method: 'oauth2',
          clientId: CLIENT_ID,
          clientSecret: secret('GOCSPX-secret-value'),
          refreshToken: secret('1//0refresh-value'),
          password: secret('abcdefghijklmnop'),
        },
      }),
    );
    expect(JSON.stringify(items)).not.toMatch(/GOCSPX-secret-value|1\/\/0refresh-value|abcdefghijklmnop/);
    expect(items.filter((item) => item.secret).every((item) => item.value === null)).toBe(true);
  });
});
