/**
 * dns.mx through real c-ares queries (`endpoints.dns`) to the loopback DNS server of standins/, and, for
 * Office 365, the domain's OpenID discovery document at the Entra stand-in: each MX pattern against each
 * provider, a gateway in front, null MX, no MX with and without an address, NXDOMAIN, SERVFAIL, a silent
 * server, a truncated UDP answer retried over TCP, and a domain verified in another tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dnsMxCheck } from '../../../src/checks/dns/mx.js';
import type { Account } from '../../../src/config/types.js';
import { startDnsServer, type DnsServer } from '../../../standins/dns-server/index.js';
import { createTenant, type Tenant } from '../../../standins/entra-standin/index.js';
import { makeAccount, makeContext } from '../../support/check-context.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from '../entra/entra-world.js';

let dns: DnsServer;
let world: EntraWorld;
let other: Tenant;

const mx = (...hosts: string[]) => ({ mx: hosts.map((exchange, index) => ({ priority: 10 * (index + 1), exchange })) });

beforeAll(async () => {
  world = await startWorld();
  dns = await startDnsServer({
    'contoso.com.br': mx('contoso-com-br.mail.protection.outlook.com'),
    'dane.example.test': mx('dane-example-test.z-v1.mx.microsoft'),
    'gov.example.test': mx('gov-example-test.mail.protection.office365.us'),
    'cn.example.test': mx('cn-example-test.mail.protection.partner.outlook.cn'),
    'google.example.test': mx('aspmx.l.google.com', 'alt1.aspmx.l.google.com'),
    'onegoogle.example.test': mx('smtp.google.com'),
    'gmail.com': mx('gmail-smtp-in.l.google.com', 'alt1.gmail-smtp-in.l.google.com'),
    'onprem.example.test': mx('mail.onprem.example.test'),
    'proofpoint.example.test': mx('mx0a-001b2d01.pphosted.com'),
    'mimecast.example.test': mx('eu-smtp-inbound-1.mimecast.com'),
    'barracuda.example.test': mx('d123456a.ess.barracudanetworks.com'),
    'cisco.example.test': mx('mx1.example.iphmx.com'),
    'backup-first.example.test': {
      mx: [
        { priority: 20, exchange: 'aspmx.l.google.com' },
        { priority: 5, exchange: 'x.mail.protection.outlook.com' },
      ],
    },
    'nullmx.example.test': { mx: [{ priority: 0, exchange: '.' }] },
    'a-only.example.test': { a: ['192.0.2.80'] },
    'empty.example.test': {},
    'servfail.example.test': { behaviour: 'servfail' },
    'silent.example.test': { behaviour: 'silent' },
    'tcp.example.test': { ...mx('tcp-example-test.mail.protection.outlook.com'), behaviour: 'truncate' },
    'fabrikam.example.test': mx('fabrikam-example-test.mail.protection.outlook.com'),
    // A hostile or broken zone: more records than any report should list (the answer needs TCP).
    'many.example.test': { mx: Array.from({ length: 800 }, (_, index) => ({ priority: index + 1, exchange: `m${index}.x.test` })) },
    'many-a.example.test': { a: Array.from({ length: 800 }, (_, index) => `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`) },
  });
  other = createTenant({ displayName: 'Fabrikam', domains: ['fabrikam2.onmicrosoft.com', 'fabrikam.example.test'] });
  world.standin.directory.tenants.push(other);
});

afterAll(async () => {
  await dns.close();
  await world.close();
});

function account(provider: Account['provider'], mailbox: string, extra: Partial<Account> = {}): Account {
  const base = makeAccount({ provider, mailbox, endpoints: { dns: dns.address } });
  return { ...base, ...extra } as Account;
}

async function run(target: Account, stepTimeoutMs = 2000) {
  return dnsMxCheck.run(makeContext(target, { options: { stepTimeoutMs } }));
}

describe('dns.mx: who receives the mailbox domain’s mail', () => {
  it.each([
    ['office365', 'a@contoso.com.br', 'contoso-com-br.mail.protection.outlook.com'],
    ['office365', 'a@dane.example.test', 'dane-example-test.z-v1.mx.microsoft'],
    ['gmail', 'a@google.example.test', 'aspmx.l.google.com'],
    ['gmail', 'a@onegoogle.example.test', 'smtp.google.com'],
    ['gmail', 'someone@gmail.com', 'gmail-smtp-in.l.google.com'],
    ['imap', 'a@onprem.example.test', 'mail.onprem.example.test'],
  ] as const)('passes for %s when the MX of %s is %s', async (provider, mailbox, host) => {
    const outcome = await run(account(provider, mailbox));
    expect([outcome.status, outcome.code]).toEqual(['pass', undefined]);
    expect(english(outcome.summary)).toContain(host);
    expect(evidenceOf(outcome, 'dns.mx.evidence.record')[0]).toBe(`10 ${host}`);
    expect(evidenceOf(outcome, 'dns.evidence.resolver')).toEqual([dns.address]);
  });

  it.each([
    ['proofpoint.example.test', 'Proofpoint'],
    ['mimecast.example.test', 'Mimecast'],
    ['barracuda.example.test', 'Barracuda'],
    ['cisco.example.test', 'Cisco Secure Email'],
  ])('names a security gateway in front (%s: %s) and does not call it a mismatch', async (domain, vendor) => {
    for (const provider of ['office365', 'gmail'] as const) {
      const outcome = await run(account(provider, `a@${domain}`));
      expect(outcome.status).toBe('pass');
      expect(english(outcome.summary)).toContain(`${vendor}, a security gateway`);
    }
  });

  it('warns for office365 when MX points to Google, saying what that means', async () => {
    const outcome = await run(account('office365', 'vendas@google.example.test'));
    expect([outcome.status, outcome.code]).toEqual(['warn', 'DNS_MX_GOOGLE']);
    expect(english(outcome.summary)).toContain('the Office 365 mailbox vendas@google.example.test that Tactium reads will not receive it');
    expect(fixesText(outcome)).toContain('See the MX records from this machine: => nslookup -type=mx google.example.test');
  });

  it('warns for office365 when MX points to an on-premises host: a hybrid hint', async () => {
    const outcome = await run(account('office365', 'a@onprem.example.test'));
    expect([outcome.status, outcome.code]).toEqual(['warn', 'DNS_MX_ON_PREMISES']);
    expect(english(outcome.summary)).toContain('Exchange Online IMAP cannot open');
  });

  it('judges by the preferred (lowest) MX, whatever the order of the answer', async () => {
    const outcome = await run(account('office365', 'a@backup-first.example.test'));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'dns.mx.evidence.record')).toEqual(['5 x.mail.protection.outlook.com', '20 aspmx.l.google.com']);
  });

  it('warns when the MX is of another Microsoft cloud than the file’s, and accepts US Government for usgovdod', async () => {
    const gov = await run(account('office365', 'a@gov.example.test'));
    expect([gov.status, gov.code]).toEqual(['warn', 'DNS_MX_OTHER_CLOUD']);
    expect(fixesText(gov)[0]).toContain('=> cloud: usgov');
    expect((await run(account('office365', 'a@gov.example.test', { cloud: 'usgovdod' }))).status).toBe('pass');
    expect((await run(account('office365', 'a@cn.example.test', { cloud: 'china' }))).status).toBe('pass');
  });

  it('warns for gmail when MX points to Microsoft, and for imap when it points to a big provider', async () => {
    expect((await run(account('gmail', 'a@contoso.com.br'))).code).toBe('DNS_MX_MICROSOFT');
    expect((await run(account('gmail', 'a@onprem.example.test'))).code).toBe('DNS_MX_ELSEWHERE');
    const imapAtMicrosoft = await run(account('imap', 'a@contoso.com.br'));
    expect([imapAtMicrosoft.code, fixesText(imapAtMicrosoft)[0]]).toEqual(['DNS_MX_MICROSOFT', expect.stringContaining('=> provider: office365')]);
    expect((await run(account('imap', 'a@google.example.test'))).code).toBe('DNS_MX_GOOGLE');
  });

  it('fails for a null MX (RFC 7505): the domain receives no mail', async () => {
    const outcome = await run(account('office365', 'a@nullmx.example.test'));
    expect([outcome.status, outcome.code]).toEqual(['fail', 'DNS_MX_NULL']);
    expect(english(outcome.summary)).toContain('null MX');
  });

  it('tells no MX with an address, no MX and no address, NXDOMAIN, SERVFAIL and a timeout apart', async () => {
    const implicit = await run(account('imap', 'a@a-only.example.test'));
    expect([implicit.status, implicit.code]).toEqual(['warn', 'DNS_MX_IMPLICIT']);
    expect(evidenceOf(implicit, 'dns.mx.evidence.address')).toEqual(['192.0.2.80']);
    const none = await run(account('imap', 'a@empty.example.test'));
    expect([none.status, none.code]).toEqual(['fail', 'DNS_MX_NONE']);
    const missing = await run(account('imap', 'a@missing.example.test'));
    expect([missing.status, missing.code]).toEqual(['fail', 'DNS_MX_DOMAIN_NOT_FOUND']);
    const servfail = await run(account('imap', 'a@servfail.example.test'));
    expect([servfail.status, servfail.code]).toEqual(['warn', 'DNS_MX_SERVER_FAILURE']);
    const started = Date.now();
    const silent = await run(account('imap', 'a@silent.example.test'), 600);
    expect([silent.status, silent.code]).toEqual(['warn', 'DNS_MX_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads an answer truncated over UDP again over TCP', async () => {
    const outcome = await run(account('office365', 'a@tcp.example.test'));
    expect(outcome.status).toBe('pass');
    const transports = dns.queries.filter((query) => query.name === 'tcp.example.test').map((query) => query.transport);
    expect(transports).toContain('udp');
    expect(transports).toContain('tcp');
  });

  it('lists at most ten records of a huge answer and says how many it left out', async () => {
    const many = await run(account('imap', 'a@many.example.test'));
    expect(many.status).toBe('pass');
    expect(evidenceOf(many, 'dns.mx.evidence.record')).toHaveLength(10);
    expect(evidenceOf(many, 'dns.mx.evidence.record')[0]).toBe('1 m0.x.test');
    expect(evidenceOf(many, 'dns.mx.evidence.notListed')).toEqual(['790']);
    const addresses = await run(account('imap', 'a@many-a.example.test'));
    expect(addresses.code).toBe('DNS_MX_IMPLICIT');
    expect(evidenceOf(addresses, 'dns.mx.evidence.address')).toHaveLength(10);
    expect(evidenceOf(addresses, 'dns.mx.evidence.notListed')).toEqual(['790']);
    expect(english(addresses.summary).length).toBeLessThan(400);
  });

  it('names a mailbox domain verified in another tenant than tenantId (its OpenID discovery document)', async () => {
    const target = entraAccount(world, world.app, { mailbox: 'ana@fabrikam.example.test', endpoints: { dns: dns.address } });
    const outcome = await dnsMxCheck.run(entraContext(world, target).context);
    expect([outcome.status, outcome.code]).toEqual(['warn', 'DNS_MX_OTHER_TENANT']);
    expect(english(outcome.summary)).toContain(`verified in the Microsoft 365 tenant ${other.id}`);
    expect(fixesText(outcome)[0]).toContain(`=> tenantId: ${other.id}`);

    // The same tenant, by GUID or by a domain of it: a pass, the tenant in the evidence.
    const same = entraAccount(world, world.app, { endpoints: { dns: dns.address } });
    const agreed = await dnsMxCheck.run(entraContext(world, same).context);
    expect(agreed.status).toBe('pass');
    expect(evidenceOf(agreed, 'dns.mx.evidence.tenant')).toEqual([`contoso.com.br → ${world.contoso.id}`]);
    const byDomain = entraAccount(world, world.app, { tenantId: 'contoso.onmicrosoft.com', endpoints: { dns: dns.address } });
    expect((await dnsMxCheck.run(entraContext(world, byDomain).context)).status).toBe('pass');
  });
});
