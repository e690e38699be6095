/**
 * A real Dovecot (the Debian package's /usr/sbin/dovecot) started by the tests from its own config file
 * in a temporary folder: IMAP (STARTTLS), IMAPS, POP3 (STLS) and POP3S on 127.0.0.1 with ephemeral
 * ports; PLAIN/LOGIN against a passwd-file; XOAUTH2/OAUTHBEARER through Dovecot's `oauth2` passdb
 * against a loopback RFC 7662 introspection endpoint. Facts behind the settings:
 * docs/testing.md §Dovecot and https://doc.dovecot.org/2.3/ (settings reference).
 *
 * One instance per test file (beforeAll/afterAll): starting takes about half a second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startIntrospection, type IntrospectionServer, type TokenTable } from '../../standins/oauth-introspection.js';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
const DH_PARAMS = '/usr/share/dovecot/dh.pem';

export const DOVECOT_INSTALL_HINT =
  'Dovecot is not installed, and the IMAP/POP3 integration tests need the real server. Install it with ' +
  '`apt-get install -y dovecot-imapd dovecot-pop3d` (Debian/Ubuntu), or run `node scripts/ensure-test-servers.mjs` as root.';

export interface DovecotCertificate {
  /** PEM: the leaf certificate, then any intermediates. */
  readonly cert: string;
  readonly key: string;
}

export interface DovecotUser {
  /** The full login name, e.g. `alice@example.test`; the part before `@` must be unique (it names the home). */
  readonly name: string;
  readonly password: string;
  /** Messages placed in INBOX, so EXAMINE and STAT have a count to show. */
  readonly messages?: number;
  /** `broken`: the login succeeds but the mailbox cannot be opened (the home is not writable). */
  readonly mailbox?: 'ok' | 'broken';
  /** Protocols this user may not log in to (Dovecot `nologin` with a reason). */
  readonly disabled?: readonly ('imap' | 'pop3')[];
}

/** The default users, one per behaviour the checks must tell apart. */
export const DOVECOT_USERS = {
  alice: { name: 'alice@example.test', password: 'alice-Dovecot-Secret-1', messages: 3 },
  broken: { name: 'broken@example.test', password: 'broken-Dovecot-Secret-2', mailbox: 'broken' },
  noImap: { name: 'noimap@example.test', password: 'noimap-Dovecot-Secret-3', messages: 1, disabled: ['imap'] },
  noPop: { name: 'nopop@example.test', password: 'nopop-Dovecot-Secret-4', messages: 1, disabled: ['pop3'] },
} as const satisfies Record<string, DovecotUser>;

/** The reply text Dovecot gives a user whose protocol is disabled (`nologin` + `reason`). */
export const DISABLED_REASON = 'This protocol is disabled for this account';

export interface DovecotOptions {
  /** Served when the client's SNI names none of `sni` (and to clients without SNI). */
  readonly certificate: DovecotCertificate;
  /**
   * More certificates chosen by the SNI name the client sends (Dovecot `local_name`), so one server
   * serves the valid, expired, wrong-host, self-signed and unknown-CA cases.
   */
  readonly sni?: Readonly<Record<string, DovecotCertificate>>;
  readonly users?: readonly DovecotUser[];
  /**
   * OAuth: valid tokens for a built-in introspection endpoint, or the URL of an endpoint someone else
   * serves (an identity-provider stand-in). Without it, XOAUTH2/OAUTHBEARER logins all fail.
   */
  readonly oauth?: { readonly tokens: TokenTable } | { readonly introspectionUrl: string };
  /** SASL mechanisms offered (Dovecot `auth_mechanisms`); default PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER. */
  readonly authMechanisms?: readonly ('plain' | 'login' | 'xoauth2' | 'oauthbearer')[];
  /**
   * Logins on the plaintext ports: `refused` (default: STARTTLS and LOGINDISABLED offered, as deployed
   * servers do), `allowed` (STARTTLS offered, and plaintext logins accepted too: `disable_plaintext_auth = no`),
   * `only` (no TLS at all, `ssl = no`: nothing to upgrade to; the implicit-TLS ports are not opened, their
   * numbers are 0).
   */
  readonly plaintext?: 'refused' | 'allowed' | 'only';
}

export interface DovecotServer {
  readonly imapPort: number;
  readonly imapsPort: number;
  readonly pop3Port: number;
  readonly pop3sPort: number;
  readonly users: readonly DovecotUser[];
  /** The built-in introspection endpoint, when `oauth.tokens` was given. */
  readonly introspection?: IntrospectionServer;
  /** Dovecot's own log (logins, auth failures with their attempt counts). */
  readLog(): string;
  /**
   * How often `needle` appears in the log after `offset` (a `readLog().length` taken before the action).
   * Dovecot writes its log through a separate process, so this waits up to a second for the first
   * occurrence, then a little longer for any further ones.
   */
  countInLog(needle: string, offset: number): Promise<number>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test process that dies without afterAll must not leave Dovecot behind.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** Signals the master and every process it forked (they share the process group `detached` created). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function localPart(user: DovecotUser): string {
  const local = user.name.split('@')[0] ?? user.name;
  if (!/^[A-Za-z0-9._-]+$/.test(local)) throw new Error(`test user ${user.name}: use a plain local part`);
  return local;
}

function message(index: number, user: string): string {
  return [
    'From: Preflight Test <sender@example.test>',
    `To: ${user}`,
    `Subject: Test message ${index}`,
    `Message-ID: <test-${index}@example.test>`,
    'Date: Mon, 02 Nov 2026 10:00:00 +0000',
    '',
    `Body of test message ${index}.`,
    '',
  ].join('\r\n');
}

interface Layout {
  readonly dir: string;
  readonly uid: number;
  readonly gid: number;
}

/** Root runs mail as the unprivileged `mail` user (uid/gid 8 on Debian); anyone else as themselves. */
function mailOwner(): { uid: number; gid: number; root: boolean } {
  const uid = process.getuid?.() ?? 0;
  if (uid === 0) return { uid: 8, gid: 8, root: true };
  return { uid, gid: process.getgid?.() ?? uid, root: false };
}

function writeMailboxes(layout: Layout, users: readonly DovecotUser[], root: boolean): void {
  const homes = path.join(layout.dir, 'home');
  mkdirSync(homes, { mode: 0o755 });
  for (const user of users) {
    const home = path.join(homes, localPart(user));
    if (user.mailbox === 'broken') {
      // Owned by root (or read-only) and not writable by the mail user: Dovecot cannot create the
      // Maildir, so the login succeeds and opening INBOX fails (IMAP NO [SERVERBUG], POP3 -ERR [SYS/TEMP]).
      mkdirSync(home, { mode: 0o555 });
      continue;
    }
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(home, 'Maildir', sub), { recursive: true, mode: 0o700 });
    for (let index = 1; index <= (user.messages ?? 0); index++) {
      // Maildir file names: <time>.<unique>.<host>:2,<flags> (https://cr.yp.to/proto/maildir.html).
      writeFileSync(path.join(home, 'Maildir', 'cur', `1793613600.M${index}P1.preflight:2,S`), message(index, user.name));
    }
    if (root) {
      for (const entry of [home, path.join(home, 'Maildir'), ...['cur', 'new', 'tmp'].map((sub) => path.join(home, 'Maildir', sub))]) {
        chownSync(entry, layout.uid, layout.gid);
      }
      for (let index = 1; index <= (user.messages ?? 0); index++) {
        chownSync(path.join(home, 'Maildir', 'cur', `1793613600.M${index}P1.preflight:2,S`), layout.uid, layout.gid);
      }
    }
  }
}

function passwdLine(user: DovecotUser): string {
  if (/[:\n]/.test(user.password)) throw new Error(`test user ${user.name}: passwords may not contain ':'`);
  return `${user.name}:{PLAIN}${user.password}::::::\n`;
}

function config(options: {
  dir: string;
  instance: string;
  ports: number[];
  owner: ReturnType<typeof mailOwner>;
  sniNames: string[];
  introspectionUrl: string;
  mechanisms: readonly string[];
  plaintext: NonNullable<DovecotOptions['plaintext']>;
}): string {
  const { dir, instance, ports, owner, sniNames, mechanisms, plaintext } = options;
  const [imap, , pop3] = ports;
  // Port 0 turns a listener off (Dovecot's inet_listener); without TLS there is nothing to listen with.
  const [, imaps, , pop3s] = plaintext === 'only' ? [0, 0, 0, 0] : ports;
  const internalUser = owner.root ? 'dovecot' : os.userInfo().username;
  const loginUser = owner.root ? 'dovenull' : os.userInfo().username;
  const sni = sniNames
    .map(
      (name, index) => `local_name ${name} {
  ssl_cert = <${dir}/certs/sni-${index}.crt
  ssl_key = <${dir}/certs/sni-${index}.key
}`,
    )
    .join('\n');
  return `# Test-only Dovecot for tactium-preflight integration tests (generated; see test/support/dovecot.ts).
instance_name = ${instance}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
# The system's environment is cleared for child processes; keep the nologin reason (see passdb below).
import_environment = TZ PREFLIGHT_NOLOGIN_REASON
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = ${owner.uid}
first_valid_gid = ${owner.gid}

ssl = ${plaintext === 'only' ? 'no' : 'yes'}
ssl_cert = <${dir}/certs/default.crt
ssl_key = <${dir}/certs/default.key
ssl_dh = <${DH_PARAMS}
ssl_min_protocol = TLSv1.2
${sni}

auth_mechanisms = ${mechanisms.join(' ')}
# Failed logins answer at once (default 2 s) and no per-IP penalty grows: tests fail logins on purpose.
auth_failure_delay = 0
auth_verbose = yes
disable_plaintext_auth = ${plaintext === 'refused' ? 'yes' : 'no'}
mail_location = maildir:~/Maildir

# Users with a protocol disabled: found here first, the login is refused with this reason.
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/nologin-%s
  override_fields = nologin=y reason=%{env:PREFLIGHT_NOLOGIN_REASON}
  mechanisms = plain login
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
  mechanisms = plain login
}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%n allow_all_users=yes
}

protocol imap {
  mail_max_userip_connections = 200
}
protocol pop3 {
  mail_max_userip_connections = 200
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${imap}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${imaps}
    ssl = yes
  }
}
service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3}
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${pop3s}
    ssl = yes
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

function oauthConfig(introspectionUrl: string): string {
  // https://doc.dovecot.org/2.3/configuration_manual/authentication/oauth2/
  return `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
`;
}

/** Reads one greeting line: Dovecot answers "Waiting for authentication process" until auth is up. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = (value: string) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(''));
    socket.on('error', () => done(''));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\n')) done(text.trim());
    });
  });
}

async function waitUntilReady(child: ChildProcess, ports: number[], output: () => string, logFile: string, tls = true): Promise<void> {
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Dovecot exited (${child.exitCode ?? child.signalCode}):\n${output()}\n${readIfExists(logFile)}`);
    }
    const [imap, , pop3] = ports;
    const [imapGreeting, popGreeting] = await Promise.all([greeting(imap ?? 0), greeting(pop3 ?? 0)]);
    if (/ready/i.test(imapGreeting) && !/waiting/i.test(imapGreeting) && /^\+OK/.test(popGreeting)) {
      const ssl = tls ? await Promise.all([ports[1], ports[3]].map((port) => canConnect(port ?? 0))) : [];
      if (ssl.every(Boolean)) return;
    }
    if (Date.now() > deadline) throw new Error(`Dovecot did not become ready in 15 s:\n${output()}\n${readIfExists(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** True when the packages the tests need are installed (the master and both protocol daemons). */
export function dovecotInstalled(): boolean {
  return [DOVECOT_BINARY, '/usr/lib/dovecot/imap-login', '/usr/lib/dovecot/pop3-login', DH_PARAMS].every((file) => existsSync(file));
}

export async function startDovecot(options: DovecotOptions): Promise<DovecotServer> {
  if (!dovecotInstalled()) throw new Error(DOVECOT_INSTALL_HINT);
  const users: readonly DovecotUser[] = options.users ?? Object.values(DOVECOT_USERS);
  let introspection: IntrospectionServer | undefined;
  let introspectionUrl = 'http://127.0.0.1:9/introspect'; // discard port: every token is rejected
  if (options.oauth && 'tokens' in options.oauth) {
    introspection = await startIntrospection(options.oauth.tokens);
    introspectionUrl = introspection.url;
  } else if (options.oauth) {
    introspectionUrl = options.oauth.introspectionUrl;
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'preflight-dovecot-'));
  chmodSync(dir, 0o755); // the mail user must traverse it to reach the homes
  const owner = mailOwner();
  const layout: Layout = { dir, uid: owner.uid, gid: owner.gid };
  const sniNames = Object.keys(options.sni ?? {});
  try {
    mkdirSync(path.join(dir, 'certs'), { mode: 0o700 });
    writeFileSync(path.join(dir, 'certs', 'default.crt'), options.certificate.cert);
    writeFileSync(path.join(dir, 'certs', 'default.key'), options.certificate.key, { mode: 0o600 });
    sniNames.forEach((name, index) => {
      if (!/^[A-Za-z0-9.-]+$/.test(name)) throw new Error(`SNI name ${name}: use a plain host name`);
      const certificate = options.sni?.[name];
      if (!certificate) return;
      writeFileSync(path.join(dir, 'certs', `sni-${index}.crt`), certificate.cert);
      writeFileSync(path.join(dir, 'certs', `sni-${index}.key`), certificate.key, { mode: 0o600 });
    });
    // Test passwords only; world-readable so the auth process (group dovecot) can read them.
    writeFileSync(path.join(dir, 'passwd'), users.map(passwdLine).join(''), { mode: 0o644 });
    for (const protocol of ['imap', 'pop3'] as const) {
      const lines = users
        .filter((user) => user.disabled?.includes(protocol))
        .map(passwdLine)
        .join('');
      writeFileSync(path.join(dir, `nologin-${protocol}`), lines, { mode: 0o644 });
    }
    writeFileSync(path.join(dir, 'oauth2.conf'), oauthConfig(introspectionUrl), { mode: 0o644 });
    writeMailboxes(layout, users, owner.root);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    await introspection?.stop();
    throw error;
  }

  const logFile = path.join(dir, 'dovecot.log');
  let lastError: unknown;
  // Ports are picked free and then released, so another process may take one meanwhile: retry then.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const ports = await freePorts(4);
    const instance = `preflight-${path.basename(dir)}`;
    const configFile = path.join(dir, 'dovecot.conf');
    const plaintext = options.plaintext ?? 'refused';
    writeFileSync(
      configFile,
      config({
        dir,
        instance,
        ports,
        owner,
        sniNames,
        introspectionUrl,
        mechanisms: options.authMechanisms ?? ['plain', 'login', 'xoauth2', 'oauthbearer'],
        plaintext,
      }),
      { mode: 0o644 },
    );
    const child = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], {
      detached: true, // own process group, so stop() reaches every process Dovecot forks
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', PREFLIGHT_NOLOGIN_REASON: DISABLED_REASON },
    });
    running.add(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitUntilReady(child, ports, () => output, logFile, plaintext !== 'only');
    } catch (error) {
      lastError = error;
      killGroup(child, 'SIGKILL');
      await exited;
      running.delete(child);
      if (/bind|address already in use/i.test(`${output}${readIfExists(logFile)}`)) continue;
      break;
    }
    const [imapPort, imapsPort, pop3Port, pop3sPort] = (plaintext === 'only' ? [ports[0], 0, ports[2], 0] : ports) as [number, number, number, number];
    let stopped: Promise<void> | undefined;
    return {
      imapPort,
      imapsPort,
      pop3Port,
      pop3sPort,
      users,
      introspection,
      readLog: () => readIfExists(logFile),
      countInLog: async (needle, offset) => {
        const count = () => readIfExists(logFile).slice(offset).split(needle).length - 1;
        for (let waited = 0; waited < 1000 && count() === 0; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
        await new Promise((resolve) => setTimeout(resolve, 150));
        return count();
      },
      stop: () =>
        (stopped ??= (async () => {
          killGroup(child, 'SIGTERM');
          const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
          killGroup(child, 'SIGKILL'); // any child the master left behind
          running.delete(child);
          await introspection?.stop();
          rmSync(dir, { recursive: true, force: true });
        })()),
    };
  }
  rmSync(dir, { recursive: true, force: true });
  await introspection?.stop();
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** For diagnostics in failing tests: the version line of the installed Dovecot. */
export function dovecotVersion(): string {
  const result = spawnSync(DOVECOT_BINARY, ['--version'], { encoding: 'utf8' });
  return (result.stdout ?? '').trim();
}
