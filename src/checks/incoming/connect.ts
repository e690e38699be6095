/**
 * incoming.connect: DNS → TCP → the server's greeting (IMAP `* OK`, POP3 `+OK`; for implicit TLS, after
 * the handshake). Refused, dropped, reset, blocked locally, unreachable and a port that accepts but never
 * speaks (tarpit) are each named, with the address tried and the time spent. Opens the session that
 * incoming.tls and incoming.auth continue (session.ts).
 */
import type { Account } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import { replyForEvidence } from '../../probes/incoming-replies.js';
import type { ProbeError } from '../../probes/probe-error.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../types.js';
import { protocolName } from './remediation.js';
import { connectSession, greetingAccepted, type IncomingSession } from './session.js';

/** The ports a user would expect for the protocol, for "wrong port" hints. */
export function usualPorts(account: Account): string {
  return account.incoming.protocol === 'imap' ? '993 (TLS) and 143 (STARTTLS)' : '995 (TLS) and 110 (STLS)';
}

/** The HTTP proxy variable set in this process, if any: mail protocols cannot use it (SPEC "Networks"). */
export function configuredProxy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => (env[name] ?? '').trim() !== '');
}

function connectEvidence(session: IncomingSession, error?: ProbeError): Evidence[] {
  const evidence: Evidence[] = [{ label: 'incoming.evidence.protocol', value: `${protocolName(session.protocol)} ${session.host}:${session.port} (security: ${session.security})` }];
  const address = session.tcp?.address ?? error?.address;
  if (address) evidence.push({ label: 'incoming.evidence.address', value: `${address}:${session.port}` });
  if (session.tcp) evidence.push({ label: 'incoming.evidence.elapsed', value: `TCP ${session.tcp.connectMs} ms` });
  if (error?.elapsedMs !== undefined) evidence.push({ label: 'incoming.evidence.elapsed', value: `${error.stage} ${error.elapsedMs} ms` });
  if (error) evidence.push({ label: 'incoming.evidence.error', value: `${error.code}${error.nodeCode ? ` (${error.nodeCode})` : ''}: ${error.message}` });
  if (session.greeting) evidence.push({ label: 'incoming.evidence.greeting', value: replyForEvidence(session.greeting) });
  return evidence;
}

/** The connect step's outcome, also used by incoming.tls/auth when they run without it (`--only`). */
export function connectOutcome(session: IncomingSession, context: CheckContext): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const host = session.host;
  const port = session.port;
  const error = session.connectFailure;
  if (error) return connectFailure(session, context, error);

  const address = session.tcp?.address ?? session.tlsFailure?.address ?? host;
  const ms = session.tcp?.connectMs ?? 0;
  if (!session.greeting) {
    // Reached, but the first bytes are TLS's business (a wrong kind of port): incoming.tls names it.
    return { status: 'pass', summary: msg('incoming.connect.passTlsPending', { host, port, address, ms }), evidence: connectEvidence(session, session.tlsFailure) };
  }
  const evidence = connectEvidence(session);
  const reply = replyForEvidence(session.greeting);
  if (!greetingAccepted(session)) {
    const refused = session.protocol === 'imap' ? /^\* BYE\b/i.test(session.greeting) : /^-ERR\b/i.test(session.greeting);
    if (refused) {
      return { status: 'fail', code: 'GREETING_REFUSED', summary: msg('incoming.connect.refusedGreeting', { protocol, host, port, reply }), evidence, remediation: [{ kind: 'text', message: msg('incoming.connect.fix.refusedGreeting') }] };
    }
    return {
      status: 'fail',
      code: 'PROTOCOL_UNEXPECTED_REPLY',
      summary: msg('incoming.connect.badGreeting', { host, port, protocol, reply }),
      evidence,
      remediation: [{ kind: 'text', message: msg('incoming.connect.fix.wrongProtocol', { port, protocol, ports: usualPorts(account) }) }],
    };
  }
  return { status: 'pass', summary: msg('incoming.connect.pass', { protocol, host, port, address, ms }), evidence };
}

function connectFailure(session: IncomingSession, context: CheckContext, error: ProbeError): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const { host, port } = session;
  const address = error.address ?? session.tcp?.address ?? host;
  const ms = error.elapsedMs ?? 0;
  const seconds = Math.round(context.options.stepTimeoutMs / 1000);
  const evidence = connectEvidence(session, error);
  const proxy = configuredProxy();
  const firewall: Remediation = { kind: 'text', message: msg('incoming.connect.fix.firewall', { host, port }) };
  const hostPort: Remediation = { kind: 'text', message: msg('incoming.connect.fix.hostPort', { protocol, ports: usualPorts(account) }) };
  const longer: Remediation = { kind: 'text', message: msg('incoming.connect.fix.longerTimeout', { seconds: Math.max(seconds * 2, 30) }) };
  const blocked = (remediation: Remediation[]): Remediation[] => {
    if (!proxy) return remediation;
    evidence.push({ label: 'incoming.evidence.proxy', value: proxy });
    return [{ kind: 'text', message: msg('incoming.connect.fix.proxy', { variable: proxy, port, host }) }, ...remediation];
  };
  const fail = (code: string, summary: ReturnType<typeof msg>, remediation: Remediation[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation });

  switch (error.code) {
    case 'DNS_NOT_FOUND':
    case 'DNS_TIMEOUT':
    case 'DNS_FAILED':
      return fail(error.code, msg('incoming.connect.dns', { host, code: error.nodeCode ?? error.code }), [{ kind: 'text', message: msg('incoming.connect.fix.dns') }]);
    case 'TCP_REFUSED':
      return fail(error.code, msg('incoming.connect.refused', { address, port, ms }), blocked([hostPort, firewall]));
    case 'TCP_TIMEOUT':
      return fail(error.code, msg('incoming.connect.timeout', { address, port, seconds }), blocked([firewall, hostPort, longer]));
    case 'TCP_RESET':
      return fail(error.code, msg('incoming.connect.reset', { address, port, ms }), blocked([firewall, hostPort]));
    case 'CONNECTION_CLOSED':
      return fail(error.code, msg('incoming.connect.closed', { address, port, ms }), blocked([hostPort, firewall]));
    case 'TCP_BLOCKED_LOCALLY':
      return fail(error.code, msg('incoming.connect.blockedLocally', { address, port }), [{ kind: 'text', message: msg('incoming.connect.fix.localBlock', { port }) }]);
    case 'NETWORK_UNREACHABLE':
      return fail(error.code, msg('incoming.connect.unreachable', { address, port }), blocked([firewall]));
    case 'GREETING_TIMEOUT':
      return fail(error.code, msg('incoming.connect.tarpit', { address, port, seconds }), blocked([{ kind: 'text', message: msg('incoming.connect.fix.tarpit', { port, protocol }) }, hostPort]));
    case 'TLS_HANDSHAKE_TIMEOUT':
      return fail(error.code, msg('incoming.connect.tlsSilent', { address, port, seconds }), blocked([{ kind: 'text', message: msg('incoming.connect.fix.tarpit', { port, protocol }) }, hostPort]));
    case 'LINE_TOO_LONG':
    case 'REPLY_TOO_LONG':
      return fail(error.code, msg('incoming.connect.garbage', { address, port, detail: error.message }), [{ kind: 'text', message: msg('incoming.connect.fix.garbage') }]);
    default:
      return fail(error.code, msg('incoming.connect.failed', { host, port, detail: error.message }), blocked([hostPort, firewall]));
  }
}

export const incomingConnectCheck = defineCheck({
  id: 'incoming.connect',
  area: 'incoming',
  title: 'incoming.connect.title',
  needs: ['network'],
  dependsOn: ['dns.incoming'],
  // DNS, TCP, the TLS handshake (implicit TLS, and tls.ts's one legacy retry on a new connection), the
  // greeting, and one probe on a new connection that names a wrong kind of port.
  steps: 8,
  appliesTo: () => true,
  async run(context) {
    const session = await connectSession(context);
    return connectOutcome(session, context);
  },
});
