/**
 * A tiny authoritative-looking DNS server on 127.0.0.1 (UDP, ephemeral port) for the dns.* integration
 * tests: it answers A/AAAA from a table, NXDOMAIN for unknown names, and can be told to fail a name with
 * SERVFAIL or REFUSED, or to stay silent (the client times out). Built on dns-packet (RFC 1035 wire format).
 */
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';

export interface StandinRecord {
  a?: string[];
  aaaa?: string[];
  behaviour?: 'nxdomain' | 'servfail' | 'refused' | 'silent';
}

export interface DnsStandin {
  /** `127.0.0.1:PORT`, as `dns.Resolver#setServers` takes it. */
  readonly address: string;
  /** Every question received, in order (names lower-cased, without the trailing dot). */
  readonly queries: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

// RFC 1035 §4.1.1 RCODE values.
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

export async function startDnsStandin(records: Record<string, StandinRecord>): Promise<DnsStandin> {
  const table = new Map(Object.entries(records).map(([name, record]) => [normalise(name), record]));
  const queries: Array<{ name: string; type: string }> = [];
  const socket = dgram.createSocket('udp4');

  socket.on('message', (message, remote) => {
    let query;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore, as a real server would
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = normalise(question.name);
    queries.push({ name, type: question.type });

    const record = table.get(name);
    if (record?.behaviour === 'silent') return;

    let rcode: number = RCODE.NOERROR;
    const answers: Answer[] = [];
    if (!record || record.behaviour === 'nxdomain') rcode = RCODE.NXDOMAIN;
    else if (record.behaviour === 'servfail') rcode = RCODE.SERVFAIL;
    else if (record.behaviour === 'refused') rcode = RCODE.REFUSED;
    else if (question.type === 'A') for (const data of record.a ?? []) answers.push({ type: 'A', name: question.name, ttl: 60, data });
    else if (question.type === 'AAAA') for (const data of record.aaaa ?? []) answers.push({ type: 'AAAA', name: question.name, ttl: 60, data });

    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      // dns-packet carries the RCODE in the low 4 bits of the flags.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address();

  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
