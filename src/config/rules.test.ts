import { CONFIG_RULES, checkAccountRules, rulesAsJsonSchema } from './rules.js';

const GUID = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';

function violated(account: unknown): Array<[string, string, readonly string[]]> {
  return checkAccountRules(account).map((violation) => [violation.rule.id, violation.message, violation.keys]);
}

describe('checkAccountRules', () => {
  it('passes complete accounts of every provider', () => {
    expect(
      violated({ provider: 'office365', auth: { method: 'oauth2', flow: 'application', tenantId: 'contoso.com', clientId: GUID, clientSecret: 's' } }),
    ).toEqual([]);
    expect(
      violated({ provider: 'gmail', auth: { method: 'oauth2', clientId: '1-a.apps.googleusercontent.com', clientSecret: 's', refreshToken: 'r' } }),
    ).toEqual([]);
    const server = { host: 'mail.example.com', port: 993, security: 'tls' };
    expect(violated({ provider: 'imap', auth: { method: 'password', password: 'p' }, incoming: server, outgoing: server })).toEqual([]);
  });

  it('lists the missing keys of one rule together, grouped by parent mapping', () => {
    expect(violated({ provider: 'imap', auth: { method: 'password', password: 'p' }, incoming: { host: 'mail.example.com' } })).toEqual([
      ['imap.incoming', 'configfile.rule.imapServers', ['incoming.port', 'incoming.security']],
      ['imap.outgoing', 'configfile.rule.imapServers', ['outgoing.host', 'outgoing.port', 'outgoing.security']],
    ]);
  });

  it('waives the sign-in secrets when an access token is given', () => {
    expect(violated({ provider: 'office365', auth: { method: 'oauth2', flow: 'delegated', tenantId: 'contoso.com', clientId: GUID } })).toEqual([
      ['office365.delegated.secret', 'configfile.rule.delegatedSecret', ['auth.clientSecret', 'auth.redirectUri']],
    ]);
    expect(
      violated({ provider: 'office365', auth: { method: 'oauth2', flow: 'delegated', tenantId: 'contoso.com', clientId: GUID, accessToken: 't' } }),
    ).toEqual([]);
    expect(violated({ provider: 'gmail', auth: { method: 'oauth2', accessToken: 't' } })).toEqual([]);
  });

  it('refuses Azure fields on Gmail and Office 365-only keys elsewhere', () => {
    expect(violated({ provider: 'gmail', auth: { method: 'password', password: 'p', objectId: GUID, secretId: GUID }, cloud: 'global' })).toEqual([
      ['gmail.azure-fields', 'configfile.rule.gmailAzure', ['auth.objectId', 'auth.secretId']],
      ['office365-only', 'configfile.rule.office365Only', ['cloud']],
    ]);
  });

  it("uses the sharper message when a client ID has the other provider's shape", () => {
    expect(
      violated({
        provider: 'office365',
        auth: { method: 'oauth2', flow: 'application', tenantId: 't.com', clientId: '1-a.apps.googleusercontent.com', clientSecret: 's' },
      }),
    ).toEqual([['office365.clientId', 'configfile.rule.office365ClientIdGoogle', ['auth.clientId']]]);
    expect(violated({ provider: 'gmail', auth: { method: 'oauth2', clientId: GUID, clientSecret: 's', refreshToken: 'r' } })).toEqual([
      ['gmail.clientId', 'configfile.rule.gmailClientIdAzure', ['auth.clientId']],
    ]);
    expect(violated({ provider: 'gmail', auth: { method: 'oauth2', clientId: 'abc', clientSecret: 's', refreshToken: 'r' } })).toEqual([
      ['gmail.clientId', 'configfile.rule.gmailClientIdGoogle', ['auth.clientId']],
    ]);
  });

  it('leaves accounts with an unknown provider or method to the schema', () => {
    expect(violated({ provider: 'office356', auth: { method: 'oauth2' } })).toEqual([]);
    expect(violated({ provider: 'office365', auth: 'oauth2' })).toEqual([]);
    expect(violated('not an account')).toEqual([]);
  });
});

describe('rulesAsJsonSchema', () => {
  it('emits one if/then clause per rule, with the English message as description', () => {
    const clauses = rulesAsJsonSchema();
    expect(clauses).toHaveLength(CONFIG_RULES.length);
    const delegated = clauses.find((clause) => clause.$comment === 'rule office365.delegated.secret')!;
    expect(delegated.description).toContain('auth.clientSecret, auth.redirectUri');
    expect(delegated.if).toEqual({
      type: 'object',
      required: ['provider', 'auth'],
      properties: {
        provider: { const: 'office365' },
        auth: {
          type: 'object',
          required: ['method', 'flow'],
          not: { type: 'object', required: ['accessToken'] },
          properties: { method: { const: 'oauth2' }, flow: { const: 'delegated' } },
        },
      },
    });
    expect(delegated.then).toEqual({ type: 'object', required: ['auth'], properties: { auth: { type: 'object', required: ['clientSecret', 'redirectUri'] } } });
    const gmail = clauses.find((clause) => clause.$comment === 'rule gmail.azure-fields')!;
    expect(gmail.then).toEqual({ type: 'object', properties: { auth: { type: 'object', properties: { tenantId: false, objectId: false, secretId: false } } } });
  });
});
