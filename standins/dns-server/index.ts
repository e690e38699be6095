/**
 * A loopback DNS server (UDP and TCP on one port, RFC 1035 §4.2; wire format by dns-packet) that answers
 * MX, SRV, A, AAAA and TXT questions from a table, for the MX check, the `init` discovery, the demo and
 * the tests. A name can be made to answer NXDOMAIN, SERVFAIL or REFUSED, to stay silent (the client times
 * out), or to be truncated over UDP (TC bit, RFC 1035 §4.2.1) so that the client retries over TCP
 * (RFC 7766). Answers larger than the client's UDP size (512 bytes, or its EDNS0 size) are truncated too.
 * Unknown names are NXDOMAIN; a known name without records of the type asked is NOERROR with no answer
 * (RFC 2308 "NODATA"). Every question is recorded, with its transport.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, Packet, Question } from 'dns-packet';

export interface ZoneEntry {
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
  /** `exchange: '.'` with priority 0 is a null MX (RFC 7505). */
  readonly mx?: ReadonlyArray<{ readonly priority: number; readonly exchange: string }>;
  readonly srv?: ReadonlyArray<{ readonly priority: number; readonly weight: number; readonly port: number; readonly target: string }>;
  readonly txt?: readonly string[];
  readonly behaviour?: 'nxdomain' | 'servfail' | 'refused' | 'silent' | 'truncate';
}

export type Zone = Readonly<Record<string, ZoneEntry>>;

export interface DnsQueryRecord {
  /** Lower-case, without the trailing dot. */
  readonly name: string;
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
}

export interface DnsServer {
  /** `127.0.0.1:PORT`, as `endpoints.dns` and `dns.Resolver#setServers` take it. */
  readonly address: string;
  readonly port: number;
  /** Every question received, in order. */
  readonly queries: DnsQueryRecord[];
  /** Adds or replaces a name's entry while running. */
  set(name: string, entry: ZoneEntry): void;
  close(): Promise<void>;
}

// RFC 1035 §4.1.1 RCODE values (dns-packet carries them in the low 4 bits of the flags).
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const CLASSIC_UDP_SIZE = 512;

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function answersFor(question: Question, entry: ZoneEntry): Answer[] {
  const base = { name: question.name, ttl: 60 } as const;
  switch (question.type) {
    case 'A':
      return (entry.a ?? []).map((data) => ({ ...base, type: 'A', data }));
    case 'AAAA':
      return (entry.aaaa ?? []).map((data) => ({ ...base, type: 'AAAA', data }));
    case 'MX':
      return (entry.mx ?? []).map((mx) => ({ ...base, type: 'MX', data: { preference: mx.priority, exchange: mx.exchange === '.' ? '' : mx.exchange } }));
    case 'SRV':
      return (entry.srv ?? []).map((srv) => ({ ...base, type: 'SRV', data: { ...srv, target: srv.target === '.' ? '' : srv.target } }));
    case 'TXT':
      return (entry.txt ?? []).map((data) => ({ ...base, type: 'TXT', data }));
    default:
      return [];
  }
}

/** The reply to one query, or undefined to stay silent. */
function reply(zone: Map<string, ZoneEntry>, query: Packet, transport: 'udp' | 'tcp', queries: DnsQueryRecord[]): Buffer | undefined {
  const question = query.questions?.[0];
  if (!question) return undefined;
  const name = normaliseName(question.name);
  queries.push({ name, type: question.type, transport });
  const entry = zone.get(name);
  if (entry?.behaviour === 'silent') return undefined;

  let rcode: number = RCODE.NOERROR;
  let answers: Answer[] = [];
  if (!entry || entry.behaviour === 'nxdomain') rcode = RCODE.NXDOMAIN;
  else if (entry.behaviour === 'servfail') rcode = RCODE.SERVFAIL;
  else if (entry.behaviour === 'refused') rcode = RCODE.REFUSED;
  else answers = answersFor(question, entry);

  const flags = dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode;
  const packet = { type: 'response' as const, id: query.id ?? 0, flags, questions: [question], answers };
  const full = dnsPacket.encode(packet);
  if (transport === 'tcp') return full;
  const opt = query.additionals?.find((record) => record.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  const limit = Math.max(CLASSIC_UDP_SIZE, opt?.udpPayloadSize ?? CLASSIC_UDP_SIZE);
  if (entry?.behaviour === 'truncate' || full.length > limit) {
    return dnsPacket.encode({ ...packet, flags: flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] });
  }
  return full;
}

function decode(message: Buffer): Packet | undefined {
  try {
    return dnsPacket.decode(message);
  } catch {
    return undefined; // not DNS: ignored, as a real server would
  }
}

/** Starts the server on 127.0.0.1 (an ephemeral port unless `port` is given). */
export async function startDnsServer(records: Zone, options: { port?: number } = {}): Promise<DnsServer> {
  const zone = new Map(Object.entries(records).map(([name, entry]) => [normaliseName(name), entry]));
  const queries: DnsQueryRecord[] = [];
  const createUdp = (): dgram.Socket => {
    const socket = dgram.createSocket('udp4');
    socket.on('message', (message, remote) => {
      const query = decode(message);
      const answer = query && reply(zone, query, 'udp', queries);
      if (answer) socket.send(answer, remote.port, remote.address);
    });
    return socket;
  };

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(10_000, () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // RFC 1035 §4.2.2: each message is preceded by its two-byte length.
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const query = decode(buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        const answer = query && reply(zone, query, 'tcp', queries);
        if (answer) {
          const framed = Buffer.alloc(2 + answer.length);
          framed.writeUInt16BE(answer.length, 0);
          answer.copy(framed, 2);
          socket.write(framed);
        }
      }
      if (buffered.length > 70_000) socket.destroy();
    });
  });

  const { port, udp } = await bindBoth(createUdp, tcp, options.port ?? 0);
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    set: (name, entry) => void zone.set(normaliseName(name), entry),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise<void>((resolve) => udp.close(() => resolve())), new Promise<void>((resolve) => tcp.close(() => resolve()))]);
    },
  };
}

/** UDP first (its port), then TCP on the same number; another try when that TCP port is taken. */
async function bindBoth(createUdp: () => dgram.Socket, tcp: net.Server, wanted: number): Promise<{ port: number; udp: dgram.Socket }> {
  for (let attempt = 0; ; attempt++) {
    const udp = createUdp();
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(wanted, '127.0.0.1', () => {
        udp.off('error', reject);
        resolve(udp.address().port);
      });
    });
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { port, udp };
    } catch (error) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (wanted !== 0 || attempt >= 10) throw error;
    }
  }
}
