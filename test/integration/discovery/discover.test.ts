/**
 * `discover` (what `init` proposes from an address) against the loopback DNS server, the autoconfig
 * stand-in and the Entra stand-in: each path (MX → provider, tenant and cloud; SRV; autoconfig at either
 * place), each refusal (DOCTYPE, malformed, redirect to another domain), a silent DNS server, and a record
 * of every request: nothing about another domain, nothing to a host that is not a stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { discover, discoverSafely, type DiscoveryOptions } from '../../../src/discovery/index.js';
import { translate } from '../../../src/i18n/index.js';
import type { Message } from '../../../src/core/message.js';
import { startAutoconfigServer, thunderbirdConfig, type AutoconfigServer } from '../../../standins/autoconfig-server.js';
import { startDnsServer, type DnsServer } from '../../../standins/dns-server/index.js';
import { startWorld, type EntraWorld } from '../entra/entra-world.js';

let world: EntraWorld;
let dns: DnsServer;
let autoconfig: AutoconfigServer;

const mx = (exchange: string) => ({ mx: [{ priority: 10, exchange }] });
const file = (domain: string) =>
  thunderbirdConfig(domain, {
    imap: { hostname: `imap.${domain}`, port: 993, socketType: 'SSL' },
    smtp: { hostname: `smtp.${domain}`, port: 587, socketType: 'STARTTLS' },
  });

beforeAll(async () => {
  world = await startWorld();
  dns = await startDnsServer({
    'contoso.com.br': mx('contoso-com-br.mail.protection.outlook.com'),
    'google.example.test': mx('smtp.google.com'),
    'gateway.example.test': mx('mx0a.pphosted.com'),
    'srv.example.test': mx('mail.srv.example.test'),
    '_imaps._tcp.srv.example.test': { srv: [{ priority: 10, weight: 0, port: 993, target: 'imap.srv.example.test' }] },
    '_pop3s._tcp.srv.example.test': { srv: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    '_submission._tcp.srv.example.test': {
      srv: [
        { priority: 20, weight: 0, port: 587, target: 'backup.srv.example.test' },
        { priority: 10, weight: 0, port: 587, target: 'smtp.srv.example.test' },
      ],
    },
    'auto.example.test': mx('mx.auto.example.test'),
    'wellknown.example.test': mx('mx.wellknown.example.test'),
    'doctype.example.test': mx('mx.doctype.example.test'),
    'malformed.example.test': mx('mx.malformed.example.test'),
    'redirect.example.test': mx('mx.redirect.example.test'),
    'hop.example.test': mx('mx.hop.example.test'),
    'slow.example.test': { behaviour: 'silent' },
  });
  autoconfig = await startAutoconfigServer(world.ca, {
    'auto.example.test': { autoconfig: { body: file('auto.example.test') } },
    'wellknown.example.test': { wellKnown: { body: file('wellknown.example.test') } },
    'doctype.example.test': {
      autoconfig: { body: file('doctype.example.test').replace('<clientConfig', '<!DOCTYPE clientConfig SYSTEM "https://evil.example/x.dtd">\n<clientConfig') },
    },
    'malformed.example.test': { autoconfig: { body: '<clientConfig><emailProvider>' } },
    'redirect.example.test': { autoconfig: { location: 'https://evil.example/mail/config-v1.1.xml' } },
  });
  // A redirect that stays on the same origin is followed.
  autoconfig.set('hop.example.test', {
    autoconfig: { location: `${autoconfig.base}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%40hop.example.test` },
    wellKnown: { body: file('hop.example.test') },
  });
});

afterAll(async () => {
  await Promise.all([dns.close(), autoconfig.close(), world.close()]);
});

function options(overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return { timeoutMs: 2000, dnsServer: dns.address, autoconfigBase: autoconfig.base, login: world.standin.origin, extraCa: [world.ca.pem], ...overrides };
}

const english = (message: Message | undefined) => (message ? translate('en', message.key, message.params) : undefined);

describe('discover: from the address alone', () => {
  it('Office 365 from MX, then the tenant and cloud from the domain’s OpenID document, and Microsoft’s servers', async () => {
    const found = await discover('ana@contoso.com.br', options());
    expect(found).toMatchObject({
      domain: 'contoso.com.br',
      provider: { value: 'office365' },
      tenantId: { value: world.contoso.id },
      cloud: { value: 'global' },
      servers: {
        value: { incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' }, outgoing: { host: 'smtp.office365.com' } },
      },
    });
    expect(english(found!.provider!.source)).toBe('the MX records of contoso.com.br (contoso-com-br.mail.protection.outlook.com)');
    expect(english(found!.tenantId!.source)).toBe(`the OpenID discovery document ${world.standin.origin}/contoso.com.br/v2.0/.well-known/openid-configuration`);
  });

  it('Gmail from MX, with Google’s servers; a gateway is named and its tenant looked up', async () => {
    expect(await discover('a@google.example.test', options())).toMatchObject({
      provider: { value: 'gmail' },
      servers: { value: { incoming: { host: 'imap.gmail.com' } } },
    });
    const gateway = await discover('a@gateway.example.test', options());
    expect(gateway?.provider).toBeUndefined();
    expect(gateway?.notes.map(english)).toContain(
      'The MX records of gateway.example.test point to Proofpoint, a security gateway (mx0a.pphosted.com): the provider behind it is not visible there.',
    );
  });

  it('the servers from SRV records: implicit TLS first, the lowest priority, a "." target left out', async () => {
    const found = await discover('a@srv.example.test', options());
    expect(found).toMatchObject({
      provider: { value: 'imap' },
      servers: {
        value: {
          incoming: { protocol: 'imap', host: 'imap.srv.example.test', port: 993, security: 'tls' },
          outgoing: { host: 'smtp.srv.example.test', port: 587, security: 'starttls' },
        },
      },
    });
    expect(english(found!.servers!.source)).toBe('the SRV records _imaps._tcp.srv.example.test, _submission._tcp.srv.example.test');
    expect(autoconfig.requests.filter((request) => request.domain === 'srv.example.test')).toEqual([]);
  });

  it('without SRV records, the autoconfig file at autoconfig.<domain>, else at .well-known, or after a same-origin redirect', async () => {
    const auto = await discover('a@auto.example.test', options());
    expect(auto?.servers?.value).toEqual({
      incoming: { protocol: 'imap', host: 'imap.auto.example.test', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.auto.example.test', port: 587, security: 'starttls' },
    });
    expect(english(auto!.servers!.source)).toBe(`the autoconfig file ${autoconfig.base}/mail/config-v1.1.xml`);
    const wellKnown = await discover('a@wellknown.example.test', options());
    expect(english(wellKnown!.servers!.source)).toBe(`the autoconfig file ${autoconfig.base}/.well-known/autoconfig/mail/config-v1.1.xml`);
    expect((await discover('a@hop.example.test', options()))?.servers?.value.incoming.host).toBe('imap.hop.example.test');
  });

  it('refuses a DOCTYPE, ignores malformed XML, and does not follow a redirect to another domain, saying so', async () => {
    const doctype = await discover('a@doctype.example.test', options());
    expect(doctype?.servers).toBeUndefined();
    expect(doctype?.notes.map(english)).toContain(
      `${autoconfig.base}/mail/config-v1.1.xml contains a DOCTYPE, which an autoconfig file never needs: refused, not read.`,
    );
    const malformed = await discover('a@malformed.example.test', options());
    expect(malformed?.notes.map(english)).toContain(`${autoconfig.base}/mail/config-v1.1.xml is not well-formed XML: ignored.`);
    const redirect = await discover('a@redirect.example.test', options());
    expect(redirect?.servers).toBeUndefined();
    expect(redirect?.notes.map(english)).toContain(
      `${autoconfig.base}/mail/config-v1.1.xml redirects to https://evil.example, outside redirect.example.test: not followed.`,
    );
  });

  it('proposes nothing, within the deadline, when DNS does not answer', async () => {
    const started = Date.now();
    const found = await discover('a@slow.example.test', options({ timeoutMs: 400, autoconfigBase: 'https://127.0.0.1:1' }));
    expect(found).toMatchObject({ domain: 'slow.example.test', notes: [expect.anything()] });
    expect(found?.provider).toBeUndefined();
    expect(found?.servers).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('ends the whole discovery within its budget, however long each step may wait', async () => {
    const started = Date.now();
    const steps: string[] = [];
    const found = await discoverSafely('b@slow.example.test', {
      ...options({ timeoutMs: 10_000 }),
      totalMs: 1200,
      onStep: (step) => steps.push(step.key),
    });
    expect(found).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(4000);
    // Nothing more is said after the deadline, though an aborted step may still settle.
    const said = steps.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(steps).toHaveLength(said);
  });

  it('asked only about each mailbox’s own domain, and only the stand-ins', () => {
    const asked = new Set(dns.queries.map((query) => query.name));
    const domains = [...asked].map((name) => name.replace(/^_[a-z0-9]+\._tcp\./, ''));
    for (const domain of domains) expect([domain, domain.endsWith('.example.test') || domain === 'contoso.com.br']).toEqual([domain, true]);
    // Every autoconfig request named the domain of the address it was made for.
    for (const request of autoconfig.requests) expect(request.host).toBe(new URL(autoconfig.base).host);
    expect(world.standin.requests.map((request) => request.path)).toEqual(
      expect.arrayContaining([`/contoso.com.br/v2.0/.well-known/openid-configuration`, `/gateway.example.test/v2.0/.well-known/openid-configuration`]),
    );
    expect(world.standin.requests.every((request) => /^\/[a-z0-9.-]+\/v2\.0\/\.well-known\/openid-configuration$/.test(request.path))).toBe(true);
  });
});
