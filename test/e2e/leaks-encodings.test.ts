/**
 * Secrets that hostile or merely echoing servers send back cut and encoded: the REAL bin against a token
 * endpoint answering `invalid_client` with the request's form body in its description (as URLSearchParams
 * writes it: `~` becomes `%7E`), with `\u`-escaped JSON, and as an HTML "request blocked" page; and POP3
 * servers whose `-ERR` echoes the PASS argument, and Google's token endpoint quoting the form body, long enough to straddle the evidence cut. Every format,
 * the handoff sheet and the crash path (exit 3) are searched for any fragment of eight characters of each
 * secret or of its encodings; a short password is removed where it stands alone and nowhere else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCert } from '../../standins/certs.js';
import { startGoogleTokenStandin, type GoogleTokenStandin } from '../../standins/google-token-standin.js';
import { closedPort, startFakePop3, type FaultServer } from '../support/incoming-fault-servers.js';
import { ROOT, runCli, type CliResult } from '../support/run-cli.js';
import { startWorld, type EntraWorld } from '../integration/entra/entra-world.js';

/** Shaped like Entra client secrets (40-odd characters, `~` in the 4th place, `.` `_` `-`). */
const ENTRA_FORM_ECHO = 'Ab1~Cd2.Ef3_Gh4-Ij5~Kl6.Mn7_Op8-Qr9~St0.Uv1Wx';
const ENTRA_UNICODE_ECHO = 'Uv2~Wx3.Yz4_Ab5-Cd6~Ef7.Gh8_Ij9-Kl0~Mn1.Op2Qr';
const ENTRA_WAF_PAGE = 'Rs3~Tu4.Vw5_Xy6-Za7~Bc8.De9_Fg0-Hi1~Jk2.Lm3No';
/** 101 characters with what form encoding escapes (`~ ! ' ( ) *`, space). */
const POP3_LONG = `P0p~${"kX9!mQ2(zR7)wT4*vB6'nH8 jL5~".repeat(4)}`.slice(0, 101);
const POP3_ENCODED = "Enc~oded!Pa'ss(wo)rd*with spaces~9";
const GOOGLE_CLIENT_SECRET = 'GOCSPX-Go1~gl2.Ec3_Ho4-Fo5~rm6(x)*!';
const GOOGLE_REFRESH_TOKEN = '1//0Echo~refresh-Token.abc_def-1234';
const GOOGLE_CLIENT_ID = '123456789012-echoclient.apps.googleusercontent.com';
/** Shorter than eight characters, and the start of the mailbox's own name. */
const SHORT = 'atend';
const SHORT_MAILBOX = 'atendimento@contoso.com.br';

const SECRETS = [ENTRA_FORM_ECHO, ENTRA_UNICODE_ECHO, ENTRA_WAF_PAGE, POP3_LONG, POP3_ENCODED, GOOGLE_CLIENT_SECRET, GOOGLE_REFRESH_TOKEN];

/** Every form the scrubber promises to remove: raw, URI, form, full percent and `\u` (both hex cases), HTML. */
function encodings(value: string): string[] {
  const bytes = [...Buffer.from(value, 'utf8')];
  const units = [...value].map((character) => character.charCodeAt(0));
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  return [
    value,
    encodeURIComponent(value),
    form,
    form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    bytes.map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
    units.map((unit) => `\\u${unit.toString(16).padStart(4, '0')}`).join(''),
    units.map((unit) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`).join(''),
    units.map((unit) => `&#${unit};`).join(''),
    units.map((unit) => `&#x${unit.toString(16)};`).join(''),
  ];
}

const FRAGMENT = 8;

/** Each fragment of FRAGMENT characters of a secret or of one of its encodings found in `text`. */
function fragmentsIn(text: string): string[] {
  const found = new Set<string>();
  for (const secret of SECRETS) {
    for (const form of encodings(secret)) {
      for (let at = 0; at + FRAGMENT <= form.length; at++) {
        const fragment = form.slice(at, at + FRAGMENT);
        if (text.includes(fragment)) found.add(`${secret.slice(0, 6)}…: ${fragment}`);
      }
    }
  }
  return [...found];
}

/** The short password where it stands alone (not inside `atendimento`). */
function shortPasswordIn(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}])atend(?![\p{L}\p{N}])/gu)].map((match) => text.slice(Math.max(0, match.index - 20), match.index + 25));
}

let directory: string;
let configFile: string;
let world: EntraWorld;
let google: GoogleTokenStandin;
const pop3: FaultServer[] = [];
let env: NodeJS.ProcessEnv;

/** Pads `head` with dots so that what follows starts `before` characters ahead of `limit`. */
function padTo(head: string, limit: number, before: number): string {
  return head + '.'.repeat(Math.max(0, limit - before - head.length));
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tp-leaks-encodings-'));
  const ca = createCa('Tactium Encoded Leaks CA');
  const certificate = issueCert(ca, { hosts: ['127.0.0.1', 'localhost'] });
  world = await startWorld();
  const formEcho = world.register(world.contoso);
  const unicodeEcho = world.register(world.contoso);
  const wafPage = world.register(world.contoso);
  const invalidClient = (description: string) => ({
    status: 401,
    json: { error: 'invalid_client', error_description: `${description}\r\nTrace ID: 0000\r\nCorrelation ID: 1111`, error_codes: [7000215] },
  });
  world.standin.grant('client_credentials', (context) => {
    const clientId = context.form.get('client_id') ?? '';
    // A proxy or WAF that re-serialises the body writes it as URLSearchParams does: `~` becomes `%7E`.
    // The secret first, so that where it sits does not depend on what else the client sends.
    const body = new URLSearchParams([
      ['client_secret', context.form.get('client_secret') ?? ''],
      ...[...context.form].filter(([name]) => name !== 'client_secret'),
    ]).toString();
    if (clientId === formEcho.application.appId) {
      // The secret straddles the 500-character headline the report shows.
      const head = padTo('AADSTS7000215: Invalid client secret provided. The request was ', 500, 20 + 'client_secret='.length);
      return invalidClient(`${head}${body}`);
    }
    if (clientId === unicodeEcho.application.appId) {
      const secret = context.form.get('client_secret') ?? '';
      const escaped = [...secret]
        .map((character, index) => `\\u${character.charCodeAt(0).toString(16)[index % 2 === 0 ? 'toUpperCase' : 'toLowerCase']().padStart(4, '0')}`)
        .join('');
      return invalidClient(`AADSTS7000215: Invalid client secret provided. Request JSON: {"client_secret":"${escaped}"}`);
    }
    if (clientId === wafPage.application.appId) {
      // No <title>: the report shows the page's first 160 characters, which cut the secret.
      const text = padTo('Request blocked. Your request ', 160, 20 + 'client_secret='.length);
      return {
        status: 403,
        text: `<html><body><p>${text}${body.replace(/&/g, '&amp;')}</p><p>${'&#x7e;'.repeat(2)}</p></body></html>`,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    }
    return invalidClient('AADSTS700016: Application not found.');
  });

  // Google's token endpoint refusing the client and quoting the form body it received.
  const googleBody = new URLSearchParams({
    client_id: GOOGLE_CLIENT_ID,
    client_secret: GOOGLE_CLIENT_SECRET,
    refresh_token: GOOGLE_REFRESH_TOKEN,
    grant_type: 'refresh_token',
  }).toString();
  google = await startGoogleTokenStandin({
    certificate,
    clients: [{ id: GOOGLE_CLIENT_ID, secret: GOOGLE_CLIENT_SECRET, publishing: 'production' }],
    refreshTokens: [
      {
        token: GOOGLE_REFRESH_TOKEN,
        clientId: GOOGLE_CLIENT_ID,
        user: 'gmail@contoso.com.br',
        scopes: ['https://mail.google.com/'],
        answer: {
          status: 401,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({ error: 'invalid_client', error_description: `Unauthorized client; the request was ${googleBody}` }),
        },
      },
    ],
  });

  // POP3: a -ERR that quotes the PASS argument, cut at 500 for the evidence.
  const tls = { cert: certificate.cert, key: certificate.key };
  const capa = ['USER', 'UIDL'];
  pop3.push(
    await startFakePop3({
      tls,
      capa,
      login: (_mechanism, payload) => ({ status: `${padTo('-ERR [AUTH] Authentication failed; the server saw PASS ', 500, 30)}${payload} and refused it` }),
    }),
    await startFakePop3({
      tls,
      capa,
      login: (_mechanism, payload) => ({
        status: `-ERR [AUTH] rejected form ${new URLSearchParams({ pass: payload }).toString()} json "${[...payload].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}" html ${[...payload].map((character) => `&#${character.charCodeAt(0)};`).join('')}`,
      }),
    }),
    await startFakePop3({
      tls,
      capa,
      login: (_mechanism, payload) => ({
        status: `-ERR [AUTH] PASS ${payload} is wrong for ${SHORT_MAILBOX} (user=${SHORT_MAILBOX}&pass=${payload}&x "${payload}")`,
      }),
    }),
  );
  const closed = await closedPort();
  const outgoing = `    outgoing: { host: 127.0.0.1, port: ${closed}, security: starttls }`;
  const office365 = (name: string, appId: string, objectId: string, variable: string) => [
    `  - name: ${name}`,
    '    provider: office365',
    '    mailbox: vendas@contoso.com.br',
    '    auth:',
    '      method: oauth2',
    '      flow: application',
    `      tenantId: ${world.contoso.id}`,
    `      clientId: ${appId}`,
    `      objectId: ${objectId}`,
    `      clientSecret: \${env:${variable}}`,
    `    incoming: { protocol: imap, host: 127.0.0.1, port: ${closed}, security: tls }`,
    outgoing,
    `    endpoints: { login: "${world.standin.origin}" }`,
  ];
  const popAccount = (name: string, mailbox: string, port: number, variable: string) => [
    `  - name: ${name}`,
    '    provider: imap',
    `    mailbox: ${mailbox}`,
    `    auth: { method: password, password: "\${env:${variable}}" }`,
    `    incoming: { protocol: pop3, host: 127.0.0.1, port: ${port}, security: tls }`,
    outgoing,
  ];
  writeFileSync(join(directory, 'ca.pem'), `${ca.pem}\n${world.ca.pem}`);
  configFile = join(directory, 'cliente.yaml');
  writeFileSync(
    configFile,
    [
      'version: 1',
      'accounts:',
      ...office365('eco-formulario', formEcho.application.appId, formEcho.servicePrincipal.id, 'ECHO_FORM_SECRET'),
      ...office365('eco-unicode', unicodeEcho.application.appId, unicodeEcho.servicePrincipal.id, 'ECHO_UNICODE_SECRET'),
      ...office365('pagina-waf', wafPage.application.appId, wafPage.servicePrincipal.id, 'ECHO_WAF_SECRET'),
      ...popAccount('pop3-longa', 'longa@contoso.com.br', pop3[0]!.port, 'ECHO_POP3_LONG'),
      ...popAccount('pop3-codificada', 'codificada@contoso.com.br', pop3[1]!.port, 'ECHO_POP3_ENCODED'),
      ...popAccount('pop3-curta', SHORT_MAILBOX, pop3[2]!.port, 'ECHO_SHORT'),
      '  - name: gmail-eco',
      '    provider: gmail',
      '    mailbox: gmail@contoso.com.br',
      '    auth:',
      '      method: oauth2',
      `      clientId: ${GOOGLE_CLIENT_ID}`,
      '      clientSecret: ${env:ECHO_GOOGLE_CLIENT_SECRET}',
      '      refreshToken: ${env:ECHO_GOOGLE_REFRESH_TOKEN}',
      `    incoming: { protocol: imap, host: 127.0.0.1, port: ${closed}, security: tls }`,
      outgoing,
      `    endpoints: { googleToken: "${google.url}" }`,
      'tls:',
      '  caFile: ./ca.pem',
      '',
    ].join('\n'),
  );
  env = {
    ECHO_FORM_SECRET: ENTRA_FORM_ECHO,
    ECHO_UNICODE_SECRET: ENTRA_UNICODE_ECHO,
    ECHO_WAF_SECRET: ENTRA_WAF_PAGE,
    ECHO_POP3_LONG: POP3_LONG,
    ECHO_POP3_ENCODED: POP3_ENCODED,
    ECHO_SHORT: SHORT,
    ECHO_GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
    ECHO_GOOGLE_REFRESH_TOKEN: GOOGLE_REFRESH_TOKEN,
  };
}, 60_000);

afterAll(async () => {
  await Promise.all([world?.close(), google?.stop(), ...pop3.map((server) => server.stop())]);
  if (directory) rmSync(directory, { recursive: true, force: true });
});

const SELECTION = ['--only', 'entra.tenant,entra.credentials,gmail.credentials,incoming', '--timeout', '5', '--concurrency', '6'];

function run(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli([...args], { env: { ...env, ...extra }, cwd: directory, timeoutMs: 60_000 });
}

describe('secrets echoed cut and encoded by hostile servers (real bin)', () => {
  it('the servers really echo every secret: the stand-ins saw them and the logins failed', async () => {
    const result = await run(['check', configFile, '--format', 'json', ...SELECTION]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { accounts: Array<{ name: string; checks: Array<{ id: string; status: string; code: string | null }> }> };
    const status = (account: string, id: string) => report.accounts.find((entry) => entry.name === account)?.checks.find((entry) => entry.id === id)?.status;
    expect([status('eco-formulario', 'entra.credentials'), status('eco-unicode', 'entra.credentials'), status('pagina-waf', 'entra.credentials')]).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect([status('pop3-longa', 'incoming.auth'), status('pop3-codificada', 'incoming.auth'), status('pop3-curta', 'incoming.auth')]).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect(status('gmail-eco', 'gmail.credentials')).toBe('fail');
    expect(pop3.map((server) => server.received.flat().filter((line) => line.startsWith('PASS ')).length)).toEqual([1, 1, 1]);
  }, 90_000);

  it('prints no fragment of any secret in table, JSON, JUnit, Markdown or the handoff sheets, with --trace --verbose', async () => {
    const runs: Array<[string, string[]]> = [
      ...['table', 'json', 'junit', 'markdown'].map((format): [string, string[]] => [
        format,
        ['check', configFile, '--format', format, '--trace', '--verbose', ...SELECTION],
      ]),
      ['sheet markdown', ['report', configFile, '--format', 'markdown', ...SELECTION]],
      ['sheet html', ['report', configFile, '--format', 'html', ...SELECTION]],
    ];
    const leaks: string[] = [];
    const shortOnes: string[] = [];
    for (let index = 0; index < runs.length; index += 2) {
      const batch = runs.slice(index, index + 2);
      const results = await Promise.all(batch.map(([, args]) => run(args)));
      batch.forEach(([label], position) => {
        const result = results[position]!;
        if (result.code !== 1) leaks.push(`${label}: expected exit 1, got ${result.code}: ${result.stderr.slice(0, 300)}`);
        for (const [where, text] of [
          ['stdout', result.stdout],
          ['stderr', result.stderr],
        ] as const) {
          leaks.push(...fragmentsIn(text).map((fragment) => `${label} ${where}: ${fragment}`));
          shortOnes.push(...shortPasswordIn(text).map((context) => `${label} ${where}: …${context}…`));
        }
        // The short password never rewrites the address it is the start of.
        if (!result.stdout.includes(SHORT_MAILBOX)) leaks.push(`${label}: the mailbox ${SHORT_MAILBOX} is not shown intact`);
        if (/\[redacted\]imento/.test(result.stdout + result.stderr)) leaks.push(`${label}: the short password was cut out of a word`);
      });
    }
    expect(leaks).toEqual([]);
    expect(shortOnes).toEqual([]);
  }, 240_000);

  it('removes the echoed short password where it stands alone (PASS atend, "atend", pass=atend&)', async () => {
    const result = await run(['check', configFile, '--format', 'json', '--trace', '--verbose', '--account', 'pop3-curta', ...SELECTION]);
    expect(result.stdout).toContain(`PASS [redacted] is wrong for ${SHORT_MAILBOX} (user=${SHORT_MAILBOX}&pass=[redacted]&x \\"[redacted]\\")`);
  }, 60_000);

  it('prints no form- or \\u-encoded secret when the tool crashes (exit 3, --verbose stack)', async () => {
    const text = SECRETS.map((secret) => encodings(secret).slice(1).join(' ')).join(' | ');
    const result = await run(['check', configFile, '--format', 'json', '--verbose', '--trace', ...SELECTION], {
      NODE_OPTIONS: `--import ${join(ROOT, 'test', 'support', 'crash-on-demand.mjs')}`,
      TACTIUM_TEST_CRASH: 'report',
      TACTIUM_TEST_CRASH_TEXT: text,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('injected crash');
    expect(result.stderr).toMatch(/\n\s+at /);
    expect(fragmentsIn(result.stdout + result.stderr)).toEqual([]);
  }, 60_000);
});
