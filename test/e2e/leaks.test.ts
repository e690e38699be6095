/**
 * The secret-leak audit (no secret in any output, whatever the flags): every kind of secret the product
 * handles goes through the REAL bin
 * against loopback servers that accept or reject it — every output format, `--trace`, `--verbose`, report
 * files, configuration errors, a server rejecting the login, and the crash paths (exit 3) — and every byte
 * printed and every file written is searched for the raw value, its base64 at all three byte alignments
 * (as inside a SASL blob), base64url, URL and form encoding, and JSON escaping. Tokens minted during the
 * run by the identity stand-ins are searched for too.
 *
 * SECRET_KINDS is the table to extend when the product learns a new kind (e.g. the authorization code of
 * `--login`): add the kind, its variable, and an account using it to `config()`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCert } from '../../standins/certs.js';
import { startGoogleTokenStandin, type GoogleTokenStandin } from '../../standins/google-token-standin.js';
import type { TokenTable } from '../../standins/oauth-introspection.js';
import { ROOT, runCli, type CliResult } from '../support/run-cli.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';
import { startImapServer } from '../../sandbox/imap-server.js';
import type { LineServer } from '../../sandbox/line-server.js';
import { startWorld, type EntraWorld } from '../integration/entra/entra-world.js';

interface SecretKind {
  readonly kind: string;
  /** The environment variable the configuration reads it from (null: not in the product yet). */
  readonly variable: string | null;
  readonly value: string;
}

/** Every secret the product handles, each with characters that make its encodings differ (`~ + / = & % `space). */
const SECRET_KINDS: readonly SecretKind[] = [
  { kind: 'mailbox password', variable: 'LEAK_PASSWORD', value: 'Pw~canary+one/two=three&4 5%' },
  { kind: 'mailbox password the server rejects', variable: 'LEAK_WRONG_PASSWORD', value: 'Wrong~canary+pw/x=y&z 9%' },
  { kind: 'Gmail app password', variable: 'LEAK_APP_PASSWORD', value: 'qwertzuiopasdfgh' },
  { kind: 'access token (auth.accessToken)', variable: 'LEAK_ACCESS_TOKEN', value: 'ya29.canary-access+token/abc=def~123' },
  { kind: 'Google refresh token', variable: 'LEAK_REFRESH_TOKEN', value: '1//0canary-refresh+token/abc=~def' },
  { kind: 'Google OAuth client secret', variable: 'LEAK_GOOGLE_CLIENT_SECRET', value: 'GOCSPX-canary+google/secret=~1' },
  { kind: 'Entra client secret', variable: 'LEAK_CLIENT_SECRET', value: 'Zq8~canary+client/secret=with&odd%chars 1' },
  { kind: 'Entra client secret the tenant rejects', variable: 'LEAK_WRONG_CLIENT_SECRET', value: 'Xy7~wrong+client/secret=odd&chars%2' },
  { kind: 'proxy password (HTTPS_PROXY)', variable: null, value: 'proxy~canary+pass/word=3' },
  { kind: 'literal secret in the file (configuration error path)', variable: null, value: 'Literal~canary+secret/9=x' },
  // Not in the product yet: the authorization code and the pasted redirect URL of `--login`.
  // When --login lands, give them a variable or an input, an account in config(), and a run below.
  { kind: 'authorization code (--login, not yet implemented)', variable: null, value: '0.AXcA-canary-authorization+code/x=~1' },
];

const GOOGLE_CLIENT_ID = '123456789012-canaryclient.apps.googleusercontent.com';
const MAILBOXES = {
  password: 'senha@leak.test',
  wrong: 'errada@leak.test',
  appPassword: 'app@leak.test',
  googleOauth: 'oauth@leak.test',
  accessToken: 'token@leak.test',
  office365: 'atendimento@contoso.com.br',
} as const;

const secretValue = (variable: string) => SECRET_KINDS.find((kind) => kind.variable === variable)!.value;

/** The forms a value takes on the wire: raw, URL/form-encoded, JSON-escaped, base64/base64url at every alignment. */
function encodedForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    // The characters of base64(prefix + value) that depend on the value's bytes alone.
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x41), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= 8);
}

let directory: string;
let configFile: string;
let world: EntraWorld;
let google: GoogleTokenStandin;
let smtp: SmtpTestServer;
let imap: LineServer;
let baseEnv: NodeJS.ProcessEnv;

/** Every secret value known so far: the table's, and the tokens the stand-ins minted during the runs. */
function allSecrets(): Array<{ kind: string; value: string }> {
  return [
    ...SECRET_KINDS.map(({ kind, value }) => ({ kind, value })),
    ...google.issued.map((value) => ({ kind: 'Google access token minted by the stand-in', value })),
    ...world.standin.tokens.all().map((issued) => ({ kind: 'Entra access token minted by the stand-in', value: issued.token })),
  ];
}

/** Every file under the run's folder except the inputs: report files, temporary files, anything. */
function writtenFiles(): Array<{ path: string; text: string }> {
  const inputs = new Set(['cliente.yaml', 'ca.pem', 'erro.yaml']);
  const found: Array<{ path: string; text: string }> = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!inputs.has(name)) found.push({ path, text: readFileSync(path, 'latin1') });
    }
  };
  walk(directory);
  return found;
}

/** Where each secret shows up, in any form: empty when clean. */
function leaksIn(label: string, result: CliResult): string[] {
  const places = [
    { where: 'stdout', text: result.stdout },
    { where: 'stderr', text: result.stderr },
    ...writtenFiles().map((file) => ({ where: file.path.slice(directory.length + 1), text: file.text })),
  ];
  const found: string[] = [];
  for (const { kind, value } of allSecrets()) {
    for (const form of encodedForms(value)) {
      for (const place of places) if (place.text.includes(form)) found.push(`${label}: ${kind} (${form === value ? 'raw' : `as ${form}`}) in ${place.where}`);
    }
  }
  return found;
}

function config(ports: { imap: number; smtp: number }): string {
  const servers = [
    `    incoming: { protocol: imap, host: 127.0.0.1, port: ${ports.imap}, security: tls }`,
    `    outgoing: { host: 127.0.0.1, port: ${ports.smtp}, security: starttls }`,
  ];
  const office365 = (name: string, variable: string) => [
    `  - name: ${name}`,
    '    provider: office365',
    `    mailbox: ${MAILBOXES.office365}`,
    '    auth:',
    '      method: oauth2',
    '      flow: application',
    `      tenantId: ${world.contoso.id}`,
    `      clientId: ${world.app.application.appId}`,
    `      objectId: ${world.app.servicePrincipal.id}`,
    `      secretId: ${world.app.secretId}`,
    `      clientSecret: \${env:${variable}}`,
    ...servers,
    `    endpoints: { login: "${world.standin.origin}" }`,
  ];
  return [
    'version: 1',
    'accounts:',
    '  - name: senha',
    '    provider: imap',
    `    mailbox: ${MAILBOXES.password}`,
    '    auth: { method: password, password: "${env:LEAK_PASSWORD}" }',
    ...servers,
    '  - name: senha-errada',
    '    provider: imap',
    `    mailbox: ${MAILBOXES.wrong}`,
    '    auth: { method: password, password: "${env:LEAK_WRONG_PASSWORD}" }',
    ...servers,
    '  - name: gmail-senha-de-app',
    '    provider: gmail',
    `    mailbox: ${MAILBOXES.appPassword}`,
    '    auth: { method: password, password: "${env:LEAK_APP_PASSWORD}" }',
    ...servers,
    '  - name: gmail-oauth',
    '    provider: gmail',
    `    mailbox: ${MAILBOXES.googleOauth}`,
    '    auth:',
    '      method: oauth2',
    `      clientId: ${GOOGLE_CLIENT_ID}`,
    '      clientSecret: ${env:LEAK_GOOGLE_CLIENT_SECRET}',
    '      refreshToken: ${env:LEAK_REFRESH_TOKEN}',
    ...servers,
    `    endpoints: { googleToken: "${google.url}" }`,
    '  - name: token-pronto',
    '    provider: imap',
    `    mailbox: ${MAILBOXES.accessToken}`,
    '    auth: { method: oauth2, accessToken: "${env:LEAK_ACCESS_TOKEN}" }',
    ...servers,
    ...office365('o365-aplicativo', 'LEAK_CLIENT_SECRET'),
    ...office365('o365-segredo-errado', 'LEAK_WRONG_CLIENT_SECRET'),
    'tls:',
    '  caFile: ./ca.pem',
    '',
  ].join('\n');
}

function lookup(table: TokenTable, token: string): string | undefined {
  const found = typeof table === 'function' ? table(token) : table.get(token);
  return typeof found === 'string' ? found : found?.username;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tp-leaks-'));
  const ca = createCa('Tactium Leak Audit CA');
  const certificate = issueCert(ca, { hosts: ['127.0.0.1', 'localhost'] });
  world = await startWorld();
  // The canary is the app's real secret, so the healthy account really sends it and gets a token.
  world.app.application.passwordCredentials.push({
    keyId: 'c0c0c0c0-0000-4000-8000-000000000001',
    secretText: secretValue('LEAK_CLIENT_SECRET'),
    displayName: 'leak audit',
    startDateTime: new Date(Date.now() - 60_000),
    endDateTime: new Date(Date.now() + 86_400_000),
    hint: 'Zq8',
  });
  google = await startGoogleTokenStandin({
    certificate,
    clients: [{ id: GOOGLE_CLIENT_ID, secret: secretValue('LEAK_GOOGLE_CLIENT_SECRET'), publishing: 'production' }],
    refreshTokens: [
      { token: secretValue('LEAK_REFRESH_TOKEN'), clientId: GOOGLE_CLIENT_ID, user: MAILBOXES.googleOauth, scopes: ['https://mail.google.com/'] },
    ],
  });
  const passwords = {
    [MAILBOXES.password]: secretValue('LEAK_PASSWORD'),
    [MAILBOXES.wrong]: 'not-the-configured-one',
    [MAILBOXES.appPassword]: secretValue('LEAK_APP_PASSWORD'),
  };
  // Tokens are looked up when presented: the configured one, and whatever the stand-ins minted.
  const owner = (token: string): string | undefined => {
    if (token === secretValue('LEAK_ACCESS_TOKEN')) return MAILBOXES.accessToken;
    if (world.standin.tokens.get(token)) return MAILBOXES.office365;
    return lookup(google.mailTokens, token);
  };
  const tokens = new Proxy<Record<string, string>>({}, { get: (_target, token) => (typeof token === 'string' ? owner(token) : undefined) });
  smtp = await startSmtpServer({ certificate, users: passwords, tokens });
  imap = await startImapServer({ implicitTls: true, tls: certificate, credentials: { passwords, tokens } });
  writeFileSync(join(directory, 'ca.pem'), `${ca.pem}\n${world.ca.pem}`);
  configFile = join(directory, 'cliente.yaml');
  writeFileSync(configFile, config({ imap: imap.port, smtp: smtp.port }));
  baseEnv = {
    ...Object.fromEntries(SECRET_KINDS.filter((kind) => kind.variable).map((kind) => [kind.variable!, kind.value])),
    // A proxy with a password in its URL; loopback is exempt, so identity calls still reach the stand-ins.
    HTTPS_PROXY: `http://proxyuser:${encodeURIComponent(SECRET_KINDS.find((kind) => kind.kind.startsWith('proxy'))!.value)}@127.0.0.1:9`,
    NO_PROXY: '127.0.0.1,localhost',
  };
}, 60_000);

afterAll(async () => {
  await Promise.all([smtp?.close(), imap?.close(), world?.close(), google?.stop()]);
  rmSync(directory, { recursive: true, force: true });
});

async function check(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(['check', configFile, '--timeout', '5', '--concurrency', '8', ...args], { env: { ...baseEnv, ...env }, cwd: directory, timeoutMs: 60_000 });
}

describe('secret-leak audit (real bin, loopback servers)', () => {
  it('really uses every secret: logins pass with the right ones and are rejected with the wrong ones', async () => {
    const result = await check(['--format', 'json']);
    expect(leaksIn('json', result)).toEqual([]);
    const report = JSON.parse(result.stdout) as { accounts: Array<{ name: string; checks: Array<{ id: string; status: string; code: string | null }> }> };
    const status = (account: string, id: string) => report.accounts.find((entry) => entry.name === account)?.checks.find((entry) => entry.id === id)?.status;
    expect({
      senha: [status('senha', 'smtp.auth'), status('senha', 'incoming.auth')],
      senhaErrada: [status('senha-errada', 'smtp.auth'), status('senha-errada', 'incoming.auth')],
      appPassword: [status('gmail-senha-de-app', 'smtp.auth'), status('gmail-senha-de-app', 'incoming.auth')],
      googleOauth: [status('gmail-oauth', 'gmail.credentials'), status('gmail-oauth', 'smtp.auth'), status('gmail-oauth', 'incoming.auth')],
      accessToken: [status('token-pronto', 'smtp.auth'), status('token-pronto', 'incoming.auth')],
      office365: [status('o365-aplicativo', 'entra.credentials'), status('o365-aplicativo', 'incoming.auth')],
      office365Wrong: [status('o365-segredo-errado', 'entra.credentials')],
    }).toEqual({
      senha: ['pass', 'pass'],
      senhaErrada: ['fail', 'fail'],
      appPassword: ['pass', 'pass'],
      googleOauth: ['pass', 'pass', 'pass'],
      accessToken: ['pass', 'pass'],
      office365: ['pass', 'pass'],
      office365Wrong: ['fail'],
    });
    expect(google.issued.length).toBeGreaterThan(0);
    expect(world.standin.tokens.all().length).toBeGreaterThan(0);
  }, 90_000);

  it('prints no secret in any format, with --trace and --verbose, to the terminal or to --output files', async () => {
    const runs: Array<[string, string[]]> = [];
    for (const format of ['table', 'json', 'junit', 'markdown']) {
      runs.push([`${format} --trace --verbose`, ['--format', format, '--trace', '--verbose']]);
      runs.push([`${format} --output`, ['--format', format, '--trace', '--verbose', '--output', join(directory, 'relatorios', `preflight.${format}`)]]);
    }
    runs.push(
      ['table', ['--format', 'table']],
      ['table --quiet', ['--format', 'table', '--quiet']],
      ['table pt-BR --verbose', ['--format', 'table', '--lang', 'pt-BR', '--verbose']],
    );
    const leaks: string[] = [];
    for (let index = 0; index < runs.length; index += 2) {
      const batch = runs.slice(index, index + 2);
      const results = await Promise.all(batch.map(([, args]) => check(args)));
      batch.forEach(([label], position) => {
        const result = results[position]!;
        if (result.code !== 1) leaks.push(`${label}: expected exit 1 (some logins are meant to fail), got ${result.code}: ${result.stderr.slice(0, 300)}`);
        leaks.push(...leaksIn(label, result));
      });
    }
    expect(readdirSync(join(directory, 'relatorios')).sort()).toEqual(['preflight.json', 'preflight.junit', 'preflight.markdown', 'preflight.table']);
    expect(leaks).toEqual([]);
  }, 240_000);

  it('prints no literal secret in configuration errors (exit 2), wherever it sits in the file', async () => {
    const literal = SECRET_KINDS.find((kind) => kind.kind.startsWith('literal'))!.value;
    const cases = [
      ['a literal secret beside an unknown key', `password: "${literal}"\n    pasword_extra: 1`],
      ['a literal secret under a misspelt key', `pasword: "${literal}"`],
      [
        'a literal secret as a number-like value',
        `password: "${literal}"\n    incoming: { protocol: imap, host: 127.0.0.1, port: "${literal}", security: tls }`,
      ],
      ['a literal secret in a malformed reference', `password: "\${env:${literal}}"`],
      ['a literal secret as a list', `password: ["${literal}"]`],
    ] as const;
    const leaks: string[] = [];
    for (const [label, auth] of cases) {
      const file = join(directory, 'erro.yaml');
      writeFileSync(
        file,
        [
          'version: 1',
          'accounts:',
          '  - name: erro',
          '    provider: imap',
          '    mailbox: erro@leak.test',
          '    auth:',
          '      method: password',
          `      ${auth.replace(/\n/g, '\n  ')}`,
          '    outgoing: { host: 127.0.0.1, port: 587, security: starttls }',
          '',
        ].join('\n'),
      );
      for (const format of ['table', 'json']) {
        const result = await runCli(['check', file, '--format', format, '--verbose'], { env: baseEnv, cwd: directory });
        if (result.code !== 2) leaks.push(`${label}: expected exit 2, got ${result.code}`);
        leaks.push(...leaksIn(`${label} (${format})`, result));
      }
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  /** What a crash message might quote: every secret this run's process knows (its file's and its proxy's), in every form. */
  const crashText = () =>
    SECRET_KINDS.filter((kind) => kind.variable !== null || kind.kind.startsWith('proxy'))
      .map(({ value }) => encodedForms(value).join(' '))
      .join(' | ');

  it('prints no secret when the tool crashes while reporting (exit 3, with --verbose stack)', async () => {
    const text = crashText();
    const result = await check(['--format', 'json', '--verbose', '--trace'], {
      NODE_OPTIONS: `--import ${join(ROOT, 'test', 'support', 'crash-on-demand.mjs')}`,
      TACTIUM_TEST_CRASH: 'report',
      TACTIUM_TEST_CRASH_TEXT: text,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('injected crash');
    expect(result.stderr).toMatch(/\n\s+at /); // the --verbose stack is there, scrubbed
    expect(leaksIn('crash while reporting', result)).toEqual([]);
  }, 60_000);

  it('prints no secret when every connection fails with an error that quotes them (evidence, transcripts, error rows)', async () => {
    const text = crashText();
    const result = await check(['--format', 'json', '--verbose', '--trace'], {
      NODE_OPTIONS: `--import ${join(ROOT, 'test', 'support', 'crash-on-demand.mjs')}`,
      TACTIUM_TEST_CRASH: 'connect',
      TACTIUM_TEST_CRASH_TEXT: text,
    });
    // The probes report a failed connection (exit 1); a check that did not expect it reports an error (exit 3).
    expect([1, 3]).toContain(result.code);
    expect(result.stdout).toContain('injected crash in connect');
    expect(leaksIn('crash in connect', result)).toEqual([]);
  }, 60_000);
});
