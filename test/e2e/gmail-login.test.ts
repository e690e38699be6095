/**
 * `check --login` for Gmail OAuth through the BUILT tool in a real pseudo-terminal (tmux): a file with no
 * refresh token yet, the authorization URL read off the screen, the person's browser played against the
 * Google stand-in, the redirected address pasted into the masked prompt. With `--show-refresh-token` the
 * refresh token obtained appears on the terminal exactly once and nowhere else (report file, stdout);
 * without it, never. Piped (no terminal), nothing is started or shown.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../src/i18n/index.js';
import { createCa, issueCert } from '../../standins/certs.js';
import { browse } from '../../standins/entra-standin/delegated.js';
import { GMAIL_SCOPE, startGoogleTokenStandin, type GoogleTokenStandin } from '../../standins/google-token-standin.js';
import { runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';

const CLIENT_ID = '123456789012-e2eloginclient.apps.googleusercontent.com';
const CLIENT_SECRET = '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a';
const MAILBOX = 'atendimento@gmail.test';
const REDIRECT_URI = 'https://crm.tactium.test/oauth/google/callback';

const ca = createCa();
let google: GoogleTokenStandin;
let directory: string;
let file: string;
const terminals: Terminal[] = [];

beforeAll(async () => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  google = await startGoogleTokenStandin({
    certificate: issueCert(ca, { hosts: ['127.0.0.1'] }),
    clients: [{ id: CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production' }],
    refreshTokens: [],
  });
  directory = mkdtempSync(join(tmpdir(), 'tp-gmail-login-'));
  writeFileSync(join(directory, 'ca.pem'), ca.pem);
  file = join(directory, 'gmail.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: atendimento',
      '    provider: gmail',
      `    mailbox: ${MAILBOX}`,
      '    auth:',
      '      method: oauth2',
      `      clientId: ${CLIENT_ID}`,
      '      clientSecret: ${env:GOOGLE_CLIENT_SECRET}',
      `      redirectUri: ${REDIRECT_URI}`,
      '    endpoints:',
      `      googleToken: ${google.url}`,
      'tls:',
      '  caFile: ./ca.pem',
      '',
    ].join('\n'),
  );
}, 30_000);

afterAll(async () => {
  for (const terminal of terminals) terminal.close();
  rmSync(directory, { recursive: true, force: true });
  const unexpected = [...google.unexpected];
  await google?.stop();
  expect(unexpected).toEqual([]);
});

beforeEach(() => {
  google.clear();
  google.setConsent({ user: MAILBOX, scopes: [GMAIL_SCOPE] });
});

function open(args: string[]): Terminal {
  const terminal = Terminal.start(args, { env: { LANG: 'en_US.UTF-8', GOOGLE_CLIENT_SECRET: CLIENT_SECRET }, cwd: directory, width: 160 });
  terminals.push(terminal);
  return terminal;
}

const PROMPT = translate('en', 'gmail.login.pastePrompt');

/** Plays the person: reads the authorization URL off the screen, consents in the "browser", pastes the address; returns the code. */
async function signIn(terminal: Terminal): Promise<string> {
  const screen = await terminal.waitFor(/https:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
  const url = /https:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/.exec(screen)![0];
  const answer = await browse(url, { ca: ca.pem });
  if (!answer.location) throw new Error(`the stand-in did not redirect: ${answer.body}`);
  await terminal.answer(PROMPT, [answer.location, { key: 'Enter' }]);
  return new URL(answer.location).searchParams.get('code') ?? 'no code';
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

interface JsonReport {
  accounts: Array<{ checks: Array<{ id: string; status: string; code?: string }> }>;
}

describe('check --login for a Gmail account without a refresh token', () => {
  it('--show-refresh-token: the token obtained is on the terminal exactly once, and in no report', async () => {
    const output = join(directory, 'shown.json');
    const terminal = open(['check', file, '--show-refresh-token', '--only', 'gmail', '--format', 'json', '--output', output, '--trace', '--verbose']);
    const code = await signIn(terminal);
    expect(await terminal.exitCode()).toBe(0);
    const token = google.issuedRefreshTokens.at(-1)!;
    expect(token).toMatch(/^1\/\//);
    const screen = terminal.screen();
    expect(occurrences(screen, token)).toBe(1);
    expect(screen).toContain('shown this once because you asked');
    expect(screen).not.toContain(code);
    expect(screen).not.toContain(CLIENT_SECRET);
    const report = readFileSync(output, 'utf8');
    // The transcript is in the report (--trace): the refresh of the new token, every secret masked.
    expect(report).toContain('grant_type=refresh_token');
    for (const secret of [token, code, CLIENT_SECRET]) expect(report).not.toContain(secret);
    const checks = (JSON.parse(report) as JsonReport).accounts[0]!.checks;
    expect(checks.find((check) => check.id === 'gmail.credentials')).toMatchObject({ status: 'pass' });
    // The code redeemed, then the new refresh token proved by one refresh.
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['authorization_code 200', 'refresh_token 200']);
  }, 60_000);

  it('--login alone: the same proof, and the token is never shown', async () => {
    const terminal = open(['check', file, '--login', '--only', 'gmail']);
    await signIn(terminal);
    expect(await terminal.exitCode()).toBe(0);
    const screen = terminal.screen();
    expect(occurrences(screen, google.issuedRefreshTokens.at(-1)!)).toBe(0);
    expect(screen).toContain('never saved, never shown');
  }, 60_000);

  it('without a terminal: no sign-in starts, nothing is shown, and gmail.credentials says a person at a terminal is needed', async () => {
    const piped = await runCli(['check', file, '--show-refresh-token', '--only', 'gmail', '--format', 'json'], {
      cwd: directory,
      env: { GOOGLE_CLIENT_SECRET: CLIENT_SECRET },
    });
    expect(piped.stderr).toContain('--login needs a person at a terminal');
    const checks = (JSON.parse(piped.stdout) as JsonReport).accounts[0]!.checks;
    expect(checks.find((check) => check.id === 'gmail.credentials')).toMatchObject({ status: 'skip', code: 'LOGIN_NO_TERMINAL' });
    // Nothing verified (the one selected check skipped): exit 1.
    expect(piped.code).toBe(1);
    expect(google.authorizations).toEqual([]);
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['refresh_token 400']);
  }, 60_000);
});
