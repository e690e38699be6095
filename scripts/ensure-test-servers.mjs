#!/usr/bin/env node
/**
 * Makes sure the real mail servers the integration tests start are installed: Dovecot's IMAP and POP3
 * daemons from the Debian packages (`dovecot-imapd`, `dovecot-pop3d`). The tests run Dovecot from their
 * own config file on loopback; the system service is never started or used.
 *
 * - Installed already: prints nothing, exits 0 (idempotent).
 * - Missing, running as root with apt-get: installs them non-interactively without starting the system
 *   service (a temporary /usr/sbin/policy-rc.d answering 101 "action forbidden", created only if absent
 *   and removed afterwards; see docs/testing.md §Dovecot and Debian's invoke-rc.d policy
 *   interface, /usr/share/doc/init-system-helpers/README.policy-rc.d).
 * - Otherwise: says how to install them and exits 1, so the tests never pass silently without them.
 */
import { existsSync, writeFileSync, unlinkSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * What the tests need from the system, by the file that proves it is there: Dovecot's master binary and
 * its two protocol daemons (dovecot-core alone has neither imap nor pop3); tmux, the pseudo-terminal the
 * wizard and masked-prompt tests type into; Chromium, which renders the handoff sheet's HTML.
 */
const REQUIRED = [
  '/usr/sbin/dovecot',
  '/usr/lib/dovecot/imap',
  '/usr/lib/dovecot/imap-login',
  '/usr/lib/dovecot/pop3',
  '/usr/lib/dovecot/pop3-login',
  '/usr/bin/tmux',
  '/usr/bin/chromium',
];
const PACKAGES = ['dovecot-imapd', 'dovecot-pop3d', 'tmux', 'chromium'];
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

const missing = () => REQUIRED.filter((path) => !existsSync(path));

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function howToInstall() {
  return [
    `The tests need Dovecot (IMAP and POP3), tmux and Chromium, and some are not installed (missing: ${missing().join(', ')}).`,
    'Install it on Debian/Ubuntu with:',
    `  sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}`,
    'or run this script as root (it keeps the system service from starting):',
    '  sudo node scripts/ensure-test-servers.mjs',
    'On other systems run the tests in a Debian container (e.g. `docker run -it -v "$PWD":/src -w /src node:20-bookworm`).',
  ].join('\n');
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

if (missing().length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !hasAptGet()) {
  console.error(howToInstall());
  process.exit(1);
}

console.error(`Installing ${PACKAGES.join(' ')} (system service kept stopped)…`);
let createdPolicy = false;
try {
  if (!existsSync(POLICY_RC_D)) {
    writeFileSync(POLICY_RC_D, '#!/bin/sh\n# temporary, from tactium-preflight scripts/ensure-test-servers.mjs\nexit 101\n');
    chmodSync(POLICY_RC_D, 0o755);
    createdPolicy = true;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], env);
} catch (error) {
  console.error(`Installation failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(howToInstall());
  process.exitCode = 1;
} finally {
  if (createdPolicy) unlinkSync(POLICY_RC_D);
}

if (process.exitCode !== 1) {
  if (missing().length > 0) {
    console.error(howToInstall());
    process.exit(1);
  }
  console.error('Test servers and tools installed.');
}
