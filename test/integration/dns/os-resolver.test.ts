/**
 * The dns.* checks and the connection after them go where the operating system's resolver says (hosts file,
 * split DNS, VPN), as every other program on the machine; direct DNS queries (the stand-in counts them)
 * only diagnose, compare, and honour `endpoints.dns`. A name the machine answers itself (`localhost`) never
 * goes out as a DNS query.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dnsIncomingCheck } from '../../../src/checks/dns/incoming.js';
import { dnsOutgoingCheck } from '../../../src/checks/dns/outgoing.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { LookupAddress } from 'node:dns';
import { translate } from '../../../src/i18n/index.js';
import { createSystemResolver } from '../../../src/probes/dns.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, makeContext, passed } from '../../support/check-context.js';
import { startDnsStandin, type DnsStandin } from '../../support/dns-standin.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';

let standin: DnsStandin;
let smtp: SmtpTestServer;
let closedPort: string;

beforeAll(async () => {
  standin = await startDnsStandin({
    'split.example.test': { a: ['192.0.2.80'] },
    'broken.example.test': { behaviour: 'servfail' },
    'dns-only.example.test': { a: ['192.0.2.81'] },
  });
  const ca = createCa();
  smtp = await startSmtpServer({ certificate: issueCert(ca, { hosts: ['localhost', '127.0.0.1'] }) });
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  closedPort = `127.0.0.1:${socket.address().port}`;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
});

afterAll(async () => {
  await Promise.all([standin?.close(), smtp?.close()]);
});

function evidence(outcome: CheckOutcome, label: string): string[] {
  return (outcome.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}
const asked = (name: string) => standin.queries.filter((query) => query.name === name).length;

/** The operating system's resolver as a seam: the hosts file / VPN resolver knows these names. */
function osKnows(table: Record<string, string>) {
  return async (host: string): Promise<LookupAddress[]> => {
    const address = table[host];
    if (address) return [{ address, family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
}

describe('dns.* and smtp.connect follow the operating system resolver', () => {
  it('resolves and connects to localhost without sending a single DNS query', async () => {
    const dns = createSystemResolver({ servers: [standin.address] });
    const account = makeAccount({ outgoing: { host: 'localhost', port: smtp.port, security: 'starttls' } });
    const resolved = await dnsOutgoingCheck.run(makeContext(account, { dns }));
    expect(resolved.status).toBe('pass');
    expect(evidence(resolved, 'dns.evidence.ipv4')).toContain('127.0.0.1');
    expect(evidence(resolved, 'dns.evidence.directDiffers')).toEqual([]);

    const context = makeContext(account, { dns, results: new Map([['dns.outgoing', passed('dns.outgoing')]]) });
    try {
      const connected = await smtpConnectCheck.run(context);
      expect(connected.status).toBe('pass');
    } finally {
      await context.shared.dispose();
    }
    expect(asked('localhost')).toBe(0);
  });

  it('passes with the address the machine uses and shows what DNS answers instead as evidence', async () => {
    const dns = createSystemResolver({ servers: [standin.address], lookup: osKnows({ 'split.example.test': '127.0.0.1', 'vpn.example.test': '127.0.0.1' }) });
    const split = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'split.example.test' } }), { dns }));
    expect(split.status).toBe('pass');
    expect(evidence(split, 'dns.evidence.ipv4')).toEqual(['127.0.0.1']);
    expect(evidence(split, 'dns.evidence.directDiffers')).toEqual([`c-ares → ${standin.address}: 192.0.2.80`]);
    expect(translate('pt-BR', 'dns.evidence.directDiffers')).toBe('o DNS responde diferente');

    const vpn = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'vpn.example.test' } }), { dns }));
    expect(vpn.status).toBe('pass');
    expect(evidence(vpn, 'dns.evidence.directDiffers')).toEqual([`c-ares → ${standin.address}: ENOTFOUND`]);
  });

  it('diagnoses a failure with a direct query: SERVFAIL stays DNS_SERVER_FAILURE', async () => {
    const dns = createSystemResolver({ servers: [standin.address], lookup: osKnows({}) });
    const outcome = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'broken.example.test' } }), { dns }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_SERVER_FAILURE' });
    expect(evidence(outcome, 'dns.evidence.resolver')).toEqual([
      `getaddrinfo (operating system resolver, hosts file): ENOTFOUND; c-ares → ${standin.address}: ESERVFAIL`,
    ]);
  });

  it('says so when DNS has the name but this machine’s resolver does not', async () => {
    const dns = createSystemResolver({ servers: [standin.address], lookup: osKnows({}) });
    const outcome = await dnsOutgoingCheck.run(makeContext(makeAccount({ outgoing: { host: 'dns-only.example.test' } }), { dns }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_LOOKUP_FAILED' });
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe(
      'this machine’s resolver cannot resolve dns-only.example.test, although DNS answers 192.0.2.81: the hosts file, a VPN or a split-DNS rule hides it',
    );
    expect(outcome.remediation?.[0]?.message.key).toBe('dns.fix.systemOnlyFails');
  });

  it('asks the server in endpoints.dns, not the system’s, to diagnose and to compare', async () => {
    // The system's DNS servers are unreachable here; endpoints.dns points at the stand-in.
    const dns = createSystemResolver({ servers: [closedPort], lookup: osKnows({ 'split.example.test': '127.0.0.1' }) });
    const endpoints = { dns: standin.address };
    const before = asked('split.example.test');
    const compared = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'split.example.test' }, endpoints }), { dns }));
    expect(compared.status).toBe('pass');
    expect(evidence(compared, 'dns.evidence.directDiffers')).toEqual([`c-ares → ${standin.address}: 192.0.2.80`]);
    expect(asked('split.example.test')).toBeGreaterThan(before);

    const failed = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'broken.example.test' }, endpoints }), { dns }));
    expect(failed).toMatchObject({ status: 'fail', code: 'DNS_SERVER_FAILURE' });
    expect(evidence(failed, 'dns.evidence.resolver')[0]).toContain(`c-ares → ${standin.address}: ESERVFAIL`);
  });
});
