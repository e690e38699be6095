/**
 * incoming.tls: implicit TLS or STARTTLS/STLS as configured; STARTTLS not offered or refused; the classic
 * mix-ups (implicit TLS configured on a plaintext port, and the reverse) named with the YAML fix; the
 * negotiated protocol and cipher (TLS < 1.2 fails); the certificate: expiry (warn under 30 days), host
 * name, trust, self-signed, and `tls.caFile` for TLS-inspecting proxies and private CAs (tls.ts judges).
 */
import type { Account, Security } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { replyForEvidence } from '../../probes/incoming-replies.js';
import { isOldProtocolRefusal } from '../../probes/tls.js';
import type { TlsFacts } from '../../probes/tls-facts.js';
import { chainEntries, chainIncompleteOutcome, outOfDateOutcome, trustedValue } from '../shared/mail/transport-outcome.js';
import { familyEntry, incomingFamily } from './shared/family.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { connectOutcome } from './connect.js';
import { incomingSettingsEvidence, incomingYaml, protocolName, securityFix, startTlsCommand } from './shared/remediation.js';
import type { IncomingSession } from '../../probes/incoming-session.js';
import { secureSession } from './shared/session.js';

function capabilityEvidence(session: IncomingSession): Evidence[] {
  const evidence: Evidence[] = [];
  if (session.security === 'starttls' && session.capabilitiesBefore) {
    evidence.push({ label: 'incoming.evidence.capabilitiesBefore', value: session.capabilitiesBefore.join(' ') || '(none)' });
  }
  if (session.startTlsLine) evidence.push({ label: 'incoming.evidence.starttlsReply', value: replyForEvidence(session.startTlsLine) });
  if (session.capabilities && session.security !== 'none') {
    evidence.push({ label: 'incoming.evidence.capabilitiesAfter', value: session.capabilities.join(' ') || '(none)' });
  }
  if (session.greeting) evidence.push(...familyEntry(incomingFamily(session)));
  return evidence;
}

export function tlsEvidence(facts: TlsFacts): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'mail.evidence.tlsProtocol', value: `${facts.protocol}${facts.legacyRetry ? ' (only with TLS 1.0/1.1 allowed)' : ''}` },
    { label: 'mail.evidence.tlsCipher', value: facts.cipher },
  ];
  const certificate = facts.certificate;
  if (certificate) {
    evidence.push({ label: 'mail.evidence.certSubject', value: certificate.subject });
    evidence.push({ label: 'mail.evidence.certIssuer', value: certificate.issuer });
    evidence.push({ label: 'mail.evidence.certNames', value: certificate.subjectAltNames.join(', ') || '(none)' });
    evidence.push({ label: 'mail.evidence.certValidFrom', value: certificate.validFrom });
    evidence.push({ label: 'mail.evidence.certValidTo', value: certificate.validTo });
    evidence.push({ label: 'mail.evidence.certDaysLeft', value: String(certificate.daysLeft) });
    if (certificate.chain.length > 1) evidence.push({ label: 'mail.evidence.certChain', value: chainEntries(certificate).join(' ← ') });
    evidence.push({ label: 'mail.evidence.certFingerprint', value: certificate.fingerprint256 });
  }
  evidence.push({
    label: 'mail.evidence.certTrust',
    value: facts.trusted ? trustedValue(facts) : `not trusted${facts.trustError ? ` (${facts.trustError})` : ''}`,
  });
  evidence.push({ label: 'mail.evidence.certHostname', value: facts.hostnameValid ? 'valid' : (facts.hostnameError ?? 'invalid') });
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
  const evidence: Evidence[] = [...incomingSettingsEvidence(context), ...capabilityEvidence(session)];
  const fail = (code: string, summary: Message, remediation: Remediation[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation });
  const tlsPort = account.incoming.protocol === 'imap' ? 993 : 995;
  const plainPort = account.incoming.protocol === 'imap' ? 143 : 110;
  const changeSecurity = (target: Security): Remediation[] =>
    securityFix(account, target, { kind: 'text', message: msg('mail.fix.changeSecurity'), target: incomingYaml(account, { security: target }) });

  const error = session.tlsFailure;
  if (error) {
    evidence.push({ label: 'mail.evidence.systemError', value: `${error.code}${error.nodeCode ? ` (${error.nodeCode})` : ''}: ${error.message}` });
    if (error.serverReply) evidence.push({ label: 'mail.evidence.serverReply', value: replyForEvidence(error.serverReply) });
    switch (error.code) {
      case 'IMPLICIT_TLS_ON_STARTTLS_PORT':
        return fail(error.code, msg('mail.connect.implicitTlsOnStarttlsPort', { host, port }), changeSecurity('starttls'));
      case 'STARTTLS_ON_IMPLICIT_TLS_PORT':
      case 'CLEARTEXT_ON_IMPLICIT_TLS_PORT':
        return fail(error.code, msg('mail.connect.starttlsOnImplicitTlsPort', { host, port, security }), changeSecurity('tls'));
      case 'STARTTLS_NOT_OFFERED':
        return fail(error.code, msg('incoming.tls.starttlsNotOffered', { host, port, command }), [
          {
            kind: 'text',
            message: msg('incoming.tls.fix.enableTls', { protocol, tlsPort, plainPort, command }),
            target: incomingYaml(account, { security: 'tls', port: tlsPort }),
          },
        ]);
      case 'STARTTLS_REJECTED':
        return fail(error.code, msg('incoming.tls.starttlsRefused', { command, reply: replyForEvidence(error.serverReply ?? session.startTlsLine ?? '') }), [
          {
            kind: 'text',
            message: msg('incoming.tls.fix.enableTls', { protocol, tlsPort, plainPort, command }),
            target: incomingYaml(account, { security: 'tls', port: tlsPort }),
          },
        ]);
      case 'STARTTLS_INJECTION':
        return fail(error.code, msg('mail.tls.injection', { host }), [{ kind: 'text', message: msg('mail.fix.injection') }]);
      case 'TLS_HANDSHAKE_FAILED':
        if (isOldProtocolRefusal(error.cause ?? error)) {
          return fail('TLS_VERSION_TOO_OLD', msg('mail.tls.versionTooOld', { host, port, version: 'TLS 1.0/1.1' }), [
            { kind: 'text', message: msg('mail.fix.tlsVersion') },
          ]);
        }
        return fail(error.code, msg('mail.tls.handshakeFailed', { host, port, reason: error.nodeCode ?? error.message }), [
          { kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) },
        ]);
      case 'TLS_HANDSHAKE_TIMEOUT':
        return fail(error.code, msg('mail.tls.handshakeTimeout', { host, port, ms: error.elapsedMs ?? context.options.stepTimeoutMs }), [
          { kind: 'text', message: msg('mail.fix.tarpit', { port, protocol, host }) },
        ]);
      case 'REPLY_TIMEOUT':
        return fail(error.code, msg('mail.connect.replyTimeout', { host, stage: error.stage, ms: error.elapsedMs ?? context.options.stepTimeoutMs }), [
          { kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) },
        ]);
      case 'LINE_TOO_LONG':
        return fail(error.code, msg('mail.connect.lineTooLong', { host, protocol, stage: error.stage }), [
          { kind: 'text', message: msg('incoming.connect.fix.garbage') },
        ]);
      case 'REPLY_TOO_LONG':
        return fail(error.code, msg('mail.connect.replyTooLong', { host, protocol, stage: error.stage }), [
          { kind: 'text', message: msg('incoming.connect.fix.garbage') },
        ]);
      case 'CONNECTION_CLOSED':
        return fail(error.code, msg('mail.connect.closed', { host, port, protocol }), [{ kind: 'text', message: msg('mail.fix.serverSide') }]);
      default:
        return fail(error.code, msg('incoming.tls.failed', { host, port, detail: error.message }), [
          { kind: 'text', message: msg('incoming.tls.fix.handshake', { port, protocol, security }) },
        ]);
    }
  }

  if (security === 'none') {
    const offered = session.protocol === 'imap' ? (session.capabilitiesBefore ?? []).includes('STARTTLS') : session.pop3Capabilities?.stls === true;
    evidence.push({ label: 'incoming.evidence.capabilitiesBefore', value: (session.capabilitiesBefore ?? []).join(' ') || '(none)' });
    const fix = offered
      ? securityFix(account, 'starttls', {
          kind: 'text',
          message: msg('incoming.tls.fix.useStarttls', { command }),
          target: incomingYaml(account, { security: 'starttls' }),
        })
      : [{ kind: 'text' as const, message: msg('incoming.tls.fix.none'), target: incomingYaml(account, { security: 'tls', port: tlsPort }) }];
    return {
      status: 'warn',
      code: 'TLS_NOT_CONFIGURED',
      summary: offered ? msg('incoming.tls.noneButOffered', { command }) : msg('incoming.tls.none'),
      evidence,
      remediation: fix,
    };
  }

  const tls = session.tlsSession;
  if (!tls) return fail('TLS_HANDSHAKE_FAILED', msg('incoming.tls.failed', { host, port, detail: 'no TLS session' }), []);
  evidence.push(...tlsEvidence(tls.facts));
  const certificate = tls.facts.certificate;
  const names = certificate?.subjectAltNames.join(', ') || certificate?.subject || '(none)';
  switch (tls.verdict.code) {
    case 'TLS_VERSION_TOO_OLD':
      return fail('TLS_VERSION_TOO_OLD', msg('mail.tls.versionTooOld', { host, port, version: tls.facts.protocol }), [
        { kind: 'text', message: msg('mail.fix.tlsVersion') },
      ]);
    case 'TLS_DOWNGRADE_SUSPECTED':
      return fail('TLS_DOWNGRADE_SUSPECTED', msg('mail.tls.downgradeSuspected', { host, port, protocol: tls.facts.protocol }), [
        { kind: 'text', message: msg('mail.fix.downgradeSuspected', { host }) },
      ]);
    case 'TLS_CERT_EXPIRED':
    case 'TLS_CERT_NOT_YET_VALID': {
      const dated = outOfDateOutcome(tls.verdict, tls.facts, host, context.services.now());
      evidence.push(...dated.evidence);
      return fail(tls.verdict.code, dated.summary, dated.remediation);
    }
    case 'TLS_SELF_SIGNED':
      return fail('TLS_SELF_SIGNED', msg('mail.tls.selfSigned', { host }), [
        { kind: 'text', message: msg('mail.fix.selfSigned', { host }), target: CA_FILE_YAML },
      ]);
    case 'TLS_CERT_UNTRUSTED':
      return fail('TLS_CERT_UNTRUSTED', msg('mail.tls.untrusted', { host, issuer: certificate?.issuer ?? '', reason: tls.facts.trustError ?? 'unknown' }), [
        { kind: 'text', message: msg('mail.fix.caFile'), target: CA_FILE_YAML },
        { kind: 'text', message: msg('mail.fix.intermediate', { host }) },
      ]);
    case 'TLS_CHAIN_INCOMPLETE': {
      const incomplete = chainIncompleteOutcome(tls.facts, host);
      evidence.push(...incomplete.evidence);
      return fail('TLS_CHAIN_INCOMPLETE', incomplete.summary, incomplete.remediation);
    }
    case 'TLS_HOSTNAME_MISMATCH': {
      const first = certificate?.subjectAltNames.find((name) => /^[A-Za-z0-9.-]+$/.test(name) && /[A-Za-z]/.test(name));
      return fail('TLS_HOSTNAME_MISMATCH', msg('mail.tls.hostnameMismatch', { host, names }), [
        { kind: 'text', message: msg('mail.fix.hostnameUseNamed', { names, field: 'incoming.host' }), ...(first ? { target: hostYaml(account, first) } : {}) },
        { kind: 'text', message: msg('mail.fix.hostnameAskAdmin', { host }) },
      ]);
    }
    default:
      break;
  }
  // A failed verdict never reads as a pass, whatever its code.
  if (tls.verdict.status === 'fail')
    return fail(tls.verdict.code ?? 'TLS_HANDSHAKE_FAILED', msg('incoming.tls.failed', { host, port, detail: tls.verdict.code ?? 'fail' }), []);
  const days = certificate?.daysLeft ?? 0;
  if (tls.verdict.code === 'TLS_CERT_EXPIRING') {
    return {
      status: 'warn',
      code: 'TLS_CERT_EXPIRING',
      summary: msg('mail.tls.expiring', { host, validTo: day(certificate?.validTo), days }),
      evidence,
      remediation: [{ kind: 'text', message: msg('mail.fix.renewCertificate', { host }) }],
    };
  }
  return {
    status: 'pass',
    summary: msg('mail.tls.pass', { version: tls.facts.protocol, cipher: tls.facts.cipher, host, validTo: day(certificate?.validTo), days }),
    evidence,
  };
}

function hostYaml(account: Account, host: string): string {
  return [
    'incoming:',
    `  protocol: ${account.incoming.protocol}`,
    `  host: ${host}`,
    `  port: ${account.incoming.port}`,
    `  security: ${account.incoming.security}`,
  ].join('\n');
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
