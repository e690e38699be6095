/**
 * The resolvers of src/probes/dns.ts with real c-ares against the DNS stand-in, and the production
 * resolver: getaddrinfo first (real getaddrinfo only for `localhost`, answered from the hosts file; other
 * names through its `lookup` seam), direct DNS queries only to diagnose its failures.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DnsLookupError, classifyDnsError, createResolver, createSystemResolver } from '../../../src/probes/dns.js';
import { startDnsStandin, type DnsStandin } from '../../support/dns-standin.js';

let standin: DnsStandin;
let closedPort: string;

beforeAll(async () => {
  standin = await startDnsStandin({
    'both.example.test': { a: ['192.0.2.1', '192.0.2.2'], aaaa: ['2001:db8::1'] },
    'empty.example.test': {},
    'slow.example.test': { behaviour: 'silent' },
    'gone.example.test': { behaviour: 'nxdomain' },
  });
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  closedPort = `127.0.0.1:${socket.address().port}`;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
});

afterAll(async () => {
  await standin.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createResolver (c-ares at the given servers)', () => {
  const resolver = () => createResolver([standin.address]);

  it('asks for A and AAAA and returns both families, saying which servers answered', async () => {
    const answer = await resolver().resolve('both.example.test', { timeoutMs: 2000 });
    expect(answer).toEqual([
      { address: '192.0.2.1', family: 4, resolver: `c-ares → ${standin.address}` },
      { address: '192.0.2.2', family: 4, resolver: `c-ares → ${standin.address}` },
      { address: '2001:db8::1', family: 6, resolver: `c-ares → ${standin.address}` },
    ]);
    const asked = standin.queries
      .filter((query) => query.name === 'both.example.test')
      .map((query) => query.type)
      .sort();
    expect(asked).toEqual(['A', 'AAAA']);
  });

  it('rejects with ENOTFOUND for NXDOMAIN and ENODATA for a name without addresses', async () => {
    const gone = await rejection(resolver().resolve('gone.example.test', { timeoutMs: 2000 }));
    expect(gone).toBeInstanceOf(DnsLookupError);
    expect(gone).toMatchObject({ code: 'ENOTFOUND', hostname: 'gone.example.test' });
    expect(classifyDnsError(gone)).toBe('DNS_NOT_FOUND');
    const empty = await rejection(resolver().resolve('empty.example.test', { timeoutMs: 2000 }));
    expect(empty).toMatchObject({ code: 'ENODATA' });
    expect(classifyDnsError(empty)).toBe('DNS_NO_ADDRESS');
  });

  it('gives up at its own deadline even though c-ares would keep retrying', async () => {
    const started = Date.now();
    const error = await rejection(resolver().resolve('slow.example.test', { timeoutMs: 250 }));
    expect(Date.now() - started).toBeLessThan(250 + 1000);
    expect(error).toMatchObject({ code: 'ETIMEOUT' });
    expect(classifyDnsError(error)).toBe('DNS_TIMEOUT');
  });

  it('stops at once when the signal aborts, with the abort reason rather than a DNS code', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = rejection(resolver().resolve('slow.example.test', { timeoutMs: 5000, signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 50);
    const error = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toEqual(new Error('interrupted by SIGINT'));
  });

  it('reports ECONNREFUSED when nothing listens on the DNS port, which we classify as no network', async () => {
    const error = await rejection(createResolver([closedPort]).resolve('both.example.test', { timeoutMs: 2000 }));
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(classifyDnsError(error)).toBe('DNS_NO_NETWORK');
  });
});

describe('createSystemResolver (getaddrinfo; direct DNS only to diagnose)', () => {
  const GETADDRINFO = 'getaddrinfo (operating system resolver, hosts file)';
  const notFound = async (): Promise<never> => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  };
  const asked = (name: string) => standin.queries.filter((query) => query.name === name).length;

  it('answers localhost from the real getaddrinfo (hosts file) and sends no DNS query for it', async () => {
    const resolver = createSystemResolver({ servers: [standin.address] });
    const answer = await resolver.resolve('localhost', { timeoutMs: 2000 });
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.every((entry) => entry.address === '127.0.0.1' || entry.address === '::1')).toBe(true);
    expect(answer[0]?.resolver).toBe(GETADDRINFO);
    expect(asked('localhost')).toBe(0);
  });

  it('connects where the operating system says even when DNS says otherwise (hosts file, VPN, split DNS)', async () => {
    const resolver = createSystemResolver({ servers: [standin.address], lookup: async () => [{ address: '10.9.8.7', family: 4 }] });
    const answer = await resolver.resolve('vpn-only.example.test', { timeoutMs: 2000 });
    expect(answer).toEqual([{ address: '10.9.8.7', family: 4, resolver: GETADDRINFO }]);
    expect(asked('vpn-only.example.test')).toBe(0);
  });

  it('asks DNS directly only when getaddrinfo fails, and reports the direct code, naming both resolvers', async () => {
    const resolver = createSystemResolver({ servers: [standin.address], lookup: notFound });
    const error = await rejection(resolver.resolve('empty.example.test', { timeoutMs: 2000 }));
    expect(error).toMatchObject({
      code: 'ENODATA',
      resolver: `${GETADDRINFO}: ENOTFOUND; c-ares → ${standin.address}: ENODATA`,
    });
    expect(classifyDnsError(error)).toBe('DNS_NO_ADDRESS');
  });

  it('fails with the addresses DNS gave when only the operating system cannot resolve the name', async () => {
    const resolver = createSystemResolver({ servers: [standin.address], lookup: notFound });
    const error = await rejection(resolver.resolve('both.example.test', { timeoutMs: 2000 }));
    expect(error).toMatchObject({ code: 'ENOTFOUND', dnsAnswer: ['192.0.2.1', '192.0.2.2', '2001:db8::1'] });
    expect(classifyDnsError(error)).toBe('DNS_LOOKUP_FAILED');
  });

  it('never sends a special-use name (RFC 6761 .localhost, .invalid; RFC 6762 .local) to DNS', async () => {
    const resolver = createSystemResolver({ servers: [standin.address], lookup: notFound });
    for (const name of ['mail.localhost', 'mail.invalid', 'printer.local']) {
      const error = await rejection(resolver.resolve(name, { timeoutMs: 2000 }));
      expect(error).toMatchObject({ code: 'ENOTFOUND', resolver: `${GETADDRINFO}: ENOTFOUND` });
      expect(asked(name)).toBe(0);
    }
  });

  it('says DNS_NO_NETWORK when the DNS server is unreachable and the machine has no network interface', async () => {
    const failingLookup = async (): Promise<never> => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    const offline = createSystemResolver({ servers: [standin.address], lookup: failingLookup, hasNetworkInterface: () => false });
    const online = createSystemResolver({ servers: [standin.address], lookup: failingLookup, hasNetworkInterface: () => true });
    const offlineError = await rejection(offline.resolve('slow.example.test', { timeoutMs: 300 }));
    const onlineError = await rejection(online.resolve('slow.example.test', { timeoutMs: 300 }));
    expect(classifyDnsError(offlineError)).toBe('DNS_NO_NETWORK');
    expect(classifyDnsError(onlineError)).toBe('DNS_TIMEOUT');
    // Without an interface, a name the server says does not exist is still "does not exist".
    const gone = await rejection(offline.resolve('gone.example.test', { timeoutMs: 300 }));
    expect(classifyDnsError(gone)).toBe('DNS_NOT_FOUND');
  });

  it('keeps to the whole deadline when getaddrinfo hangs and DNS times out', async () => {
    const resolver = createSystemResolver({ servers: [standin.address], lookup: () => new Promise(() => undefined) });
    const started = Date.now();
    const error = await rejection(resolver.resolve('slow.example.test', { timeoutMs: 600 }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(600 + 1000);
    expect(error).toMatchObject({ code: 'ETIMEOUT' });
  });

  it('queries a given server (endpoints.dns) directly on request', async () => {
    const resolver = createSystemResolver({ servers: [closedPort] });
    const answer = await resolver.query?.('both.example.test', { timeoutMs: 2000, server: standin.address });
    expect(answer?.map((entry) => entry.address)).toEqual(['192.0.2.1', '192.0.2.2', '2001:db8::1']);
  });
});

describe('classifyDnsError', () => {
  it.each([
    ['ENOTFOUND', 'DNS_NOT_FOUND'],
    ['ENODATA', 'DNS_NO_ADDRESS'],
    ['ETIMEOUT', 'DNS_TIMEOUT'],
    ['EAI_AGAIN', 'DNS_TIMEOUT'],
    ['ECONNREFUSED', 'DNS_NO_NETWORK'],
    ['ENETUNREACH', 'DNS_NO_NETWORK'],
    ['ESERVFAIL', 'DNS_SERVER_FAILURE'],
    ['EREFUSED', 'DNS_SERVER_FAILURE'],
    ['EWHATEVER', 'DNS_LOOKUP_FAILED'],
  ])('maps %s to %s', (code, expected) => {
    expect(classifyDnsError(Object.assign(new Error(code), { code }))).toBe(expected);
  });

  it('gives DNS_LOOKUP_FAILED for something that is not a DNS error', () => {
    expect(classifyDnsError(new Error('boom'))).toBe('DNS_LOOKUP_FAILED');
    expect(classifyDnsError('a string')).toBe('DNS_LOOKUP_FAILED');
  });
});
