import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ConfigError } from '../errors/index.js';
import { CONFIG_SCHEMA_ID, configJsonSchema } from './json-schema.js';
import { parseConfigText } from './load/index.js';

const EXAMPLE_ENV = {
  TACTIUM_CLIENT_SECRET: 'example-client-secret',
  GOOGLE_CLIENT_SECRET: 'example-google-secret',
  GOOGLE_REFRESH_TOKEN: 'example-refresh-token',
  GMAIL_APP_PASSWORD: 'exampleapppasswd',
};
const EXAMPLES = ['fixtures/office365.example.yaml', 'fixtures/gmail.example.yaml'];

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(configJsonSchema());

/** The loader's verdict: true when the text loads, false on a ConfigError; anything else is a bug. */
async function loads(text: string): Promise<boolean> {
  try {
    await parseConfigText(text, resolve('test/fixtures/config/verdict.yaml'), { env: EXAMPLE_ENV });
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

describe('configJsonSchema', () => {
  it('is a draft 2020-12 schema with our $id, a title and descriptions from the zod schema', () => {
    const schema = configJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(schema.title).toEqual(expect.any(String));
    expect(JSON.stringify(schema)).toContain('Directory (tenant) ID: a GUID or a verified domain');
  });

  it('carries the provider rules as if/then clauses on the account', () => {
    const schema = configJsonSchema() as { properties: { accounts: { items: { allOf: Array<Record<string, unknown>> } } } };
    const comments = schema.properties.accounts.items.allOf.map((clause) => clause.$comment);
    expect(comments).toEqual(expect.arrayContaining(['rule office365.oauth2.flow', 'rule gmail.azure-fields', 'rule imap.incoming']));
    expect(schema.properties.accounts.items.allOf.every((clause) => 'if' in clause && 'then' in clause)).toBe(true);
  });

  it.each(EXAMPLES)('validates and loads the annotated example %s', async (example) => {
    const text = await readFile(example, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/config.schema.json');
    const valid = validate(parseYaml(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const config = await parseConfigText(text, resolve(example), { env: EXAMPLE_ENV });
    expect(config.accounts.length).toBe(2);
    expect(config.accounts.every((account) => account.positions.has(''))).toBe(true);
  });

  const ACCOUNT = ['version: 1', 'accounts:', '  - name: a'];
  const BROKEN: Array<[string, string[]]> = [
    [
      'office365 oauth2 without flow',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, tenantId: contoso.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c }',
      ],
    ],
    [
      'delegated without redirectUri',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, flow: delegated, tenantId: contoso.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: s }',
      ],
    ],
    [
      'office365 with a Google client ID',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, flow: application, tenantId: contoso.com, clientId: 1-a.apps.googleusercontent.com, clientSecret: s }',
      ],
    ],
    [
      'gmail with Azure fields',
      [...ACCOUNT, '    provider: gmail', '    mailbox: a@gmail.com', '    auth: { method: password, password: p, tenantId: contoso.com }'],
    ],
    [
      'gmail with a GUID client ID',
      [
        ...ACCOUNT,
        '    provider: gmail',
        '    mailbox: a@gmail.com',
        '    auth: { method: oauth2, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: s, refreshToken: r }',
      ],
    ],
    ['gmail with cloud', [...ACCOUNT, '    provider: gmail', '    mailbox: a@gmail.com', '    auth: { method: password, password: p }', '    cloud: global']],
    [
      'imap without outgoing',
      [
        ...ACCOUNT,
        '    provider: imap',
        '    mailbox: a@b.com',
        '    auth: { method: password, password: p }',
        '    incoming: { host: mail.b.com, port: 993, security: tls }',
      ],
    ],
    [
      'imap oauth2 without a token',
      [
        ...ACCOUNT,
        '    provider: imap',
        '    mailbox: a@b.com',
        '    auth: { method: oauth2 }',
        '    incoming: { host: mail.b.com, port: 993, security: tls }',
        '    outgoing: { host: mail.b.com, port: 587, security: starttls }',
      ],
    ],
    [
      'port out of range',
      [...ACCOUNT, '    provider: gmail', '    mailbox: a@gmail.com', '    auth: { method: password, password: p }', '    outgoing: { port: 70000 }'],
    ],
    ['unknown key', [...ACCOUNT, '    provider: gmail', '    mailbox: a@gmail.com', '    auth: { method: password, pasword: p }']],
    ['misspelt provider', [...ACCOUNT, '    provider: office356', '    mailbox: a@gmail.com', '    auth: { method: password, password: p }']],
    [
      'http endpoint',
      [
        ...ACCOUNT,
        '    provider: gmail',
        '    mailbox: a@gmail.com',
        '    auth: { method: password, password: p }',
        '    endpoints: { googleToken: "http://oauth2.googleapis.com/token" }',
      ],
    ],
    [
      'http redirect URI off loopback',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, flow: delegated, tenantId: contoso.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: s, redirectUri: "http://crm.example.com/cb" }',
      ],
    ],
    ['version 2', ['version: 2', ...ACCOUNT.slice(1), '    provider: gmail', '    mailbox: a@gmail.com', '    auth: { method: password, password: p }']],
  ];

  it.each(BROKEN)('rejects a file with %s in both the loader and the JSON Schema', async (_name, lines) => {
    const text = `${lines.join('\n')}\n`;
    expect(validate(parseYaml(text))).toBe(false);
    expect(await loads(text)).toBe(false);
  });

  const FINE: Array<[string, string[]]> = [
    [
      'delegated with only an access token',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, flow: delegated, tenantId: contoso.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, accessToken: t }',
      ],
    ],
    [
      'a loopback redirect URI',
      [
        ...ACCOUNT,
        '    provider: office365',
        '    mailbox: a@contoso.com',
        '    auth: { method: oauth2, flow: delegated, tenantId: contoso.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: s, redirectUri: "http://localhost:8400/cb" }',
      ],
    ],
    [
      'imap with every server key',
      [
        ...ACCOUNT,
        '    provider: imap',
        '    mailbox: a@b.com',
        '    auth: { method: oauth2, accessToken: t }',
        '    incoming: { protocol: pop3, host: mail.b.com, port: 995, security: tls }',
        '    outgoing: { host: 10.0.0.5, port: 25, security: none }',
      ],
    ],
  ];

  it.each(FINE)('accepts a file with %s in both the loader and the JSON Schema', async (_name, lines) => {
    const text = `${lines.join('\n')}\n`;
    expect(validate(parseYaml(text))).toBe(true);
    expect(await loads(text)).toBe(true);
  });

  it('gives the same verdict as the loader on generated accounts (one source, one verdict)', async () => {
    // Valid accounts of every kind, each then changed in up to two places: the verdicts land on both sides
    // of every rule's boundary.
    const guid = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
    const google = '123456789012-abc.apps.googleusercontent.com';
    const servers = {
      incoming: { host: 'mail.example.com', port: 993, security: 'tls' },
      outgoing: { host: 'mail.example.com', port: 587, security: 'starttls' },
    };
    const bases: Array<Record<string, unknown>> = [
      { provider: 'office365', auth: { method: 'oauth2', flow: 'application', tenantId: 'contoso.com', clientId: guid, clientSecret: 's' } },
      {
        provider: 'office365',
        auth: { method: 'oauth2', flow: 'delegated', tenantId: guid, clientId: guid, clientSecret: 's', redirectUri: 'https://crm.example.com/cb' },
      },
      { provider: 'office365', auth: { method: 'password', password: 'p' }, cloud: 'china' },
      { provider: 'gmail', auth: { method: 'oauth2', clientId: google, clientSecret: 's', refreshToken: 'r' } },
      { provider: 'gmail', auth: { method: 'password', password: 'p' } },
      { provider: 'imap', auth: { method: 'password', password: 'p' }, ...servers },
      { provider: 'imap', auth: { method: 'oauth2', accessToken: 't' }, ...servers },
    ];
    const keys = [
      'provider',
      'auth.method',
      'auth.flow',
      'auth.tenantId',
      'auth.clientId',
      'auth.objectId',
      'auth.secretId',
      'auth.clientSecret',
      'auth.redirectUri',
      'auth.password',
      'auth.refreshToken',
      'auth.accessToken',
      'cloud',
      'incoming.host',
      'incoming.port',
      'outgoing.security',
      'endpoints.login',
    ];
    const values: Record<string, unknown[]> = {
      provider: ['office365', 'gmail', 'imap'],
      'auth.method': ['oauth2', 'password'],
      'auth.flow': ['delegated', 'application'],
      'auth.tenantId': [guid, 'contoso.onmicrosoft.com', 'contoso'],
      'auth.clientId': [guid, google, 'x'],
      'auth.objectId': [guid],
      'auth.secretId': [guid],
      'auth.redirectUri': ['https://crm.example.com/cb', 'http://localhost:8400/cb', 'http://crm.example.com/cb'],
      cloud: ['global', 'usgov'],
      'incoming.host': ['mail.example.com', 'imaps://mail.example.com'],
      'incoming.port': [995, 0],
      'outgoing.security': ['tls', 'none'],
      'endpoints.login': ['https://login.example.test', 'http://login.example.test'],
    };
    const change = fc.tuple(fc.constantFrom(...keys), fc.boolean(), fc.nat());
    const generated = fc.record({ base: fc.constantFrom(...bases), changes: fc.array(change, { maxLength: 2 }) });

    const apply = (base: Record<string, unknown>, changes: Array<[string, boolean, number]>) => {
      const account: Record<string, unknown> = structuredClone({ name: 'generated', mailbox: 'a@contoso.com', ...base });
      for (const [key, remove, pick] of changes) {
        const [head, tail] = key.split('.') as [string, string | undefined];
        const pool = values[key] ?? ['literal-secret'];
        const value = pool[pick % pool.length];
        if (tail === undefined) {
          if (remove) delete account[head];
          else account[head] = value;
          continue;
        }
        const parent = (account[head] ??= {}) as Record<string, unknown>;
        if (remove) delete parent[tail];
        else parent[tail] = value;
      }
      return account;
    };

    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(generated, async ({ base, changes }) => {
        const document = { version: 1, accounts: [apply(base, changes)] };
        const verdict = validate(document);
        if (verdict) accepted++;
        expect(await loads(stringifyYaml(document))).toBe(verdict);
      }),
      { numRuns: 1000 },
    );
    // Both verdicts must occur often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(850);
  });
});
