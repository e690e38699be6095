/**
 * The loopback DNS server of standins/ as real clients see it: c-ares (`dns.promises.Resolver`) for each
 * record type and each failure, and a raw TCP query framed as RFC 1035 §4.2.2 says (two-byte length).
 */
import net from 'node:net';
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import dnsPacket from 'dns-packet';
import { startDnsServer, type DnsServer } from '../../../standins/dns-server/index.js';

let server: DnsServer;

beforeAll(async () => {
  server = await startDnsServer({
    'all.example.test': {
      a: ['192.0.2.1'],
      aaaa: ['2001:db8::1'],
      mx: [{ priority: 10, exchange: 'mx.all.example.test' }],
      txt: ['v=spf1 -all'],
    },
    '_imaps._tcp.all.example.test': { srv: [{ priority: 1, weight: 5, port: 993, target: 'imap.all.example.test' }] },
    'servfail.example.test': { behaviour: 'servfail' },
    'refused.example.test': { behaviour: 'refused' },
    'silent.example.test': { behaviour: 'silent' },
  });
});

afterAll(async () => {
  await server.close();
});

function resolver(timeout = 2000): Resolver {
  const client = new Resolver({ timeout, tries: 1 });
  client.setServers([server.address]);
  return client;
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('the loopback DNS server', () => {
  it('answers A, AAAA, MX, TXT and SRV from its table', async () => {
    const client = resolver();
    expect(await client.resolve4('all.example.test')).toEqual(['192.0.2.1']);
    expect(await client.resolve6('all.example.test')).toEqual(['2001:db8::1']);
    expect(await client.resolveMx('all.example.test')).toEqual([{ priority: 10, exchange: 'mx.all.example.test' }]);
    expect(await client.resolveTxt('all.example.test')).toEqual([['v=spf1 -all']]);
    expect(await client.resolveSrv('_imaps._tcp.all.example.test')).toEqual([{ priority: 1, weight: 5, port: 993, name: 'imap.all.example.test' }]);
  });

  it('says NXDOMAIN, NODATA, SERVFAIL and REFUSED, and stays silent when told to', async () => {
    const client = resolver(300);
    expect(await code(client.resolveMx('unknown.example.test'))).toBe('ENOTFOUND');
    expect(await code(client.resolveSrv('all.example.test'))).toBe('ENODATA');
    expect(await code(client.resolveMx('servfail.example.test'))).toBe('ESERVFAIL');
    expect(await code(client.resolveMx('refused.example.test'))).toBe('EREFUSED');
    expect(await code(client.resolveMx('silent.example.test'))).toBe('ETIMEOUT');
  });

  it('answers over TCP, each message framed by its length, and records the transport', async () => {
    const query = dnsPacket.streamEncode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'MX', name: 'all.example.test' }] });
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(query));
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
          socket.end();
          resolve(received);
        }
      });
      socket.on('error', reject);
    });
    const packet = dnsPacket.streamDecode(answer);
    expect(packet.id).toBe(7);
    expect(packet.answers?.map((record) => ('data' in record ? record.data : undefined))).toEqual([{ preference: 10, exchange: 'mx.all.example.test' }]);
    expect(server.queries.at(-1)).toEqual({ name: 'all.example.test', type: 'MX', transport: 'tcp' });
  });
});
