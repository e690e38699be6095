import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../i18n/index.js';
import { parseConfigText } from './load/index.js';
import { CONFIG_SCHEMA_ID, configJsonSchema } from './json-schema.js';
import { SCHEMA_FILE, schemaFileAction, schemaReference } from './schema-reference.js';
import type { AccountDraft } from './write/draft.js';
import { appendAccount, replaceAccount } from './write/edit.js';
import { renderNewConfig } from './write/render.js';

const t = createTranslator('pt-BR');
const en = createTranslator('en');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const ENV = {
  TACTIUM_CLIENT_SECRET: 's~ecret-value-x',
  GOOGLE_CLIENT_SECRET: 'g',
  GOOGLE_REFRESH_TOKEN: 'r',
  GMAIL_APP_PASSWORD: 'abcdefghijklmnop',
  MAILBOX_PASSWORD: 'p',
  ACCESS_TOKEN: 'a',
};

const office: AccountDraft = {
  name: 'atendimento',
  provider: 'office365',
  mailbox: 'atendimento@contoso.com.br',
  auth: {
    method: 'oauth2',
    flow: 'application',
    tenantId: 'contoso.onmicrosoft.com',
    clientId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
    objectId: '9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a',
    secretId: '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f',
    clientSecret: '${env:TACTIUM_CLIENT_SECRET}',
  },
  admin: { user: 'admin@contoso.com.br' },
  incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' },
  outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  cloud: 'global',
  literalSecrets: [],
};

const gmail: AccountDraft = {
  name: 'suporte',
  provider: 'gmail',
  mailbox: 'suporte@exemplo.com.br',
  auth: { method: 'password', password: '${env:GMAIL_APP_PASSWORD}' },
  incoming: { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'tls' },
  outgoing: { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
  literalSecrets: [],
};

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-write-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function load(text: string) {
  return parseConfigText(text, join(directory, 'x.yaml'), { env: ENV });
}

describe('renderNewConfig', () => {
  it('writes a file that loads, with the schema header and a comment above every key', async () => {
    const text = renderNewConfig(office, t, join(directory, 'novo.yaml'), new Date('2026-11-27T10:00:00Z'));
    // Beside the file, not into the install folder: it survives a copy, a mail or a commit.
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./tactium-preflight.schema.json');
    expect(text).toContain('2026-11-27');
    const config = await load(text);
    expect(config.accounts[0]).toMatchObject({ name: 'atendimento', auth: { flow: 'application', objectId: office.auth.objectId }, outgoing: { port: 587 } });
    // Every key line is preceded by a comment line.
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (/^\s*(- )?[a-zA-Z]+:( |$)/.test(line) && !line.trimStart().startsWith('#'))
        expect([line, lines[index - 1]!.trimStart().startsWith('#')]).toEqual([line, true]);
    });
  });

  it('single-quotes a literal secret so that no character is read as an escape, and marks it', async () => {
    const secret = `a'b\\c"d~#e: f`;
    const text = renderNewConfig(
      { ...office, auth: { ...office.auth, clientSecret: secret }, literalSecrets: ['clientSecret'] },
      en,
      join(directory, 'x.yaml'),
    );
    expect(text).toContain(`clientSecret: 'a''b\\c"d~#e: f'`);
    expect(text).toContain(`# ${en.t('wizard.yaml.literalSecret').split('\n')[0]}`);
    expect((await load(text)).accounts[0]!.auth.clientSecret!.reveal()).toBe(secret);
  });

  it('writes every provider and method in a form the loader accepts', async () => {
    const drafts: AccountDraft[] = [
      office,
      {
        ...office,
        auth: {
          method: 'oauth2',
          flow: 'delegated',
          tenantId: office.auth.tenantId,
          clientId: office.auth.clientId,
          clientSecret: '${file:segredo.txt}',
          redirectUri: 'https://crm.example.com/cb',
          username: 'ana@contoso.com.br',
        },
      },
      { ...office, auth: { method: 'password', password: '${env:MAILBOX_PASSWORD}' } },
      gmail,
      {
        ...gmail,
        auth: {
          method: 'oauth2',
          clientId: '1234-abc.apps.googleusercontent.com',
          clientSecret: '${env:GOOGLE_CLIENT_SECRET}',
          refreshToken: '${env:GOOGLE_REFRESH_TOKEN}',
        },
        admin: { user: 'ti@exemplo.com.br' },
      },
      {
        ...gmail,
        provider: 'imap',
        incoming: { protocol: 'pop3', host: 'pop.example.test', port: 995, security: 'tls' },
        outgoing: { host: '10.0.0.5', port: 25, security: 'starttls' },
      },
      { ...gmail, provider: 'imap', auth: { method: 'oauth2', accessToken: '${env:ACCESS_TOKEN}' } },
    ];
    for (const draft of drafts) {
      const text = renderNewConfig(draft, t, join(directory, 'x.yaml'));
      await expect(parseConfigText(text, join(directory, 'x.yaml'), { resolveSecrets: false })).resolves.toBeDefined();
    }
  });

  it('writes the customer when given, quoted as YAML needs, so the handoff sheet opens with it', async () => {
    for (const customer of ['Contoso Comércio Ltda.', 'Loja: "A" #1', 'yes']) {
      const text = renderNewConfig(office, t, join(directory, 'novo.yaml'), new Date('2026-11-27T10:00:00Z'), customer);
      expect((await load(text)).customer).toBe(customer);
    }
    expect((await load(renderNewConfig(office, t, join(directory, 'novo.yaml')))).customer).toBeUndefined();
  });

  it('writes the schema beside the file unless the same one is there, and never over a file of someone else', () => {
    const current = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    expect(schemaReference()).toBe(`./${SCHEMA_FILE}`);
    expect(schemaFileAction(undefined, current)).toBe('write');
    expect(schemaFileAction(current, current)).toBe('keep');
    // An older version of ours is replaced; anything else of that name is left alone.
    expect(schemaFileAction(JSON.stringify({ $id: CONFIG_SCHEMA_ID, title: 'old' }), current)).toBe('write');
    expect(schemaFileAction(JSON.stringify({ $id: 'https://example.com/other.json' }), current)).toBe('foreign');
    expect(schemaFileAction('not json', current)).toBe('foreign');
  });
});

describe('replaceAccount', () => {
  const original = fixture('office365.example.yaml');

  it('changes only the value that changed, keeping alignment and inline comments', () => {
    const edited = replaceAccount(
      original,
      0,
      {
        ...office,
        auth: { ...office.auth, tenantId: '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f', secretExpiresOn: '2027-05-31', clientId: office.auth.clientId },
        outgoing: { ...office.outgoing, port: 25 },
      },
      t,
    );
    expect(edited).toBe(original.replace('port: 587                 # 587 with STARTTLS', 'port: 25                 # 587 with STARTTLS'));
  });

  it('adds new keys under their mapping with their comment, removes dropped ones with theirs', async () => {
    const draft: AccountDraft = {
      ...office,
      auth: {
        ...office.auth,
        tenantId: '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f',
        objectId: undefined,
        secretExpiresOn: '2027-05-31',
        username: 'login@contoso.com.br',
      },
    };
    const edited = replaceAccount(original, 0, draft, en);
    expect(edited).not.toContain('objectId: 9a0e5f7c');
    expect(edited).not.toContain('Optional: the "Object ID" as the customer copied it');
    expect(edited).toContain(`      # ${en.t('wizard.yaml.username')}\n      username: login@contoso.com.br\n`);
    expect(edited).toContain('# Optional, any provider with oauth2: test a token you already have');
    const config = await load(edited);
    expect(config.accounts[0]!.auth).toMatchObject({ username: 'login@contoso.com.br' });
    expect(config.accounts[0]!.auth.objectId).toBeUndefined();
    expect(config.accounts[1]!.name).toBe('vendas');
  });

  it('turns an Office 365 account into a Gmail one: the Azure-only keys go, the rest of the file stays', async () => {
    const edited = replaceAccount(original, 1, { ...gmail, name: 'vendas' }, t);
    const config = await load(edited);
    expect(config.accounts[1]).toMatchObject({ name: 'vendas', provider: 'gmail', auth: { method: 'password' } });
    expect(edited.slice(edited.indexOf('- name: vendas'))).not.toMatch(/tenantId|flow:|redirectUri|clientSecret|username/);
    // Keys the wizard does not own (endpoints) are kept.
    expect(config.accounts[1]!.explicit.has('endpoints.login')).toBe(true);
    expect(edited.slice(0, edited.indexOf('- name: vendas'))).toBe(original.slice(0, original.indexOf('- name: vendas')));
  });

  it('drops a mapping whose last key goes (no `admin:` left empty)', async () => {
    const edited = replaceAccount(
      original,
      0,
      { ...office, admin: undefined, auth: { ...office.auth, tenantId: '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f', secretExpiresOn: '2027-05-31' } },
      t,
    );
    expect(edited).not.toMatch(/^\s+admin:/m);
    expect((await load(edited)).accounts[0]!.admin).toBeUndefined();
  });

  it('leaves the provider defaults unwritten where the file did not write them', async () => {
    const vendas: AccountDraft = {
      ...office,
      name: 'vendas',
      mailbox: 'vendas@contoso.com.br',
      auth: {
        method: 'oauth2',
        flow: 'delegated',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: office.auth.clientId,
        clientSecret: '${env:TACTIUM_CLIENT_SECRET}',
        redirectUri: 'https://crm.example.com/oauth/callback',
        username: 'ana.souza@contoso.com.br',
      },
      admin: undefined,
    };
    expect(replaceAccount(original, 1, vendas, t)).toBe(original);
    const edited = replaceAccount(original, 1, { ...vendas, incoming: { protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' } }, en);
    const vendasPart = edited.slice(edited.indexOf('- name: vendas'));
    expect(vendasPart).toContain('    incoming:\n      # imap | pop3\n      protocol: pop3\n');
    expect(vendasPart).not.toMatch(/^\s+(host: outlook|port: 995|security:|cloud:)/m);
    expect((await load(edited)).accounts[1]!.incoming).toEqual({ protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' });
  });

  it('falls back to the Document API for flow mappings, keeping the comments', async () => {
    const text = [
      '# cabeçalho',
      'version: 1',
      'accounts:',
      '  - name: lento   # o servidor lento',
      '    provider: imap',
      '    mailbox: lento@example.test',
      '    auth: { method: password, password: "${env:SLOW_PASSWORD}" }',
      '    incoming: { protocol: imap, host: 127.0.0.1, port: 993, security: tls }',
      '    outgoing: { host: 127.0.0.1, port: 587, security: starttls }',
      '',
    ].join('\n');
    const draft: AccountDraft = {
      ...gmail,
      provider: 'imap',
      name: 'lento',
      mailbox: 'lento@example.test',
      auth: { method: 'password', password: '${env:SLOW_PASSWORD}', username: 'lento' },
      incoming: { protocol: 'imap', host: '127.0.0.1', port: 1993, security: 'tls' },
      outgoing: { host: '127.0.0.1', port: 587, security: 'starttls' },
    };
    const edited = replaceAccount(text, 0, draft, t);
    expect(edited).toContain('# cabeçalho');
    expect(edited).toContain('# o servidor lento');
    const config = await parseConfigText(edited, join(directory, 'x.yaml'), { env: { SLOW_PASSWORD: 'x' } });
    expect(config.accounts[0]).toMatchObject({ auth: { username: 'lento' }, incoming: { port: 1993 } });
  });

  it('marks a secret that becomes literal with the warning comment', async () => {
    const edited = replaceAccount(
      original,
      0,
      {
        ...office,
        auth: { ...office.auth, tenantId: '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f', secretExpiresOn: '2027-05-31', clientSecret: 'abc8Q~literal' },
        literalSecrets: ['clientSecret'],
      },
      en,
    );
    expect(edited).toContain(`      # ${en.t('wizard.yaml.literalSecret').split('\n')[0]}`);
    expect(edited).toContain("clientSecret: 'abc8Q~literal'");
    expect((await load(edited)).accounts[0]!.auth.clientSecret!.reveal()).toBe('abc8Q~literal');
  });
});

describe('appendAccount', () => {
  it("appends in the list's own indentation, every original line kept in order", async () => {
    const original = fixture('gmail.example.yaml');
    const edited = appendAccount(original, { ...office, name: 'novo' }, t);
    expect(edited.startsWith(original.slice(0, original.indexOf('# Optional: extra trust anchors')).trimEnd())).toBe(true);
    expect(edited).toContain('\n  - name: novo\n');
    expect(edited.endsWith(original.slice(original.indexOf('# Optional: extra trust anchors')))).toBe(true);
    expect((await load(edited)).accounts.map((account) => account.name)).toEqual(['suporte', 'financeiro', 'novo']);
  });

  it('handles a list written at column 0 and a flow list', async () => {
    const atZero =
      'version: 1\naccounts:\n- name: a\n  provider: imap\n  mailbox: a@example.test\n  auth:\n    method: password\n    password: ${env:A}\n  incoming: {host: h.example.test, port: 993, security: tls}\n  outgoing: {host: h.example.test, port: 587, security: starttls}\n';
    const edited = appendAccount(atZero, gmail, t);
    expect(edited).toContain('\n- name: suporte\n');
    expect((await parseConfigText(edited, join(directory, 'x.yaml'), { resolveSecrets: false })).accounts).toHaveLength(2);
    const flow =
      'version: 1\naccounts: [{name: a, provider: imap, mailbox: a@example.test, auth: {method: password, password: "${env:A}"}, incoming: {host: h.example.test, port: 993, security: tls}, outgoing: {host: h.example.test, port: 587, security: starttls}}]\n';
    expect((await parseConfigText(appendAccount(flow, gmail, t), join(directory, 'x.yaml'), { resolveSecrets: false })).accounts).toHaveLength(2);
  });
});

describe('parseConfigText with resolveSecrets: false', () => {
  it('reads the values of a file whose secrets are not set, and carries no secret', async () => {
    const config = await parseConfigText(fixture('office365.example.yaml'), join(directory, 'x.yaml'), { env: {}, resolveSecrets: false });
    expect(config.accounts[0]!.auth.clientId).toBe('6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
    expect(config.accounts[0]!.auth.clientSecret).toBeUndefined();
    await expect(parseConfigText(fixture('office365.example.yaml'), join(directory, 'x.yaml'), { env: {} })).rejects.toThrow();
  });

  it('still reports everything else, a malformed reference included', async () => {
    const broken = fixture('office365.example.yaml').replace('${env:TACTIUM_CLIENT_SECRET}', '$env:TACTIUM_CLIENT_SECRET').replace('port: 587 ', 'port: 0 ');
    await expect(parseConfigText(broken, join(directory, 'x.yaml'), { resolveSecrets: false })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'accounts[0].auth.clientSecret' }),
        expect.objectContaining({ path: 'accounts[0].outgoing.port' }),
      ]),
    });
  });
});
