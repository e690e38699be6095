/**
 * `init` driven as a person drives it: the built tool in a real pseudo-terminal (tmux), keys typed, the
 * screen read. Every file the wizard writes is then loaded by the real loader, validated by ajv against the
 * published JSON Schema, and run through `check --only config`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load/index.js';
import { translate, type Locale } from '../../src/i18n/index.js';
import type { MessageKey, MessageParams } from '../../src/core/message.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';
import { SERVER_QUESTIONS } from '../support/wizard-questions.js';

const GUID_APP = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const GUID_OBJECT = '9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a';
const GUID_SECRET_ID = '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f';
const GOOGLE_CLIENT = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const LITERAL = 'Zq8~literal-canary-secret-value-1234';
const TYPED = 'pw-canary-typed-777';
const ENTER = { key: 'Enter' };
const DOWN = { key: 'Down' };
const UP = { key: 'Up' };
const CLEAR = { key: 'C-u' };

let directory: string;
const terminals: Terminal[] = [];
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8')) as object;
const validateSchema = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

beforeAll(() => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  directory = mkdtempSync(join(tmpdir(), 'tp-init-'));
});

afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(directory, { recursive: true, force: true });
});

function words(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}

function open(args: string[], env: Record<string, string> = {}): Terminal {
  const terminal = Terminal.start(args, { env: { LANG: 'pt_BR.UTF-8', ...env }, cwd: directory });
  terminals.push(terminal);
  return terminal;
}

/** The written file: valid for the published JSON Schema (ajv) and for the loader, with the secrets set. */
async function expectValidFile(file: string, env: NodeJS.ProcessEnv) {
  const data = parse(readFileSync(file, 'utf8')) as unknown;
  expect(validateSchema.errors ?? validateSchema(data)).toBe(true);
  return loadConfig(file, { env });
}

function optional(w: ReturnType<typeof words>, key: MessageKey) {
  return `${w(key)} ${w('wizard.optional')}`;
}

describe('init in a terminal', () => {
  it('writes an Office 365 application-flow file in Portuguese, re-asking every refused answer', async () => {
    const w = words('pt-BR');
    const file = join(directory, 'aplicativo.yaml');
    const terminal = open(['init', file]);
    await terminal.answer(w('wizard.mailbox.question'), ['atendimento', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.email'));
    await terminal.answer(w('wizard.mailbox.question'), [CLEAR, 'atendimento@contoso.com.br', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [ENTER]);
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.answer(w('wizard.method.question'), [ENTER]);
    await terminal.answer(w('wizard.cloud.question'), [ENTER]);
    await terminal.answer(w('wizard.tenantId.question'), ['https://login.microsoftonline.com/contoso', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.tenantUrl'));
    await terminal.answer(w('wizard.tenantId.question'), [CLEAR, 'contoso.onmicrosoft.com', ENTER]);
    await terminal.answer(w('wizard.clientId.question'), ['6f1c2b3a-0d4e', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.guid'));
    await terminal.answer(w('wizard.clientId.question'), [CLEAR, GUID_APP, ENTER]);
    await terminal.answer(optional(w, 'wizard.objectId.question'), [GUID_APP, ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.objectIdIsClientId'));
    await terminal.answer(optional(w, 'wizard.objectId.question'), [CLEAR, GUID_OBJECT, ENTER]);
    await terminal.answer(optional(w, 'wizard.secretId.question'), ['abc8Q~secretvalueXYZ1234567890abcdefghijkl', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.secretIdIsValue'));
    // The pasted value is refused and cleared: never drawn whole.
    expect(terminal.screen()).not.toContain('secretvalueXYZ');
    await terminal.answer(optional(w, 'wizard.secretId.question'), [CLEAR, GUID_SECRET_ID, ENTER]);
    await terminal.answer(optional(w, 'wizard.secretExpiresOn.question'), ['2027-02-30', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.datePortalPt'));
    await terminal.answer(optional(w, 'wizard.secretExpiresOn.question'), [CLEAR, '2027-05-31', ENTER]);
    await terminal.answer(optional(w, 'wizard.admin.office365'), ['admin@contoso.com.br', ENTER]);
    // Servers: the provider's defaults are on screen and Enter accepts them; a bad port is refused first.
    await terminal.answer(w('wizard.incoming.protocol'), [ENTER]);
    await terminal.waitFor('outlook.office365.com');
    await terminal.answer(w('wizard.incoming.host'), [ENTER]);
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), ['99999', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.port'));
    await terminal.answer(w('wizard.incoming.port'), [CLEAR, ENTER]);
    await terminal.waitFor(w('wizard.outgoing.office365'));
    await terminal.answer(w('wizard.outgoing.host'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.clientSecret') }), [ENTER]);
    await terminal.answer(w('wizard.secret.envName'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.customer.question'), ['Contoso Comércio Ltda.', ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.waitFor(w('wizard.written', { file }));
    await terminal.waitFor('tactium-preflight.schema.json');
    await terminal.waitFor("export TACTIUM_CLIENT_SECRET='…'");
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    const text = readFileSync(file, 'utf8');
    // The schema beside the file, referenced relatively: it travels with the YAML when mailed or committed.
    expect(text.startsWith('# yaml-language-server: $schema=./tactium-preflight.schema.json\n')).toBe(true);
    // The customer, asked last for a new file, opens the handoff sheet.
    expect(text).toContain('\ncustomer: Contoso Comércio Ltda.\n');
    expect(readFileSync(join(dirname(file), 'tactium-preflight.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8'));
    // A comment above each key, in the wizard's language.
    expect(text).toContain(`# ${w('wizard.yaml.secretId')}\n      secretId: ${GUID_SECRET_ID}`);
    expect(text).toContain('clientSecret: ${env:TACTIUM_CLIENT_SECRET}');
    const config = await expectValidFile(file, { TACTIUM_CLIENT_SECRET: 'a-real-looking~secret-value' });
    expect(config.accounts[0]).toMatchObject({
      name: 'atendimento',
      provider: 'office365',
      auth: {
        method: 'oauth2',
        flow: 'application',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: GUID_APP,
        objectId: GUID_OBJECT,
        secretId: GUID_SECRET_ID,
        secretExpiresOn: '2027-05-31',
      },
      admin: { user: 'admin@contoso.com.br' },
      incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    });
    const check = await runCli(['check', file, '--only', 'config', '--lang', 'en'], { env: { TACTIUM_CLIENT_SECRET: 'a-real-looking~secret-value' } });
    expect([check.code, check.stderr]).toEqual([0, '']);
  }, 120_000);

  it('writes an Office 365 delegated-flow file in English with --lang en; refuses 465 unless insisted and a GUID as the secret; a literal secret only when confirmed', async () => {
    const w = words('en');
    const file = join(directory, 'delegated.yaml');
    const terminal = open(['init', file, '--lang', 'en']);
    await terminal.answer(w('wizard.mailbox.question'), ['vendas@contoso.com.br', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [ENTER]);
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.waitFor(w('wizard.method.application.when'));
    await terminal.answer(w('wizard.method.question'), [DOWN], { accepted: false });
    await terminal.waitFor(w('wizard.method.delegated.when'));
    terminal.press('Enter');
    await terminal.answer(w('wizard.cloud.question'), [ENTER]);
    await terminal.answer(w('wizard.tenantId.question'), ['4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f', ENTER]);
    await terminal.answer(w('wizard.clientId.question'), [GUID_APP, ENTER]);
    await terminal.answer(optional(w, 'wizard.objectId.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.secretId.question'), [GUID_APP, ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.secretIdIsClientId'));
    await terminal.answer(optional(w, 'wizard.secretId.question'), [CLEAR, GUID_SECRET_ID, ENTER]);
    await terminal.answer(optional(w, 'wizard.secretExpiresOn.question'), [ENTER]);
    await terminal.answer(w('wizard.redirectUri.question'), ['http://crm.example.com/cb', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.redirectUri'));
    await terminal.answer(w('wizard.redirectUri.question'), [CLEAR, 'https://crm.example.com/oauth/callback', ENTER]);
    await terminal.answer(optional(w, 'wizard.username.question'), ['ana.souza@contoso.com.br', ENTER]);
    await terminal.answer(optional(w, 'wizard.admin.office365'), [ENTER]);
    await terminal.answer(w('wizard.incoming.protocol'), [DOWN, ENTER]);
    await terminal.answer(w('wizard.incoming.host'), [ENTER]);
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.host'), [ENTER]);
    // Implicit TLS on 465: explained, and not kept when the person does not insist.
    await terminal.answer(w('wizard.outgoing.security'), [UP, ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [ENTER]);
    await terminal.waitFor(w('wizard.outgoing.office365Warning'));
    await terminal.answer(w('wizard.outgoing.keepAnyway'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [ENTER]);
    // The literal secret: refused once (No), then confirmed; a GUID typed as the secret is refused.
    const sourceQuestion = w('wizard.secret.question', { secret: w('wizard.secret.clientSecret') });
    await terminal.answer(sourceQuestion, [DOWN, DOWN, ENTER]);
    await terminal.waitFor(w('wizard.secret.literalWarning'));
    await terminal.answer(w('wizard.secret.literalConfirm'), [ENTER]);
    await terminal.answer(sourceQuestion, [DOWN, DOWN, ENTER]);
    await terminal.answer(w('wizard.secret.literalConfirm'), [UP, ENTER]);
    const typeQuestion = w('wizard.secret.type', { secret: w('wizard.secret.clientSecret') });
    await terminal.answer(typeQuestion, [GUID_SECRET_ID, ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.secretIsGuid'));
    await terminal.answer(typeQuestion, [CLEAR, LITERAL], { accepted: false });
    await terminal.waitFor('*'.repeat(LITERAL.length));
    await terminal.answer(typeQuestion, [ENTER]);
    await terminal.answer(optional(w, 'wizard.customer.question'), [ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.waitFor(w('wizard.written.literal'));
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).not.toContain(LITERAL);

    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`clientSecret: '${LITERAL}'`);
    expect(text).toContain(`# ${w('wizard.yaml.literalSecret').split('\n')[0]}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = await expectValidFile(file, {});
    expect(config.accounts[0]).toMatchObject({
      auth: { flow: 'delegated', redirectUri: 'https://crm.example.com/oauth/callback', username: 'ana.souza@contoso.com.br', secretId: GUID_SECRET_ID },
      incoming: { protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' },
      outgoing: { port: 587, security: 'starttls' },
    });
    expect(config.accounts[0]!.auth.clientSecret?.reveal()).toBe(LITERAL);
    // The literal secret is the expected finding: a warning (exit 0), a failure with --strict; never printed.
    const check = await runCli(['check', file, '--only', 'config', '--format', 'json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> };
    expect(report.accounts[0]!.checks.find((result) => result.id === 'config.secrets-inline')!.status).toBe('warn');
    expect(check.stdout + check.stderr).not.toContain(LITERAL);
    expect((await runCli(['check', file, '--only', 'config', '--strict'])).code).toBe(1);
  }, 120_000);

  it('writes a Gmail app-password file whose secret comes from a file', async () => {
    const w = words('pt-BR');
    const file = join(directory, 'gmail-senha.yaml');
    const terminal = open(['init', file]);
    await terminal.answer(w('wizard.mailbox.question'), ['financeiro@gmail.com', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [DOWN], { accepted: false });
    await terminal.waitFor(w('wizard.provider.gmail'));
    terminal.press('Enter');
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.waitFor(w('wizard.method.gmailAppPassword.when'));
    await terminal.answer(w('wizard.method.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.username.question'), [ENTER]);
    await terminal.answer(w('wizard.incoming.protocol'), [ENTER]);
    await terminal.waitFor('imap.gmail.com');
    await terminal.answer(w('wizard.incoming.host'), [ENTER]);
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.host'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.appPassword') }), [DOWN, ENTER]);
    await terminal.answer(w('wizard.secret.filePath'), ['senha-app.txt', ENTER]);
    await terminal.answer(optional(w, 'wizard.customer.question'), [ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    const text = readFileSync(file, 'utf8');
    expect(text).toContain('password: ${file:senha-app.txt}');
    expect(text).not.toMatch(/tenantId|objectId|secretId|flow:|cloud:/);
    writeFileSync(join(directory, 'senha-app.txt'), 'abcdefghijklmnop\n');
    const config = await expectValidFile(file, {});
    expect(config.accounts[0]).toMatchObject({
      provider: 'gmail',
      auth: { method: 'password' },
      incoming: { host: 'imap.gmail.com', port: 993 },
      outgoing: { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
    });
    expect((await runCli(['check', file, '--only', 'config'])).code).toBe(0);
  }, 120_000);

  it('writes a Gmail OAuth file with a Google Cloud client, refusing an Azure GUID as the client ID', async () => {
    const w = words('pt-BR');
    const file = join(directory, 'gmail-oauth.yaml');
    const terminal = open(['init', file]);
    await terminal.answer(w('wizard.mailbox.question'), ['suporte@exemplo.com.br', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [DOWN, ENTER]);
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.answer(w('wizard.method.question'), [DOWN, ENTER]);
    await terminal.waitFor(w('wizard.ids.gmail'));
    await terminal.answer(w('wizard.googleClientId.question'), [GUID_APP, ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.clientIdAzure'));
    await terminal.answer(w('wizard.googleClientId.question'), [CLEAR, GOOGLE_CLIENT, ENTER]);
    await terminal.answer(optional(w, 'wizard.googleRedirectUri.question'), ['https://crm.exemplo.com.br/oauth/google', ENTER]);
    await terminal.answer(optional(w, 'wizard.username.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.admin.gmail'), ['ti@exemplo.com.br', ENTER]);
    for (const question of SERVER_QUESTIONS) {
      await terminal.answer(w(question), [ENTER]);
    }
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.googleClientSecret') }), [ENTER]);
    await terminal.answer(w('wizard.secret.envName'), [ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.refreshToken') }), [ENTER]);
    await terminal.waitFor('(GOOGLE_REFRESH_TOKEN)');
    await terminal.answer(w('wizard.secret.envName'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.customer.question'), [ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    const env = { GOOGLE_CLIENT_SECRET: 'GOCSPX-canary-client-secret', GOOGLE_REFRESH_TOKEN: '1//canary-refresh-token' };
    const config = await expectValidFile(file, env);
    expect(config.accounts[0]).toMatchObject({
      provider: 'gmail',
      auth: { method: 'oauth2', clientId: GOOGLE_CLIENT, redirectUri: 'https://crm.exemplo.com.br/oauth/google' },
      admin: { user: 'ti@exemplo.com.br' },
    });
    expect(readFileSync(file, 'utf8')).not.toMatch(/tenantId|objectId|secretId/);
    expect((await runCli(['check', file, '--only', 'config'], { env })).code).toBe(0);
  }, 120_000);

  it("runs check at once, asking for the unset password with a masked prompt, and exits with the check's code", async () => {
    const port = await closedPort();
    const w = words('pt-BR');
    const file = join(directory, 'imap.yaml');
    const terminal = open(['init', file]);
    await terminal.answer(w('wizard.mailbox.question'), ['loja@example.test', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [DOWN, DOWN, ENTER]);
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.answer(w('wizard.method.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.username.question'), [ENTER]);
    await terminal.waitFor(w('wizard.servers.imap'));
    await terminal.answer(w('wizard.incoming.protocol'), [ENTER]);
    await terminal.answer(w('wizard.incoming.host'), ['imap example', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.host'));
    // A URL pasted whole: reduced to the host, and its port proposed at the port question.
    await terminal.answer(w('wizard.incoming.host'), [CLEAR, `imaps://127.0.0.1:${port}`, ENTER]);
    await terminal.waitFor(w('wizard.host.reducedWithPort', { host: '127.0.0.1', port }));
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.host'), ['127.0.0.1', ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [CLEAR, String(port), ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.password') }), [ENTER]);
    await terminal.answer(w('wizard.secret.envName'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.customer.question'), [ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [ENTER]);
    const prompt = w('wizard.secretPrompt', { account: 'loja', key: 'password', reference: '${env:MAILBOX_PASSWORD}' });
    await terminal.answer(prompt, [TYPED], { accepted: false });
    await terminal.waitFor('*'.repeat(TYPED.length));
    await terminal.answer(prompt, [ENTER]);
    await terminal.waitFor('incoming.connect');
    // Nothing listens on the port: the run completes with failures (exit 1), the typed password never shown.
    expect(await terminal.exitCode()).toBe(1);
    expect(terminal.screen()).not.toContain(TYPED);
    expect(readFileSync(file, 'utf8')).not.toContain(TYPED);
  }, 120_000);

  it('changes an account of an existing file in place: only the changed line differs, every comment kept', async () => {
    const w = words('pt-BR');
    const file = join(directory, 'existente.yaml');
    copyFileSync(join(ROOT, 'fixtures', 'office365.example.yaml'), file);
    const original = readFileSync(file, 'utf8');
    const terminal = open(['init', file]);
    await terminal.waitFor(w('wizard.existing.found', { file, count: 2 }));
    await terminal.answer(w('wizard.target.question'), [DOWN, ENTER]);
    for (const question of [
      'wizard.mailbox.question',
      'wizard.provider.question',
      'wizard.name.question',
      'wizard.method.question',
      'wizard.cloud.question',
      'wizard.tenantId.question',
      'wizard.clientId.question',
    ] as const) {
      await terminal.answer(w(question), [ENTER]);
    }
    await terminal.answer(optional(w, 'wizard.objectId.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.secretId.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.secretExpiresOn.question'), ['2028-01-15', ENTER]);
    await terminal.answer(optional(w, 'wizard.admin.office365'), [ENTER]);
    for (const question of SERVER_QUESTIONS) {
      await terminal.answer(w(question), [ENTER]);
    }
    await terminal.waitFor(w('wizard.secret.keep', { reference: '${env:TACTIUM_CLIENT_SECRET}' }));
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.clientSecret') }), [ENTER]);
    await terminal.answer(w('wizard.write.confirmEdit', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    expect(readFileSync(file, 'utf8')).toBe(original.replace('secretExpiresOn: 2027-05-31', 'secretExpiresOn: 2028-01-15'));
    await expectValidFile(file, { TACTIUM_CLIENT_SECRET: 'a-real-looking~secret-value' });
  }, 120_000);

  it('adds an account to an existing file, keeping every line of it in order', async () => {
    const w = words('en');
    const file = join(directory, 'adicionar.yaml');
    copyFileSync(join(ROOT, 'fixtures', 'gmail.example.yaml'), file);
    const original = readFileSync(file, 'utf8');
    const terminal = open(['init', file, '--lang', 'en']);
    await terminal.answer(w('wizard.target.question'), [ENTER]);
    await terminal.answer(w('wizard.mailbox.question'), ['contato@loja.example', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [DOWN, DOWN, ENTER]);
    await terminal.answer(w('wizard.name.question'), ['financeiro', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.nameTaken', { name: 'financeiro' }));
    await terminal.answer(w('wizard.name.question'), [CLEAR, 'loja', ENTER]);
    await terminal.answer(w('wizard.method.question'), [ENTER]);
    await terminal.answer(optional(w, 'wizard.username.question'), [ENTER]);
    await terminal.answer(w('wizard.incoming.protocol'), [ENTER]);
    await terminal.answer(w('wizard.incoming.host'), ['mail.loja.example', ENTER]);
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.host'), ['mail.loja.example', ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.password') }), [ENTER]);
    await terminal.answer(w('wizard.secret.envName'), [CLEAR, 'LOJA_PASSWORD', ENTER]);
    await terminal.answer(w('wizard.write.confirmEdit', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    const lines = readFileSync(file, 'utf8').split('\n');
    let position = 0;
    for (const line of original.split('\n')) {
      position = lines.indexOf(line, position);
      expect([line, position >= 0]).toEqual([line, true]);
      position++;
    }
    const env = {
      GOOGLE_CLIENT_SECRET: 'x-client',
      GOOGLE_REFRESH_TOKEN: 'x-refresh',
      GMAIL_APP_PASSWORD: 'abcdefghijklmnop',
      LOJA_PASSWORD: 'x-loja-password',
    };
    const config = await expectValidFile(file, env);
    expect(config.accounts.map((account) => account.name)).toEqual(['suporte', 'financeiro', 'loja']);
    expect(config.accounts[2]).toMatchObject({
      provider: 'imap',
      incoming: { host: 'mail.loja.example', port: 993, security: 'tls' },
      outgoing: { port: 587, security: 'starttls' },
    });
    expect((await runCli(['check', file, '--only', 'config'], { env })).code).toBe(0);
  }, 120_000);

  it('refuses to run without a terminal or with CI set (exit 2), pointing at the example files', async () => {
    const piped = await runCli(['init', join(directory, 'nunca.yaml'), '--lang', 'en']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('fixtures/office365.example.yaml');
    expect(piped.stdout).toBe('');
    const terminal = open(['init', join(directory, 'nunca.yaml'), '--lang', 'en'], { CI: 'true' });
    expect(await terminal.exitCode()).toBe(2);
    expect(terminal.screen()).toContain(translate('en', 'wizard.notInteractive'));
    expect(existsSync(join(directory, 'nunca.yaml'))).toBe(false);
  }, 60_000);
});

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
