/**
 * `check --admin` through the BUILT tool in a real pseudo-terminal (tmux), against the local HTTPS stand-in
 * of Entra ID and Microsoft Graph (test/integration/entra/directory-world.ts), reached on 127.0.0.1 only. The
 * device-code line is read off the screen and the test plays the administrator at the verification page (the
 * stand-in's control route, as scriptedAdmin does in-process).
 * - Approved: the directory checks read Graph as the administrator (device code, Graph Command Line Tools)
 *   and pass, the screen says who signed in, and neither the screen nor the report (with --trace) holds the
 *   client secret, a token or code the stand-in issued, or the device code (the short user code is meant to
 *   be shown).
 * - Declined: the screen says the sign-in did not succeed, the directory checks skip carrying
 *   ENTRA_SIGNIN_DECLINED, and the run still ends cleanly.
 * - Piped (no terminal; with CI set, and without): nobody is asked, no device code is requested at the
 *   stand-in, and the directory checks skip carrying why --admin did not sign in (ENTRA_SIGNIN_CI /
 *   ENTRA_SIGNIN_NO_TERMINAL).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../src/i18n/index.js';
import type { MessageKey } from '../../src/core/message.js';
import { fetchJson } from '../../src/probes/https/client.js';
import { standinResolver } from '../../standins/entra-standin/index.js';
import { runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';
import type { RegisteredApp } from '../integration/entra/entra-world.js';
import { ADMIN_SCOPES, ADMIN_UPN, MAILBOX, startDirectoryWorld, type DirectoryWorld } from '../integration/entra/directory-world.js';

let world: DirectoryWorld;
let directory: string;
const terminals: Terminal[] = [];
let files = 0;

beforeAll(async () => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  world = await startDirectoryWorld();
  directory = mkdtempSync(join(tmpdir(), 'tp-admin-signin-'));
  writeFileSync(join(directory, 'ca.pem'), world.ca.pem);
}, 30_000);

afterAll(async () => {
  for (const terminal of terminals) terminal.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  const unexpected = [...(world?.standin.unexpected ?? [])];
  await world?.close();
  expect(unexpected).toEqual([]);
});

beforeEach(() => {
  world.standin.resetLog();
});

/** The stand-in on 127.0.0.1 (its certificate covers it): the only kind of address the spawned tool may reach. */
function loopbackOrigin(): string {
  const origin = new URL(world.standin.origin);
  origin.hostname = '127.0.0.1';
  return origin.origin;
}

/**
 * A file with one Office 365 application-flow account for `app` (a healthy app of Contoso with no Graph
 * permissions of its own: only the administrator can read the directory), signing in and reading Graph at
 * the stand-in; incoming/outgoing stay at the Office 365 defaults, never contacted with `--only entra`.
 */
function configFor(app: RegisteredApp): string {
  const file = join(directory, `admin-${++files}.yaml`);
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: atendimento',
      '    provider: office365',
      `    mailbox: ${MAILBOX}`,
      '    auth:',
      '      method: oauth2',
      '      flow: application',
      `      tenantId: ${world.contoso.id}`,
      `      clientId: ${app.application.appId}`,
      `      objectId: ${app.servicePrincipal.id}`,
      `      secretId: ${app.secretId}`,
      '      clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
      '    admin:',
      `      user: ${ADMIN_UPN}`,
      '    endpoints:',
      `      login: ${loopbackOrigin()}`,
      `      graph: ${loopbackOrigin()}`,
      'tls:',
      '  caFile: ./ca.pem',
      '',
    ].join('\n'),
  );
  return file;
}

function open(args: string[], app: RegisteredApp): Terminal {
  const terminal = Terminal.start(args, { env: { LANG: 'en_US.UTF-8', TACTIUM_CLIENT_SECRET: app.secret }, cwd: directory, width: 200 });
  terminals.push(terminal);
  return terminal;
}

// translate('en', 'entra.signin.deviceCode', …): "Open {url} in any browser and enter the code {code} (valid for {minutes} minutes)."
const DEVICE_CODE_LINE = /Open (https:\/\/\S+) in any browser and enter the code ([A-Z0-9]+) \(valid for (\d+) minutes\)\./;

/** Plays the administrator: reads the device-code line off the screen and answers at the verification page. */
async function answerDeviceCode(terminal: Terminal, action: 'approve' | 'decline'): Promise<{ url: string; userCode: string; minutes: string }> {
  const screen = await terminal.waitFor(DEVICE_CODE_LINE, { timeoutMs: 20_000 });
  const [, url, userCode, minutes] = DEVICE_CODE_LINE.exec(screen)!;
  const body = new URLSearchParams({ user_code: userCode!, user: ADMIN_UPN, action }).toString();
  const answer = await fetchJson(
    `${world.standin.origin}/_standin/devicelogin`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
    { timeoutMs: 3000, extraCa: [world.ca.pem], resolver: standinResolver() },
  );
  expect(answer.status).toBe(200);
  return { url: url!, userCode: userCode!, minutes: minutes! };
}

interface JsonCheck {
  id: string;
  status: string;
  code: string | null;
  summary: string;
  evidence: Array<{ label: string; value: string }>;
  remediation: Array<{ kind: string; text: string; target?: string }>;
}

function checksOf(report: string): JsonCheck[] {
  return (JSON.parse(report) as { accounts: Array<{ checks: JsonCheck[] }> }).accounts[0]!.checks;
}

function statuses(checks: readonly JsonCheck[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.code ? `${check.status} ${check.code}` : check.status]));
}

/** Evidence values under one label (the JSON report carries the English label). */
function evidence(check: JsonCheck | undefined, key: MessageKey): string[] {
  const label = translate('en', key);
  return (check?.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}

/** The checks that read the directory (the ones `--admin` unlocks) and that this application-flow account runs. */
const DIRECTORY_READS = ['entra.app', 'entra.secret-expiry', 'entra.permissions', 'entra.admin-consent', 'entra.admin-user', 'entra.mailbox'];

function devicecodeRequests(): number {
  return world.standin.requests.filter((request) => request.path.endsWith('/oauth2/v2.0/devicecode')).length;
}

function deviceCodePolls(): number[] {
  return world.standin.requests.filter((request) => request.grantType === 'device_code').map((request) => request.status);
}

describe('check --admin in a terminal', () => {
  it('shows the device code, and once the administrator approves, every directory check passes read as the administrator; no secret, token or device code is shown or reported', async () => {
    const app = world.registerDirectoryApp();
    const output = join(directory, 'approved.json');
    const loginsBefore = world.graph.signIn.deviceLogins.length;
    const terminal = open(['check', configFor(app), '--admin', '--only', 'entra', '--format', 'json', '--output', output, '--trace'], app);
    const shown = await answerDeviceCode(terminal, 'approve');
    expect(await terminal.exitCode()).toBe(0);

    // One device login was started at the stand-in, for the read-only scopes on the configured Graph, and it is the one shown.
    expect(world.graph.signIn.deviceLogins).toHaveLength(loginsBefore + 1);
    const login = world.graph.signIn.deviceLogins.at(-1)!;
    expect(login).toMatchObject({ userCode: shown.userCode, status: 'approved', tenantId: world.contoso.id, clientId: world.graph.signIn.graphCli.appId });
    expect(login.scopes).toEqual(expect.arrayContaining([`${loopbackOrigin()}/Directory.Read.All`, `${loopbackOrigin()}/RoleManagement.Read.Directory`]));
    expect(shown.url).toBe(`${loopbackOrigin()}/devicelogin`);
    expect(shown.minutes).toBe('15');
    expect(devicecodeRequests()).toBe(1);
    expect(deviceCodePolls().at(-1)).toBe(200);

    const screen = terminal.screen();
    expect(screen).toContain(translate('en', 'entra.signin.done', { user: ADMIN_UPN, tenant: world.contoso.id }));
    expect(screen).not.toContain(translate('en', 'entra.signin.failed', { tenant: world.contoso.id }));

    const report = readFileSync(output, 'utf8');
    const checks = checksOf(report);
    // The healthy directory, as the administrator reads it: every applicable entra.* check passes.
    expect(statuses(checks)).toEqual({
      'entra.tenant': 'pass',
      'entra.credentials': 'pass',
      'entra.exchange-roles': 'pass',
      'entra.object-id': 'pass',
      'entra.app': 'pass',
      'entra.redirect-uri': 'skip NOT_APPLICABLE',
      'entra.secret-expiry': 'pass',
      'entra.permissions': 'pass',
      'entra.admin-consent': 'pass',
      'entra.admin-user': 'pass',
      'entra.mailbox': 'pass',
    });
    // Read by the administrator's sign-in, not by the app (which has no Graph permission of its own).
    for (const id of ['entra.app', 'entra.secret-expiry']) {
      expect(
        evidence(
          checks.find((check) => check.id === id),
          'entra.evidence.directoryReader',
        ),
      ).toEqual([`${ADMIN_UPN} (--admin, device code, client ${world.graph.signIn.graphCli.appId})`]);
    }
    // The transcript is in the report (--trace): the Graph reads are there.
    expect(report).toContain(`GET ${loopbackOrigin()}/v1.0/applications(appId='${app.application.appId}')`);

    // Leak canaries: the client secret, every code and token the stand-in handed out (the device code, the
    // administrator's access, id and refresh tokens, the app's own tokens).
    const canaries = [app.secret, ...world.graph.signIn.issuedSecrets(), ...world.standin.tokens.all().map((token) => token.token)];
    expect(canaries).toContain(login.deviceCode);
    expect(world.graph.signIn.issuedSecrets().length).toBeGreaterThanOrEqual(3);
    for (const [where, text] of Object.entries({ screen, report })) {
      for (const canary of canaries) expect(text.includes(canary) ? `${where} shows ${canary.slice(0, 8)}…` : 'clean').toBe('clean');
    }
    // The short user code is meant for the person.
    expect(screen).toContain(login.userCode);
  }, 60_000);

  it('when the administrator declines, says the sign-in did not succeed and the directory checks skip with ENTRA_SIGNIN_DECLINED; the run ends cleanly', async () => {
    const app = world.registerDirectoryApp();
    const output = join(directory, 'declined.json');
    const terminal = open(['check', configFor(app), '--admin', '--only', 'entra', '--format', 'json', '--output', output], app);
    const shown = await answerDeviceCode(terminal, 'decline');
    // The checks that do not read the directory still pass: a run with a verified check and no failure exits 0.
    expect(await terminal.exitCode()).toBe(0);

    expect(world.graph.signIn.deviceLogins.at(-1)).toMatchObject({ userCode: shown.userCode, status: 'declined' });
    // Polled until the decline; never a token.
    expect(deviceCodePolls().length).toBeGreaterThanOrEqual(1);
    expect(deviceCodePolls()).not.toContain(200);

    const screen = terminal.screen();
    expect(screen).toContain(translate('en', 'entra.signin.failed', { tenant: world.contoso.id }));
    expect(screen).not.toContain(translate('en', 'entra.signin.done', { user: ADMIN_UPN, tenant: world.contoso.id }));

    const report = readFileSync(output, 'utf8');
    const checks = checksOf(report);
    // The declined sign-in leads (the app's own Graph token, tried instead, was refused too — that is
    // evidence, not the headline): its code, and "finish the sign-in" first, not the command just run.
    expect(statuses(checks)).toEqual({
      'entra.tenant': 'pass',
      'entra.credentials': 'pass',
      'entra.exchange-roles': 'pass',
      'entra.object-id': 'pass',
      'entra.app': 'skip ENTRA_ADMIN_SIGNIN_FAILED',
      'entra.redirect-uri': 'skip NOT_APPLICABLE',
      'entra.secret-expiry': 'skip ENTRA_ADMIN_SIGNIN_FAILED',
      'entra.permissions': 'skip DEPENDENCY_NOT_MET',
      'entra.admin-consent': 'skip DEPENDENCY_NOT_MET',
      'entra.admin-user': 'skip ENTRA_ADMIN_SIGNIN_FAILED',
      'entra.mailbox': 'skip ENTRA_ADMIN_SIGNIN_FAILED',
    });
    for (const id of ['entra.app', 'entra.secret-expiry', 'entra.admin-user', 'entra.mailbox']) {
      const check = checks.find((candidate) => candidate.id === id);
      expect(check?.summary).toBe(translate('en', 'entra.directory.adminFailed', { code: 'ENTRA_SIGNIN_DECLINED' }));
      expect(evidence(check, 'entra.evidence.adminSignIn')).toEqual([expect.stringMatching(/^ENTRA_SIGNIN_DECLINED/)]);
      expect(evidence(check, 'entra.evidence.directoryReader')).toEqual([`app ${app.application.appId} (its own application permissions)`]);
      expect(check?.remediation.map((step) => step.target ?? '')).not.toContain(expect.stringContaining('--admin'));
    }
    // "Finish the sign-in" leads the first directory check's fix, and is said once per account, not per check.
    const again = translate('en', 'entra.signin.fix.again');
    expect(checks.find((check) => check.id === 'entra.app')?.remediation[0]?.text).toBe(again);
    expect(checks.filter((check) => check.remediation.some((step) => step.text === again))).toHaveLength(1);

    const canaries = [app.secret, ...world.graph.signIn.issuedSecrets(), ...world.standin.tokens.all().map((token) => token.token)];
    expect(canaries).toContain(world.graph.signIn.deviceLogins.at(-1)!.deviceCode);
    for (const [where, text] of Object.entries({ screen, report })) {
      for (const canary of canaries) expect(text.includes(canary) ? `${where} shows ${canary.slice(0, 8)}…` : 'clean').toBe('clean');
    }
  }, 60_000);
});

describe('check --admin without a terminal', () => {
  it.each([
    { name: 'with CI set', ciEnv: { CI: '1' }, reason: 'ENTRA_SIGNIN_CI' },
    { name: 'piped, CI unset', ciEnv: { CI: undefined }, reason: 'ENTRA_SIGNIN_NO_TERMINAL' },
  ])(
    '$name: nobody is asked, no device code is requested, and the directory checks skip saying why ($reason)',
    async ({ ciEnv, reason }) => {
      const app = world.registerDirectoryApp();
      const loginsBefore = world.graph.signIn.deviceLogins.length;
      const piped = await runCli(['check', configFor(app), '--admin', '--only', 'entra', '--format', 'json'], {
        cwd: directory,
        env: { TACTIUM_CLIENT_SECRET: app.secret, ...ciEnv },
      });
      expect(piped.code).toBe(0);

      // Nobody was asked: no sign-in line, no device code, nothing requested from the device-code endpoints.
      const said = `${piped.stdout}\n${piped.stderr}`;
      expect(said).not.toMatch(DEVICE_CODE_LINE);
      expect(said).not.toContain(
        translate('en', 'entra.signin.start', { tenant: world.contoso.id, client: world.graph.signIn.graphCli.appId, scopes: ADMIN_SCOPES.join(', ') }),
      );
      expect(said).not.toContain(translate('en', 'entra.signin.as', { user: ADMIN_UPN }));
      expect(piped.stderr).toContain(translate('en', 'entra.signin.noTerminal'));
      expect(devicecodeRequests()).toBe(0);
      expect(deviceCodePolls()).toEqual([]);
      expect(world.graph.signIn.deviceLogins).toHaveLength(loginsBefore);
      // The stand-in did answer this run (the tenant, the app's own tokens, Graph): the run was not just cut short.
      expect(world.standin.requests.some((request) => request.grantType === 'client_credentials' && request.status === 200)).toBe(true);

      const checks = checksOf(piped.stdout);
      for (const id of DIRECTORY_READS) expect(checks.find((check) => check.id === id)?.status).toBe('skip');
      for (const id of ['entra.app', 'entra.secret-expiry', 'entra.admin-user', 'entra.mailbox']) {
        const check = checks.find((candidate) => candidate.id === id);
        // The missing terminal leads, with its own fix (the app's own Graph token was refused as well).
        expect(check?.code).toBe('ENTRA_ADMIN_SIGNIN_UNAVAILABLE');
        expect(evidence(check, 'entra.evidence.adminSignIn')).toEqual([reason]);
      }
      // The missing terminal's own fix leads the first directory check, once per account.
      const fix = translate('en', reason === 'ENTRA_SIGNIN_CI' ? 'entra.signin.fix.ci' : 'entra.signin.fix.terminal');
      expect(checks.find((check) => check.id === 'entra.app')?.remediation[0]?.text).toBe(fix);
      expect(checks.filter((check) => check.remediation.some((step) => step.text === fix))).toHaveLength(1);
      expect(checks.find((check) => check.id === 'entra.tenant')?.status).toBe('pass');
      expect(said).not.toContain(app.secret);
    },
    60_000,
  );
});
