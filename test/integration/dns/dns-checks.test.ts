/**
 * dns.incoming / dns.outgoing through the real c-ares resolver (`createResolver`) against a DNS stand-in on
 * 127.0.0.1: one stand-in for the whole file, one name per behaviour.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dnsIncomingCheck } from '../../../src/checks/dns/incoming.js';
import { dnsOutgoingCheck } from '../../../src/checks/dns/outgoing.js';
import { resolvedAddresses } from '../../../src/checks/dns/shared/resolve-host.js';
import type { CheckOutcome, CheckResult } from '../../../src/core/check.js';
import { translate } from '../../../src/i18n/index.js';
import { createResolver } from '../../../src/probes/dns.js';
import { makeAccount, makeContext } from '../../support/check-context.js';
import { startDnsStandin, type DnsStandin } from '../../support/dns-standin.js';

let standin: DnsStandin;

beforeAll(async () => {
  standin = await startDnsStandin({
    'mail.example.test': { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] },
    'smtp.example.test': { a: ['192.0.2.25'] },
    'v6only.example.test': { aaaa: ['2001:db8::6'] },
    'domain-only.example.test': {},
    'slow.example.test': { behaviour: 'silent' },
    'broken.example.test': { behaviour: 'servfail' },
    'refusing.example.test': { behaviour: 'refused' },
    'outlook.office365.com': { a: ['10.20.30.40'] },
    'smtp.office365.com': { a: ['52.96.0.1'] },
    'internal.example.test': { a: ['10.0.0.5'] },
  });
});

afterAll(async () => {
  await standin.close();
});

function run(check: typeof dnsIncomingCheck | typeof dnsOutgoingCheck, account: ReturnType<typeof makeAccount>, stepTimeoutMs = 2000) {
  const context = makeContext(account, { dns: createResolver([standin.address]), options: { stepTimeoutMs } });
  return check.run(context);
}

function evidence(outcome: CheckOutcome, label: string): string[] {
  return (outcome.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}

function asResult(id: string, outcome: CheckOutcome): CheckResult {
  return {
    id,
    status: outcome.status,
    code: outcome.code ?? null,
    reason: null,
    summary: outcome.summary,
    evidence: outcome.evidence ?? [],
    remediation: outcome.remediation ?? [],
    durationMs: 0,
    trace: [],
  };
}

describe('dns.incoming and dns.outgoing against a DNS stand-in', () => {
  it('passes and lists the IPv4 and IPv6 addresses, the resolver and the time spent', async () => {
    const outcome = await run(dnsIncomingCheck, makeAccount({ incoming: { host: 'mail.example.test' }, explicit: ['incoming.host'] }));
    expect(outcome.status).toBe('pass');
    expect(evidence(outcome, 'dns.evidence.ipv4')).toEqual(['192.0.2.10']);
    expect(evidence(outcome, 'dns.evidence.ipv6')).toEqual(['2001:db8::10']);
    expect(evidence(outcome, 'dns.evidence.resolver')).toEqual([`c-ares → ${standin.address}`]);
    expect(evidence(outcome, 'dns.evidence.duration')[0]).toMatch(/^\d+ ms$/);
    expect(evidence(outcome, 'config.evidence.setting')).toEqual(['incoming.host: mail.example.test']);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe('mail.example.test resolves to 192.0.2.10, 2001:db8::10');
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe('mail.example.test resolve para 192.0.2.10, 2001:db8::10');
    // Later checks read the addresses from the recorded result.
    expect(resolvedAddresses(asResult('dns.incoming', outcome))).toEqual(['192.0.2.10', '2001:db8::10']);
  });

  it('resolves the outgoing host, not the incoming one', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ incoming: { host: 'mail.example.test' }, outgoing: { host: 'smtp.example.test' } }));
    expect(outcome.status).toBe('pass');
    expect(evidence(outcome, 'dns.evidence.ipv4')).toEqual(['192.0.2.25']);
    expect(evidence(outcome, 'dns.evidence.ipv6')).toEqual([]);
  });

  it('passes with an IPv6-only name (no A record is not a failure when AAAA answers)', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ outgoing: { host: 'v6only.example.test' } }));
    expect(outcome.status).toBe('pass');
    expect(evidence(outcome, 'dns.evidence.ipv6')).toEqual(['2001:db8::6']);
  });

  it('fails with DNS_NOT_FOUND for a name that does not exist, naming the field and the provider’s host', async () => {
    const outcome = await run(dnsIncomingCheck, makeAccount({ provider: 'office365', incoming: { host: 'outlook.office356.com' } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NOT_FOUND' });
    expect(evidence(outcome, 'dns.evidence.error')).toEqual(['ENOTFOUND']);
    expect(evidence(outcome, 'dns.evidence.expectedHost')).toEqual(['outlook.office365.com']);
    expect(outcome.remediation?.map((step) => step.target)).toContain('host: outlook.office365.com');
    expect(outcome.remediation?.map((step) => step.target)).toContain('nslookup outlook.office356.com');
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe(
      'the name outlook.office356.com does not exist in DNS (NXDOMAIN): is there a typo in incoming.host?',
    );
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toContain('não existe no DNS (NXDOMAIN)');
  });

  it('does not suggest a provider host for a generic IMAP provider', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ outgoing: { host: 'nosuch.example.test' } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NOT_FOUND' });
    expect(evidence(outcome, 'dns.evidence.expectedHost')).toEqual([]);
  });

  it('fails with DNS_NO_ADDRESS when the name exists but has no A or AAAA record', async () => {
    const outcome = await run(dnsIncomingCheck, makeAccount({ incoming: { host: 'domain-only.example.test' } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NO_ADDRESS' });
    expect(evidence(outcome, 'dns.evidence.error')).toEqual(['ENODATA']);
    expect(outcome.remediation?.length).toBeGreaterThan(0);
  });

  it('fails with DNS_TIMEOUT within the step timeout when the DNS server never answers', async () => {
    const started = Date.now();
    const outcome = await run(dnsIncomingCheck, makeAccount({ incoming: { host: 'slow.example.test' } }), 300);
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_TIMEOUT' });
    expect(elapsed).toBeLessThan(300 + 1000);
    expect(evidence(outcome, 'dns.evidence.error')).toEqual(['ETIMEOUT']);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe('the DNS server did not answer within 0.3 s when asked for slow.example.test');
    expect(standin.queries.some((query) => query.name === 'slow.example.test')).toBe(true);
  });

  it('fails with DNS_SERVER_FAILURE and names SERVFAIL', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ outgoing: { host: 'broken.example.test' } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_SERVER_FAILURE' });
    expect(evidence(outcome, 'dns.evidence.error')).toEqual(['ESERVFAIL']);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe('the DNS server could not resolve broken.example.test: it answered SERVFAIL');
  });

  it('fails with DNS_SERVER_FAILURE and names REFUSED', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ outgoing: { host: 'refusing.example.test' } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_SERVER_FAILURE' });
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe(
      'o servidor DNS não conseguiu resolver refusing.example.test: respondeu REFUSED',
    );
  });

  it('warns with DNS_PRIVATE_ADDRESS when outlook.office365.com resolves to a private address', async () => {
    const outcome = await run(dnsIncomingCheck, makeAccount({ provider: 'office365', incoming: { host: 'outlook.office365.com' } }));
    expect(outcome).toMatchObject({ status: 'warn', code: 'DNS_PRIVATE_ADDRESS' });
    expect(evidence(outcome, 'dns.evidence.ipv4')).toEqual(['10.20.30.40']);
    expect(outcome.remediation?.some((step) => step.target === 'nslookup outlook.office365.com 1.1.1.1')).toBe(true);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toContain('private address on this network (10.20.30.40)');
  });

  it('passes a public provider host that resolves to a public address', async () => {
    const outcome = await run(dnsOutgoingCheck, makeAccount({ provider: 'office365', outgoing: { host: 'smtp.office365.com' } }));
    expect(outcome.status).toBe('pass');
  });

  it('does not flag a private address for the customer’s own server', async () => {
    const outcome = await run(dnsIncomingCheck, makeAccount({ incoming: { host: 'internal.example.test' } }));
    expect(outcome.status).toBe('pass');
  });

  it('passes an IP literal without sending any query', async () => {
    const before = standin.queries.length;
    const v4 = await run(dnsIncomingCheck, makeAccount({ incoming: { host: '192.0.2.77' } }));
    const v6 = await run(dnsOutgoingCheck, makeAccount({ outgoing: { host: '[2001:db8::77]' } }));
    expect(v4.status).toBe('pass');
    expect(evidence(v4, 'dns.evidence.ipv4')).toEqual(['192.0.2.77']);
    expect(v6.status).toBe('pass');
    expect(evidence(v6, 'dns.evidence.ipv6')).toEqual(['2001:db8::77']);
    expect(standin.queries.length).toBe(before);
  });
});

describe('dns.* when no DNS server can be reached', () => {
  it('fails with DNS_NO_NETWORK when the DNS server’s port is closed (c-ares reports ECONNREFUSED)', async () => {
    // A UDP port that was bound and released: nothing listens, so the kernel answers ICMP port unreachable.
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));

    const context = makeContext(makeAccount({ incoming: { host: 'mail.example.test' } }), {
      dns: createResolver([`127.0.0.1:${port}`]),
      options: { stepTimeoutMs: 2000 },
    });
    const outcome = await dnsIncomingCheck.run(context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NO_NETWORK' });
    expect(evidence(outcome, 'dns.evidence.error')).toEqual(['ECONNREFUSED']);
  });
});
