/**
 * `init` from the address alone, driven in a real pseudo-terminal (tmux): the built tool's discovery
 * pointed at the loopback DNS server, autoconfig stand-in and Entra stand-in (TACTIUM_PREFLIGHT_DNS,
 * TACTIUM_PREFLIGHT_AUTOCONFIG, TACTIUM_PREFLIGHT_LOGIN; NODE_EXTRA_CA_CERTS trusts their CA). For each path
 * (MX → Office 365 and its tenant, SRV, autoconfig) Enter accepts every proposal and the written file
 * passes `check --only config`; a redirect to another domain is reported, not followed. Every DNS question
 * is about a mailbox's own domain and every HTTPS request reached a stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load/index.js';
import { translate, type Locale } from '../../src/i18n/index.js';
import type { MessageKey, MessageParams } from '../../src/core/message.js';
import { createCa } from '../../standins/certs.js';
import { startAutoconfigServer, thunderbirdConfig, type AutoconfigServer } from '../../standins/autoconfig-server.js';
import { startDnsServer, type DnsServer } from '../../standins/dns-server/index.js';
import { createTenant, startEntraStandin, type EntraStandin } from '../../standins/entra-standin/index.js';
import { runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';
import { SERVER_QUESTIONS } from '../support/wizard-questions.js';

const CLIENT_ID = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const ENTER = { key: 'Enter' };
const DOWN = { key: 'Down' };
const DOMAINS = ['contoso.com.br', 'workspace.example.test', 'srv.example.test', 'auto.example.test', 'redirect.example.test'];

let directory: string;
let dns: DnsServer;
let autoconfig: AutoconfigServer;
let entra: EntraStandin;
let tenantId: string;
const terminals: Terminal[] = [];

beforeAll(async () => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  directory = mkdtempSync(join(tmpdir(), 'tp-discover-'));
  const ca = createCa();
  writeFileSync(join(directory, 'ca.pem'), ca.pem);
  entra = await startEntraStandin({ ca });
  const tenant = createTenant({ displayName: 'Contoso', domains: ['contoso.onmicrosoft.com', 'contoso.com.br'] });
  entra.directory.tenants.push(tenant);
  tenantId = tenant.id;
  dns = await startDnsServer({
    'contoso.com.br': { mx: [{ priority: 0, exchange: 'contoso-com-br.mail.protection.outlook.com' }] },
    'workspace.example.test': { mx: [{ priority: 1, exchange: 'smtp.google.com' }] },
    'srv.example.test': { mx: [{ priority: 10, exchange: 'mx.srv.example.test' }] },
    '_imaps._tcp.srv.example.test': { srv: [{ priority: 0, weight: 1, port: 993, target: 'imap.srv.example.test' }] },
    '_submission._tcp.srv.example.test': { srv: [{ priority: 0, weight: 1, port: 587, target: 'smtp.srv.example.test' }] },
    'auto.example.test': { mx: [{ priority: 10, exchange: 'mx.auto.example.test' }] },
    'redirect.example.test': { mx: [{ priority: 10, exchange: 'mx.redirect.example.test' }] },
  });
  autoconfig = await startAutoconfigServer(ca, {
    'auto.example.test': {
      autoconfig: {
        body: thunderbirdConfig('auto.example.test', {
          pop3: { hostname: 'pop.auto.example.test', port: 995, socketType: 'SSL' },
          smtp: { hostname: 'smtp.auto.example.test', port: 465, socketType: 'SSL' },
        }),
      },
    },
    'redirect.example.test': { autoconfig: { location: 'https://evil.example/mail/config-v1.1.xml' } },
  });
}, 30_000);

afterAll(async () => {
  for (const terminal of terminals) terminal.close();
  await Promise.all([dns?.close(), autoconfig?.close(), entra?.close()]);
  rmSync(directory, { recursive: true, force: true });
});

function words(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
const w = words('en');
const optional = (key: MessageKey) => `${w(key)} ${w('wizard.optional')}`;

function open(file: string): Terminal {
  const terminal = Terminal.start(['init', file, '--lang', 'en'], {
    cwd: directory,
    env: {
      LANG: 'en_US.UTF-8',
      TACTIUM_PREFLIGHT_DNS: dns.address,
      TACTIUM_PREFLIGHT_AUTOCONFIG: autoconfig.base,
      TACTIUM_PREFLIGHT_LOGIN: entra.origin,
      NODE_EXTRA_CA_CERTS: join(directory, 'ca.pem'),
    },
  });
  terminals.push(terminal);
  return terminal;
}

/** The questions after the servers: the secret's source and variable (defaults), writing, no check run. */
async function finish(terminal: Terminal, file: string, secret: MessageKey) {
  await terminal.answer(w('wizard.secret.question', { secret: w(secret) }), [ENTER]);
  await terminal.answer(w('wizard.secret.envName'), [ENTER]);
  await terminal.answer(`${w('wizard.customer.question')} ${w('wizard.optional')}`, [ENTER]);
  await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
  await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
  expect(await terminal.exitCode()).toBe(0);
}

describe('init proposes from the address alone', () => {
  it('Office 365 from MX, the tenant from the domain’s OpenID document: Enter accepts each, the file works', async () => {
    const file = join(directory, 'office365.yaml');
    const terminal = open(file);
    await terminal.answer(w('wizard.mailbox.question'), ['ana@contoso.com.br', ENTER]);
    await terminal.waitFor(w('wizard.discovery.found', { domain: 'contoso.com.br' }));
    await terminal.waitFor('provider: Office 365 / Exchange Online — from the MX records of contoso.com.br (contoso-com-br.mail.protection.outlook.com)');
    await terminal.waitFor(`tenantId: ${tenantId} — from the OpenID discovery document ${entra.origin}/contoso.com.br/v2.0/.well-known/openid-configuration`);
    for (const question of ['wizard.provider.question', 'wizard.name.question', 'wizard.method.question', 'wizard.cloud.question'] as const) {
      await terminal.answer(w(question), [ENTER]);
    }
    await terminal.answer(w('wizard.tenantId.question'), [ENTER]);
    await terminal.answer(w('wizard.clientId.question'), [CLIENT_ID, ENTER]);
    for (const key of ['wizard.objectId.question', 'wizard.secretId.question', 'wizard.secretExpiresOn.question', 'wizard.admin.office365'] as const) {
      await terminal.answer(optional(key), [ENTER]);
    }
    for (const question of SERVER_QUESTIONS) await terminal.answer(w(question), [ENTER]);
    await finish(terminal, file, 'wizard.secret.clientSecret');

    const env = { TACTIUM_CLIENT_SECRET: 'a-real-looking~secret-value' };
    const config = await loadConfig(file, { env });
    expect(config.accounts[0]).toMatchObject({
      provider: 'office365',
      mailbox: 'ana@contoso.com.br',
      cloud: 'global',
      auth: { tenantId, clientId: CLIENT_ID },
      incoming: { host: 'outlook.office365.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    });
    expect((await runCli(['check', file, '--only', 'config', '--lang', 'en'], { env })).code).toBe(0);
  }, 120_000);

  it('Gmail from MX, with Google’s documented servers', async () => {
    const file = join(directory, 'gmail.yaml');
    const terminal = open(file);
    await terminal.answer(w('wizard.mailbox.question'), ['sac@workspace.example.test', ENTER]);
    await terminal.waitFor('provider: Gmail / Google Workspace — from the MX records of workspace.example.test (smtp.google.com)');
    for (const question of ['wizard.provider.question', 'wizard.name.question', 'wizard.method.question'] as const) await terminal.answer(w(question), [ENTER]);
    await terminal.answer(optional('wizard.username.question'), [ENTER]);
    await terminal.answer(optional('wizard.admin.gmail'), [ENTER]);
    for (const question of SERVER_QUESTIONS) await terminal.answer(w(question), [ENTER]);
    await finish(terminal, file, 'wizard.secret.appPassword');
    const env = { GMAIL_APP_PASSWORD: 'abcdefghijklmnop' };
    expect((await loadConfig(file, { env })).accounts[0]).toMatchObject({
      provider: 'gmail',
      incoming: { host: 'imap.gmail.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
    });
    expect((await runCli(['check', file, '--only', 'config'], { env })).code).toBe(0);
  }, 120_000);

  it('a generic provider’s servers from its SRV records', async () => {
    const file = join(directory, 'srv.yaml');
    const terminal = open(file);
    await terminal.answer(w('wizard.mailbox.question'), ['loja@srv.example.test', ENTER]);
    await terminal.waitFor('the SRV records _imaps._tcp.srv.example.test, _submission._tcp.srv.example.test');
    for (const question of ['wizard.provider.question', 'wizard.name.question', 'wizard.method.question'] as const) await terminal.answer(w(question), [ENTER]);
    await terminal.answer(optional('wizard.username.question'), [ENTER]);
    for (const question of SERVER_QUESTIONS) await terminal.answer(w(question), [ENTER]);
    await finish(terminal, file, 'wizard.secret.password');
    const env = { MAILBOX_PASSWORD: 'x-password' };
    expect((await loadConfig(file, { env })).accounts[0]).toMatchObject({
      provider: 'imap',
      incoming: { protocol: 'imap', host: 'imap.srv.example.test', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.srv.example.test', port: 587, security: 'starttls' },
    });
    expect((await runCli(['check', file, '--only', 'config'], { env })).code).toBe(0);
  }, 120_000);

  it('without SRV records, the servers of the domain’s autoconfig file (POP3 and implicit TLS as it says)', async () => {
    const file = join(directory, 'autoconfig.yaml');
    const terminal = open(file);
    await terminal.answer(w('wizard.mailbox.question'), ['loja@auto.example.test', ENTER]);
    await terminal.waitFor(`the autoconfig file ${autoconfig.base}/mail/config-v1.1.xml`);
    for (const question of ['wizard.provider.question', 'wizard.name.question', 'wizard.method.question'] as const) await terminal.answer(w(question), [ENTER]);
    await terminal.answer(optional('wizard.username.question'), [ENTER]);
    for (const question of SERVER_QUESTIONS) await terminal.answer(w(question), [ENTER]);
    await finish(terminal, file, 'wizard.secret.password');
    const env = { MAILBOX_PASSWORD: 'x-password' };
    expect((await loadConfig(file, { env })).accounts[0]).toMatchObject({
      incoming: { protocol: 'pop3', host: 'pop.auto.example.test', port: 995, security: 'tls' },
      outgoing: { host: 'smtp.auto.example.test', port: 465, security: 'tls' },
    });
    expect((await runCli(['check', file, '--only', 'config'], { env })).code).toBe(0);
  }, 120_000);

  it('says that a redirect to another domain was not followed, then asks (the servers have no proposal)', async () => {
    const terminal = open(join(directory, 'redirect.yaml'));
    await terminal.answer(w('wizard.mailbox.question'), ['loja@redirect.example.test', ENTER]);
    await terminal.waitFor(`${autoconfig.base}/mail/config-v1.1.xml redirects to https://evil.example, outside redirect.example.test: not followed.`);
    // The provider the MX records name is still proposed; Enter takes it.
    await terminal.answer(w('wizard.provider.question'), [ENTER]);
    await terminal.waitFor(`✔ ${w('wizard.provider.question')} ${w('report.provider.imap')}`);
    // Esc, then "quit without writing" (the last choice).
    await terminal.answer(w('wizard.name.question'), [{ key: 'Escape' }], { accepted: false });
    await terminal.answer(w('wizard.escape.question'), [DOWN, DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(130);
  }, 60_000);

  it('asked DNS only about the mailboxes’ own domains, and HTTPS only at the stand-ins', () => {
    expect(dns.queries.length).toBeGreaterThan(0);
    for (const query of dns.queries) {
      const domain = query.name.replace(/^_[a-z0-9]+\._tcp\./, '').replace(/^autoconfig\./, '');
      expect([query.name, DOMAINS.includes(domain)]).toEqual([query.name, true]);
    }
    for (const request of autoconfig.requests) expect([request.host, DOMAINS.includes(request.domain)]).toEqual([new URL(autoconfig.base).host, true]);
    expect(entra.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /contoso.com.br/v2.0/.well-known/openid-configuration']);
  });
});
