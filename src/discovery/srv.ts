/**
 * Mail servers from a domain's SRV records: RFC 6186 (`_submission._tcp`, `_imap._tcp`, `_imaps._tcp`,
 * `_pop3._tcp`, `_pop3s._tcp`) and RFC 8314 §5.1 (`_submissions._tcp`, implicit TLS). RFC 8314 prefers
 * implicit TLS, so `_submissions`/`_imaps`/`_pop3s` win over their STARTTLS twins, and IMAP over POP3 (what
 * the CRM reads best). Among one service's records the lowest priority, then the highest weight, is taken
 * (RFC 2782); a target of "." says the service is not offered there.
 */
import type { SrvRecord } from 'node:dns';
import { querySrv, type RecordQuery } from '../probes/dns-records.js';
import type { IncomingProtocol, Security } from '../config/types.js';
import { isPlainHostName, type ServerProposal } from './types.js';

interface Service {
  readonly label: string;
  readonly kind: IncomingProtocol | 'smtp';
  readonly security: Security;
}

export const SRV_SERVICES: readonly Service[] = [
  { label: '_imaps._tcp', kind: 'imap', security: 'tls' },
  { label: '_imap._tcp', kind: 'imap', security: 'starttls' },
  { label: '_pop3s._tcp', kind: 'pop3', security: 'tls' },
  { label: '_pop3._tcp', kind: 'pop3', security: 'starttls' },
  { label: '_submissions._tcp', kind: 'smtp', security: 'tls' },
  { label: '_submission._tcp', kind: 'smtp', security: 'starttls' },
];

export interface SrvFound {
  readonly servers: ServerProposal;
  /** The SRV names the proposal came from. */
  readonly names: readonly string[];
}

function best(records: readonly SrvRecord[]): SrvRecord | undefined {
  const usable = records.filter((record) => record.port > 0 && isPlainHostName(record.name.replace(/\.$/, '')));
  return usable.sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
}

/** All six names in parallel; a proposal only when both an incoming and a submission service are published. */
export async function readSrv(domain: string, query: RecordQuery): Promise<SrvFound | undefined> {
  const answers = await Promise.all(SRV_SERVICES.map((service) => querySrv(`${service.label}.${domain}`, query)));
  const found = SRV_SERVICES.map((service, index) => {
    const answer = answers[index]!;
    const record = answer.ok ? best(answer.records) : undefined;
    return record ? { service, record } : undefined;
  }).filter((entry) => entry !== undefined);
  const incoming = found.find((entry) => entry.service.kind !== 'smtp');
  const outgoing = found.find((entry) => entry.service.kind === 'smtp');
  if (!incoming || !outgoing) return undefined;
  const host = (record: SrvRecord) => record.name.toLowerCase().replace(/\.$/, '');
  return {
    servers: {
      incoming: {
        protocol: incoming.service.kind as IncomingProtocol,
        host: host(incoming.record),
        port: incoming.record.port,
        security: incoming.service.security,
      },
      outgoing: { host: host(outgoing.record), port: outgoing.record.port, security: outgoing.service.security },
    },
    names: [`${incoming.service.label}.${domain}`, `${outgoing.service.label}.${domain}`],
  };
}
