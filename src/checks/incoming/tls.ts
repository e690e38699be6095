/**
 * incoming.tls: implicit TLS or STARTTLS/STLS as configured; STARTTLS not offered or refused; the classic
 * mix-ups (implicit TLS configured on a plaintext port, and the reverse) named with the YAML fix; the
 * negotiated protocol and cipher (TLS < 1.2 fails); the certificate: expiry (warn under 30 days), host
 * name, trust, self-signed, and `tls.caFile` for TLS-inspecting proxies and private CAs (tls.ts judges).
 */
import type { Account } from '../../config/types.js';
import { msg, type Message } from '../../i18n/index.js';
import { replyForEvidence } from '../../probes/incoming-replies.js';
import { isOldProtocolRefusal, type TlsFacts } from '../../probes/tls.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../types.js';
import { connectOutcome, usualPorts } from './connect.js';
import { incomingYaml, protocolName, securityFix, startTlsCommand } from './remediation.js';
import { secureSession, type IncomingSession } from './session.js';

function capabilityEvidence(session: IncomingSession): Evidence[] {
  const evidence: Evidence[] = [];
  if (session.security === 'starttls' && session.capabilitiesBefore) {
    evidence.push({ label: 'incoming.evidence.capabilitiesBefore', value: session.capabilitiesBefore.join(' ') || '(none)' });
  }
  if (session.startTlsLine) evidence.push({ label: 'incoming.evidence.starttlsReply', value: replyForEvidence(session.startTlsLine) });
  if (session.capabilities && session.security !== 'none') {
    evidence.push({ label: 'incoming.evidence.capabilitiesAfter', value: session.capabilities.join(' ') || '(none)' });
  }
  return evidence;
}

export function tlsEvidence(facts: TlsFacts): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'incoming.evidence.tlsVersion', value: facts.protocol },
    { label: 'incoming.evidence.cipher', value: facts.cipher },
  ];
  const certificate = facts.certificate;
  if (certificate) {
    evidence.push({ label: 'incoming.evidence.certSubject', value: certificate.subject });
    evidence.push({ label: 'incoming.evidence.certIssuer', value: certificate.issuer });
    evidence.push({ label: 'incoming.evidence.certNames', value: certificate.subjectAltNames.join(', ') || '(none)' });
    evidence.push({ label: 'incoming.evidence.certValidity', value: `${certificate.validFrom} → ${certificate.validTo}` });
    evidence.push({ label: 'incoming.evidence.certDaysLeft', value: String(certificate.daysLeft) });
  }
  evidence.push({ label: 'incoming.evidence.certTrust', value: facts.trusted ? 'trusted' : `not trusted${facts.trustError ? ` (${facts.trustError})` : ''}` });
  evidence.push({ label: 'incoming.evidence.hostname', value: facts.hostnameValid ? 'valid' : facts.hostnameError ?? 'invalid' });
  return evidence;
}

const CA_FILE_YAML = 'tls:\n  caFile: ./corporate-root.pem';

function day(iso: string | undefined): string {
  return (iso ?? '').slice(0, 10);
}

/** The TLS step's outcome; incoming.auth reuses it when run without incoming.tls. */
export function tlsOutcome(session: IncomingSession, context: CheckContext): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const command = startTlsCommand(account.incoming.protocol);
  const { host, port, security } = session;
  const evidence: Evidence[] = [{ label: 'incoming.evidence.security', value: `${security} (port ${port})` }, ...capabilityEvidence(session)];
  const fail = (code: string, summary: Message, remediation: Remediation[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation });

  const error = session.tlsFailure;
  if (error) {
    evidence.push({ label: 'incoming.evidence.error', value: `${error.code}${error.nodeCode ? ` (${error.nodeCode})` : ''}: ${error.message}` });
    switch (error.code) {
      case 'IMPLICIT_TLS_ON_STARTTLS_PORT':
        return fail(error.code, msg('incoming.tls.implicitOnPlainPort', { port, protocol }), securityFix(account, 'starttls', { kind: 'text', message: msg('incoming.tls.fix.useStarttls', { command }), target: incomingYaml(account, { security: 'starttls' }) }));
      case 'STARTTLS_ON_IMPLICIT_TLS_PORT':
        return fail(error.code, msg('incoming.tls.implicitOnStarttlsPort', { port, security }), securityFix(account, 'tls', { kind: 'text', message: msg('incoming.tls.fix.useTls'), target: incomingYaml(account, { security: 'tls' }) }));
      case 'STARTTLS_NOT_OFFERED':
        return fail(error.code, msg('incoming.tls.starttlsNotOffered', { host, port, command }), [
          { kind: 'text', message: msg('incoming.tls.fix.enableTls', { protocol, tlsPort: account.incoming.protocol === 'imap' ? 993 : 995, plainPort: account.incoming.protocol === 'imap' ? 143 : 110, command }), target: incomingYaml(account, { security: 'tls', port: account.incoming.protocol === 'imap' ? 993 : 995 }) },
        ]);
      case 'STARTTLS_REJECTED':
        return fail(error.code, msg('incoming.tls.starttlsRefused', { command, reply: replyForEvidence(error.serverReply ?? session.startTlsLine ?? '') }), [
          { kind: 'text', message: msg('incoming.tls.fix.enableTls', { protocol, tlsPort: account.incoming.protocol === 'imap' ? 993 : 995, plainPort: account.incoming.protocol === 'imap' ? 143 : 110, command }), target: incomingYaml(account, { security: 'tls', port: account.incoming.protocol === 'imap' ? 993 : 995 }) },
        ]);
      case 'REPLY_TIMEOUT':
        return fail(error.code, msg('incoming.tls.noAnswer', { host, port, command: error.stage, seconds: Math.round(context.options.stepTimeoutMs / 1000) }), [{ kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) }]);
      case 'LINE_TOO_LONG':
      case 'REPLY_TOO_LONG':
        return fail(error.code, msg('incoming.tls.garbage', { host, port, command: error.stage, detail: error.message }), [{ kind: 'text', message: msg('incoming.connect.fix.garbage') }]);
      case 'STARTTLS_INJECTION':
        return fail(error.code, msg('incoming.tls.injected', { command }), [{ kind: 'text', message: msg('incoming.tls.fix.injected') }]);
      case 'TLS_HANDSHAKE_FAILED':
        if (isOldProtocolRefusal(error.cause ?? error)) {
          return fail('TLS_VERSION_TOO_OLD', msg('incoming.tls.oldVersion', { host, version: 'TLS 1.0/1.1' }), [{ kind: 'text', message: msg('incoming.tls.fix.oldVersion') }]);
        }
        return fail(error.code, msg('incoming.tls.handshakeFailed', { host, port, detail: error.message }), [{ kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) }, { kind: 'text', message: msg('incoming.connect.fix.hostPort', { protocol, ports: usualPorts(account) }) }]);
      default:
        return fail(error.code, msg('incoming.tls.failed', { host, port, detail: error.message }), [{ kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) }]);
    }
  }

  if (security === 'none') {
    const offered = session.protocol === 'imap' ? (session.capabilitiesBefore ?? []).includes('STARTTLS') : session.pop3Capabilities?.stls === true;
    evidence.push({ label: 'incoming.evidence.capabilitiesBefore', value: (session.capabilitiesBefore ?? []).join(' ') || '(none)' });
    const fix = offered
      ? securityFix(account, 'starttls', { kind: 'text', message: msg('incoming.tls.fix.useStarttls', { command }), target: incomingYaml(account, { security: 'starttls' }) })
      : [{ kind: 'text' as const, message: msg('incoming.tls.fix.none'), target: incomingYaml(account, { security: 'tls', port: account.incoming.protocol === 'imap' ? 993 : 995 }) }];
    return { status: 'warn', code: 'TLS_NOT_CONFIGURED', summary: offered ? msg('incoming.tls.noneButOffered', { command }) : msg('incoming.tls.none'), evidence, remediation: fix };
  }

  const tls = session.tlsSession;
  if (!tls) return fail('TLS_HANDSHAKE_FAILED', msg('incoming.tls.failed', { host, port, detail: 'no TLS session' }), []);
  evidence.push(...tlsEvidence(tls.facts));
  const certificate = tls.facts.certificate;
  const names = certificate?.subjectAltNames.join(', ') || certificate?.subject || '(none)';
  switch (tls.verdict.code) {
    case 'TLS_VERSION_TOO_OLD':
      return fail('TLS_VERSION_TOO_OLD', msg('incoming.tls.oldVersion', { host, version: tls.facts.protocol }), [{ kind: 'text', message: msg('incoming.tls.fix.oldVersion') }]);
    case 'TLS_CERT_EXPIRED':
      return fail('TLS_CERT_EXPIRED', msg('incoming.tls.expired', { host, validTo: day(certificate?.validTo) }), [{ kind: 'text', message: msg('incoming.tls.fix.renew') }]);
    case 'TLS_CERT_NOT_YET_VALID':
      return fail('TLS_CERT_NOT_YET_VALID', msg('incoming.tls.notYetValid', { host, validFrom: day(certificate?.validFrom) }), [{ kind: 'text', message: msg('incoming.tls.fix.clock') }]);
    case 'TLS_SELF_SIGNED':
      return fail('TLS_SELF_SIGNED', msg('incoming.tls.selfSigned', { host, subject: certificate?.subject ?? '' }), [{ kind: 'text', message: msg('incoming.tls.fix.caFile'), target: CA_FILE_YAML }]);
    case 'TLS_CERT_UNTRUSTED':
      return fail('TLS_CERT_UNTRUSTED', msg('incoming.tls.untrusted', { host, reason: tls.facts.trustError ?? 'unknown', issuer: certificate?.issuer ?? '' }), [{ kind: 'text', message: msg('incoming.tls.fix.caFile'), target: CA_FILE_YAML }]);
    case 'TLS_HOSTNAME_MISMATCH': {
      const first = certificate?.subjectAltNames.find((name) => /^[A-Za-z0-9*.-]+$/.test(name) && !name.startsWith('*'));
      return fail('TLS_HOSTNAME_MISMATCH', msg('incoming.tls.hostname', { host, names }), [
        { kind: 'text', message: msg('incoming.tls.fix.hostname', { names, host }), ...(first ? { target: hostYaml(account, first) } : {}) },
      ]);
    }
    default:
      break;
  }
  const days = certificate?.daysLeft ?? 0;
  if (tls.verdict.code === 'TLS_CERT_EXPIRING') {
    return { status: 'warn', code: 'TLS_CERT_EXPIRING', summary: msg('incoming.tls.expiring', { host, validTo: day(certificate?.validTo), days }), evidence, remediation: [{ kind: 'text', message: msg('incoming.tls.fix.renew') }] };
  }
  return { status: 'pass', summary: msg('incoming.tls.pass', { version: tls.facts.protocol, cipher: tls.facts.cipher, host, validTo: day(certificate?.validTo), days }), evidence };
}

function hostYaml(account: Account, host: string): string {
  return ['incoming:', `  protocol: ${account.incoming.protocol}`, `  host: ${host}`, `  port: ${account.incoming.port}`, `  security: ${account.incoming.security}`].join('\n');
}

export const incomingTlsCheck = defineCheck({
  id: 'incoming.tls',
  area: 'incoming',
  title: 'incoming.tls.title',
  needs: ['network'],
  dependsOn: ['incoming.connect'],
  // CAPABILITY/CAPA, STARTTLS/STLS, the handshake, CAPABILITY/CAPA again (+ connect's 8 when run alone).
  steps: 12,
  appliesTo: () => true,
  async run(context) {
    const session = await secureSession(context);
    const connected = connectOutcome(session, context);
    if (connected.status === 'fail') return connected;
    return tlsOutcome(session, context);
  },
});
