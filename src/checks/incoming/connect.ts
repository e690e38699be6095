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
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { incomingSettingsEvidence, protocolName } from './shared/remediation.js';
import type { IncomingSession } from '../../probes/incoming-session.js';
import { connectSession } from './shared/session.js';
import { familyEntry, incomingFamily } from './shared/family.js';
import { testNetConnection } from '../../providers/microsoft/powershell.js';

/** The ports a user would expect for the protocol, for "wrong port" hints. */
export function usualPorts(account: Account): string {
  return account.incoming.protocol === 'imap' ? '993 (TLS) and 143 (STARTTLS)' : '995 (TLS) and 110 (STLS)';
}

/** The HTTP proxy variable set in this process, if any: mail protocols cannot cross an HTTP proxy. */
export function configuredProxy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => (env[name] ?? '').trim() !== '');
}

function connectEvidence(session: IncomingSession, context: CheckContext, error?: ProbeError): Evidence[] {
  const evidence: Evidence[] = [{ label: 'incoming.evidence.protocol', value: protocolName(session.protocol) }, ...incomingSettingsEvidence(context)];
  const address = session.tcp?.address ?? error?.address;
  if (address) evidence.push({ label: 'mail.evidence.address', value: address });
  if (session.tcp?.localAddress) evidence.push({ label: 'mail.evidence.localAddress', value: `${session.tcp.localAddress}:${session.tcp.localPort ?? ''}` });
  if (session.tcp) evidence.push({ label: 'mail.evidence.elapsed', value: `TCP ${session.tcp.connectMs} ms` });
  if (error?.elapsedMs !== undefined) evidence.push({ label: 'mail.evidence.elapsed', value: `${error.stage} ${error.elapsedMs} ms` });
  if (error) evidence.push({ label: 'mail.evidence.systemError', value: `${error.code}${error.nodeCode ? ` (${error.nodeCode})` : ''}: ${error.message}` });
  if (session.greeting) evidence.push({ label: 'mail.evidence.greeting', value: replyForEvidence(session.greeting) });
  if (session.greeting) evidence.push(...familyEntry(incomingFamily(session)));
  return evidence;
}

/** Which protocol a greeting looks like, for "wrong port" messages. */
function greetingProtocol(greeting: string): string | undefined {
  if (/^\* (OK|PREAUTH|BYE)\b/i.test(greeting)) return 'IMAP';
  if (/^[+-](OK|ERR)\b/i.test(greeting)) return 'POP3';
  if (/^[2-5]\d\d[ -]/.test(greeting)) return 'SMTP';
  if (/^SSH-/.test(greeting)) return 'SSH';
  if (/^HTTP\//i.test(greeting)) return 'HTTP';
  return undefined;
}

/** The commands that test a port from this network (Windows PowerShell; Linux/macOS). */
export function portTests(host: string, port: number): Remediation[] {
  return [
    { kind: 'command', message: msg('mail.fix.testPortWindows'), target: testNetConnection(host, port) },
    { kind: 'command', message: msg('mail.fix.testPortUnix'), target: `nc -vz ${host} ${port}` },
  ];
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
    // Reached, but the first bytes are TLS's business: incoming.tls names it. "Speaks only after TLS" only
    // when that is what happened (no plaintext greeting, and a TLS handshake completed); a failed handshake
    // (a plaintext port under security: tls, an old TLS version) says nothing about what the server speaks.
    const onlyAfterTls = session.implicitTlsPort === true || (session.tlsSession !== undefined && !session.tlsFailure);
    return {
      status: 'pass',
      summary: msg(onlyAfterTls ? 'incoming.connect.passTlsPending' : 'incoming.connect.passTlsFailed', { host, port, address, ms }),
      evidence: connectEvidence(session, context, session.tlsFailure),
    };
  }
  const evidence = connectEvidence(session, context);
  const reply = replyForEvidence(session.greeting);
  if (!session.greetingAccepted()) {
    const refused = session.protocol === 'imap' ? /^\* BYE\b/i.test(session.greeting) : /^-ERR\b/i.test(session.greeting);
    if (refused) {
      return {
        status: 'fail',
        code: 'GREETING_REFUSED',
        summary: msg('mail.connect.greetingRejected', { host, reply }),
        evidence,
        remediation: [
          { kind: 'text', message: msg('mail.fix.greetingRejected') },
          { kind: 'text', message: msg('incoming.connect.fix.refusedGreeting') },
        ],
      };
    }
    const other = greetingProtocol(session.greeting);
    return {
      status: 'fail',
      code: 'PROTOCOL_UNEXPECTED_REPLY',
      summary:
        other && other !== protocol
          ? msg('mail.connect.wrongProtocol', { host, port, other, protocol })
          : msg('mail.connect.unexpectedReply', { host, reply, stage: 'GREETING', protocol }),
      evidence,
      remediation: [
        checkPort(account, protocol),
        { kind: 'text', message: msg('incoming.connect.fix.wrongProtocol', { port, protocol, ports: usualPorts(account) }) },
      ],
    };
  }
  return { status: 'pass', summary: msg('incoming.connect.pass', { protocol, host, port, address, ms }), evidence };
}

function checkPort(account: Account, protocol: string): Remediation {
  return { kind: 'text', message: msg('mail.fix.checkPort', { field: 'incoming.port', port: account.incoming.port, protocol, expected: usualPorts(account) }) };
}

function connectFailure(session: IncomingSession, context: CheckContext, error: ProbeError): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const { host, port } = session;
  const address = error.address ?? session.tcp?.address ?? host;
  const ms = error.elapsedMs ?? context.options.stepTimeoutMs;
  const seconds = Math.round(context.options.stepTimeoutMs / 1000);
  const evidence = connectEvidence(session, context, error);
  const proxy = configuredProxy();
  const firewall: Remediation = { kind: 'text', message: msg('mail.fix.firewall', { host, port }) };
  const hostCheck: Remediation = { kind: 'text', message: msg('mail.fix.checkHost', { field: 'incoming.host', host }) };
  const portCheck = checkPort(account, protocol);
  const longer: Remediation = { kind: 'text', message: msg('incoming.connect.fix.longerTimeout', { seconds: Math.max(seconds * 2, 30) }) };
  const tarpit: Remediation = { kind: 'text', message: msg('mail.fix.tarpit', { port, protocol, host }) };
  const serverSide: Remediation = { kind: 'text', message: msg('mail.fix.serverSide') };
  // Mail protocols cannot cross an HTTP proxy: say so when the port is unreachable and a proxy is set.
  const blocked = (remediation: Remediation[]): Remediation[] => {
    if (!proxy) return remediation;
    evidence.push({ label: 'mail.evidence.proxy', value: proxy });
    return [{ kind: 'text', message: msg('mail.fix.proxy', { variable: proxy, protocol, port, host }) }, ...remediation];
  };
  const fail = (summary: ReturnType<typeof msg>, remediation: Remediation[]): CheckOutcome => ({
    status: 'fail',
    code: error.code,
    summary,
    evidence,
    remediation,
  });

  switch (error.code) {
    case 'DNS_NOT_FOUND':
      return fail(msg('mail.connect.dnsNotFound', { host, code: error.nodeCode ?? error.code, protocol }), [
        { kind: 'text', message: msg('incoming.connect.fix.dns') },
        hostCheck,
      ]);
    case 'DNS_TIMEOUT':
      return fail(msg('mail.connect.dnsTimeout', { host, protocol }), [{ kind: 'text', message: msg('incoming.connect.fix.dns') }]);
    case 'DNS_FAILED':
      return fail(msg('mail.connect.dnsFailed', { host, code: error.nodeCode ?? error.code, protocol }), [
        { kind: 'text', message: msg('incoming.connect.fix.dns') },
      ]);
    case 'TCP_REFUSED':
      return fail(msg('mail.connect.refused', { host, port, address, ms }), blocked([portCheck, hostCheck, firewall, ...portTests(host, port)]));
    case 'TCP_TIMEOUT':
      return fail(msg('mail.connect.timeout', { host, port, address, ms }), blocked([firewall, ...portTests(host, port), portCheck, longer]));
    case 'TCP_RESET':
      return fail(msg('mail.connect.reset', { host, port, address }), blocked([serverSide, firewall, portCheck]));
    case 'CONNECTION_CLOSED':
      return fail(msg('mail.connect.closed', { host, port, protocol }), blocked([serverSide, portCheck]));
    case 'TCP_BLOCKED_LOCALLY':
      return fail(msg('mail.connect.blockedLocally', { host, port }), [{ kind: 'text', message: msg('incoming.connect.fix.localBlock', { port }) }]);
    case 'NETWORK_UNREACHABLE':
      return fail(msg('mail.connect.unreachable', { host, address }), blocked([firewall, hostCheck]));
    case 'GREETING_TIMEOUT':
      return fail(msg('mail.connect.greetingTimeout', { host, port, ms }), blocked([tarpit, portCheck]));
    case 'TLS_HANDSHAKE_TIMEOUT':
      return fail(msg('mail.tls.handshakeTimeout', { host, port, ms }), blocked([tarpit, portCheck]));
    case 'LINE_TOO_LONG':
      return fail(msg('mail.connect.lineTooLong', { host, protocol, stage: error.stage }), [{ kind: 'text', message: msg('incoming.connect.fix.garbage') }]);
    case 'REPLY_TOO_LONG':
      return fail(msg('mail.connect.replyTooLong', { host, protocol, stage: error.stage }), [{ kind: 'text', message: msg('incoming.connect.fix.garbage') }]);
    default:
      return fail(msg('incoming.connect.failed', { host, port, detail: error.message }), blocked([portCheck, firewall]));
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
