/**
 * What the SMTP and the IMAP/POP3 checks share about reaching a mail server: turning a transport
 * `ProbeError` (DNS, TCP, greeting, TLS handshake, the 465-vs-587 mix-up) or a TLS session's verdict into
 * an outcome with evidence and the fix for this account. Protocol-specific replies are the caller's.
 */
import type { Security } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import type { ProbeError } from '../../../probes/probe-error.js';
import type { TcpConnection } from '../../../probes/tcp.js';
import type { TlsSession } from '../../../probes/tls.js';
import type { CertificateFacts, TlsFacts } from '../../../probes/tls-facts.js';
import type { OutOfDateCertificate, TlsVerdict } from '../../../probes/tls-verdict.js';
import { settingEvidence } from '../../config/shared/setting-evidence.js';
import type { CheckContext, CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { testNetConnection } from '../../../providers/microsoft/powershell.js';

/** Which server of the account, and how the protocol usually listens (for the "wrong port" hints). */
export interface MailTarget {
  readonly protocol: 'SMTP' | 'IMAP' | 'POP3';
  /** The account's block in the file: `outgoing` (SMTP) or `incoming`. */
  readonly direction: 'outgoing' | 'incoming';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  /** The protocol's usual STARTTLS port (SMTP 587, IMAP 143, POP3 110). */
  readonly starttlsPort: number;
  /** The protocol's usual implicit-TLS port (SMTP 465, IMAP 993, POP3 995). */
  readonly implicitTlsPort: number;
}

/** The configured host, port and security as evidence (with where in the file each was written). */
export function settingsEvidence(context: CheckContext, target: MailTarget): Evidence[] {
  const { account, config } = context;
  return [
    settingEvidence(account, config, `${target.direction}.host`, target.host),
    settingEvidence(account, config, `${target.direction}.port`, target.port),
    settingEvidence(account, config, `${target.direction}.security`, target.security),
  ];
}

/** Where the connection went: address, local address, time to connect. */
export function connectionEvidence(tcp: TcpConnection): Evidence[] {
  return [
    { label: 'mail.evidence.address', value: `${tcp.address}:${tcp.port}` },
    ...(tcp.localAddress ? [{ label: 'mail.evidence.localAddress', value: tcp.localAddress } as const] : []),
    { label: 'mail.evidence.elapsed', value: `${tcp.dnsMs + tcp.connectMs} ms` },
  ];
}

/** The HTTP proxy variable set in the environment (any case), its value without credentials. */
export function configuredProxy(env: NodeJS.ProcessEnv = process.env): { name: string; value: string } | undefined {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
    const value = env[name];
    if (!value) continue;
    try {
      const url = new URL(value);
      return { name, value: `${url.protocol}//${url.host}` };
    } catch {
      return { name, value: value.replace(/\/\/[^@/]*@/, '//') };
    }
  }
  return undefined;
}

function yamlFor(target: MailTarget, port: number, security: Security): string {
  return `${target.direction}:\n  host: ${target.host}\n  port: ${port}\n  security: ${security}`;
}

function testPortSteps(target: MailTarget): Remediation[] {
  return [
    { kind: 'command', message: msg('mail.fix.testPortWindows'), target: testNetConnection(target.host, target.port) },
    { kind: 'command', message: msg('mail.fix.testPortUnix'), target: `nc -vz ${target.host} ${target.port}` },
  ];
}

/** Codes that mean "the port cannot be reached from here": where an HTTP proxy is worth a word. */
const UNREACHABLE = new Set(['TCP_TIMEOUT', 'TCP_REFUSED', 'NETWORK_UNREACHABLE', 'TCP_BLOCKED_LOCALLY', 'TCP_RESET']);

/**
 * A transport failure as an outcome. `ABORTED` is not a finding (the run was interrupted or the check ran
 * out of budget): it is rethrown for the runner to report.
 */
export function transportFailure(context: CheckContext, target: MailTarget, error: ProbeError): CheckOutcome {
  if (error.code === 'ABORTED') throw error;
  const { host, port, protocol, direction } = target;
  const ms = error.elapsedMs ?? 0;
  const address = error.address ?? host;
  const evidence: Evidence[] = [...settingsEvidence(context, target)];
  if (error.address) evidence.push({ label: 'mail.evidence.address', value: `${error.address}:${error.port ?? port}` });
  if (error.attempts) evidence.push({ label: 'mail.evidence.attempts', value: error.attempts.join('\n') });
  evidence.push({ label: 'mail.evidence.stage', value: error.stage });
  if (error.elapsedMs !== undefined) evidence.push({ label: 'mail.evidence.elapsed', value: `${error.elapsedMs} ms` });
  if (error.nodeCode) evidence.push({ label: 'mail.evidence.systemError', value: error.nodeCode });
  if (error.serverReply) evidence.push({ label: 'mail.evidence.serverReply', value: error.serverReply });

  const remediation: Remediation[] = [];
  const checkHost: Remediation = { kind: 'text', message: msg('mail.fix.checkHost', { field: `${direction}.host`, host }) };
  const expected = `${target.starttlsPort} (STARTTLS) / ${target.implicitTlsPort} (TLS)`;
  const checkPort: Remediation = { kind: 'text', message: msg('mail.fix.checkPort', { field: `${direction}.port`, port, protocol, expected }) };
  const firewall: Remediation = { kind: 'text', message: msg('mail.fix.firewall', { port, host }) };
  const proxy = configuredProxy();
  if (proxy && UNREACHABLE.has(error.code)) {
    evidence.push({ label: 'mail.evidence.proxy', value: `${proxy.name}=${proxy.value}` });
    remediation.push({ kind: 'text', message: msg('mail.fix.proxy', { variable: proxy.name, protocol, port, host }) });
  }

  let summary: Message;
  switch (error.code) {
    case 'DNS_NOT_FOUND':
    case 'DNS_TIMEOUT':
    case 'DNS_FAILED':
      summary = msg(
        error.code === 'DNS_NOT_FOUND' ? 'mail.connect.dnsNotFound' : error.code === 'DNS_TIMEOUT' ? 'mail.connect.dnsTimeout' : 'mail.connect.dnsFailed',
        { host, protocol, code: error.nodeCode ?? error.code },
      );
      remediation.push(checkHost, { kind: 'command', message: msg('dns.fix.nslookup'), target: `nslookup ${host}` });
      break;
    case 'TCP_REFUSED':
      summary = msg('mail.connect.refused', { host, port, address, ms });
      remediation.push(checkPort, firewall, ...testPortSteps(target));
      break;
    case 'TCP_TIMEOUT':
      summary = msg('mail.connect.timeout', { host, port, address, ms });
      remediation.push(firewall, ...testPortSteps(target), checkHost);
      break;
    case 'TCP_RESET':
      summary = msg('mail.connect.reset', { host, port, address });
      remediation.push(firewall, { kind: 'text', message: msg('mail.fix.serverSide') });
      break;
    case 'NETWORK_UNREACHABLE':
      summary = msg('mail.connect.unreachable', { host, address });
      remediation.push(firewall, checkHost);
      break;
    case 'TCP_BLOCKED_LOCALLY':
      summary = msg('mail.connect.blockedLocally', { host, port });
      remediation.push(firewall);
      break;
    case 'GREETING_TIMEOUT':
      summary = msg('mail.connect.greetingTimeout', { host, port, ms });
      remediation.push({ kind: 'text', message: msg('mail.fix.tarpit', { port, protocol, host }) }, checkPort);
      break;
    case 'STARTTLS_ON_IMPLICIT_TLS_PORT':
    case 'CLEARTEXT_ON_IMPLICIT_TLS_PORT':
      summary = msg('mail.connect.starttlsOnImplicitTlsPort', { host, port, security: target.security });
      remediation.push(
        { kind: 'text', message: msg('mail.fix.changeSecurity'), target: yamlFor(target, port, 'tls') },
        { kind: 'text', message: msg('mail.fix.changeSecurity'), target: yamlFor(target, target.starttlsPort, 'starttls') },
      );
      break;
    case 'IMPLICIT_TLS_ON_STARTTLS_PORT':
      summary = msg('mail.connect.implicitTlsOnStarttlsPort', { host, port });
      remediation.push(
        { kind: 'text', message: msg('mail.fix.changeSecurity'), target: yamlFor(target, port, 'starttls') },
        { kind: 'text', message: msg('mail.fix.changeSecurity'), target: yamlFor(target, target.implicitTlsPort, 'tls') },
      );
      break;
    case 'WRONG_PROTOCOL':
      summary = msg('mail.connect.wrongProtocol', { host, port, protocol, other: otherProtocolName(error) });
      remediation.push(checkPort);
      break;
    case 'GREETING_REJECTED':
      summary = msg('mail.connect.greetingRejected', { host, reply: firstLine(error.serverReply) });
      remediation.push({ kind: 'text', message: msg('mail.fix.greetingRejected') });
      break;
    case 'TLS_HANDSHAKE_FAILED':
      summary = msg('mail.tls.handshakeFailed', { host, port, reason: error.nodeCode ?? error.message });
      remediation.push({ kind: 'text', message: msg('mail.fix.tlsVersion') }, checkPort);
      break;
    case 'TLS_HANDSHAKE_TIMEOUT':
      summary = msg('mail.tls.handshakeTimeout', { host, port, ms });
      remediation.push(checkPort, { kind: 'text', message: msg('mail.fix.serverSide') });
      break;
    case 'STARTTLS_INJECTION':
      summary = msg('mail.tls.injection', { host });
      remediation.push({ kind: 'text', message: msg('mail.fix.injection') });
      break;
    case 'REPLY_TIMEOUT':
      summary = msg('mail.connect.replyTimeout', { host, stage: error.stage, ms });
      remediation.push({ kind: 'text', message: msg('mail.fix.serverSide') });
      break;
    case 'LINE_TOO_LONG':
    case 'REPLY_TOO_LONG':
      summary = msg(error.code === 'LINE_TOO_LONG' ? 'mail.connect.lineTooLong' : 'mail.connect.replyTooLong', { host, protocol, stage: error.stage });
      remediation.push(checkPort, { kind: 'text', message: msg('mail.fix.serverSide') });
      break;
    case 'CONNECTION_CLOSED':
      summary = msg('mail.connect.closed', { host, port, protocol });
      remediation.push({ kind: 'text', message: msg('mail.fix.serverSide') }, checkPort);
      break;
    default:
      summary = msg('mail.connect.unexpectedReply', { host, stage: error.stage, protocol, reply: firstLine(error.serverReply) || error.code });
      remediation.push(checkPort, { kind: 'text', message: msg('mail.fix.serverSide') });
  }
  return { status: 'fail', code: error.code, summary, evidence, remediation };
}

function firstLine(reply: string | undefined): string {
  return (reply ?? '').split('\n')[0] ?? '';
}

function otherProtocolName(error: ProbeError): string {
  const match = /greets like (.+)$/.exec(error.message);
  return match?.[1] ?? firstLine(error.serverReply);
}

function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

/** The facts of a handshake as evidence: version, cipher, the certificate, trust and the host-name check. */
export function tlsEvidence(facts: TlsFacts, host: string): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'mail.evidence.tlsProtocol', value: facts.protocol },
    { label: 'mail.evidence.tlsCipher', value: facts.cipher },
  ];
  const certificate = facts.certificate;
  if (certificate) {
    evidence.push(
      { label: 'mail.evidence.certSubject', value: certificate.subject },
      { label: 'mail.evidence.certIssuer', value: certificate.issuer },
      { label: 'mail.evidence.certNames', value: certificate.subjectAltNames.join(', ') || '(none)' },
      { label: 'mail.evidence.certValidFrom', value: certificate.validFrom },
      { label: 'mail.evidence.certValidTo', value: certificate.validTo },
      { label: 'mail.evidence.certDaysLeft', value: String(certificate.daysLeft) },
    );
    if (certificate.chain.length > 1) evidence.push({ label: 'mail.evidence.certChain', value: chainEntries(certificate).join('\n') });
  }
  evidence.push({ label: 'mail.evidence.certTrust', value: facts.trusted ? trustedValue(facts) : `not trusted: ${facts.trustError ?? 'unknown reason'}` });
  evidence.push({ label: 'mail.evidence.certHostname', value: facts.hostnameValid ? `valid for ${host}` : `invalid: ${facts.hostnameError ?? ''}` });
  if (certificate) evidence.push({ label: 'mail.evidence.certFingerprint', value: certificate.fingerprint256 });
  return evidence;
}

/**
 * The chain as Node linked it, each certificate marked: Node completes what the server sent with issuers
 * from the trust store, so an anchor is "from the trust store", never "sent".
 */
export function chainEntries(certificate: CertificateFacts): string[] {
  return certificate.chain.map((subject, index) => `${subject} (${certificate.chainAnchors[index] ? 'from the trust store' : 'sent by the server'})`);
}

/**
 * `TLS_CHAIN_INCOMPLETE`: the server sends its certificate without the intermediate that signed it. The
 * CA Issuers URL is shown as where the administrator finds it; it is never downloaded (a client that
 * fetches what a server names can be steered anywhere).
 */
export function chainIncompleteOutcome(facts: TlsFacts, host: string): { summary: Message; evidence: Evidence[]; remediation: Remediation[] } {
  const issuer = facts.missingIntermediate?.issuer ?? facts.certificate?.issuer ?? '?';
  const urls = facts.certificate?.caIssuersUrls ?? [];
  return {
    summary: msg('mail.tls.chainIncomplete', { host, issuer }),
    evidence: [
      { label: 'mail.evidence.missingIntermediate', value: `${issuer} (neither sent by the server nor in the trust store)` },
      ...(urls.length > 0 ? [{ label: 'mail.evidence.caIssuers' as const, value: `${urls.join(' ')} (not downloaded)` }] : []),
    ],
    remediation: [
      { kind: 'text', message: msg('mail.fix.chainIncomplete', { host, issuer }) },
      { kind: 'text', message: msg('mail.fix.chainIncompletePrivateCa', { issuer }), target: 'tls:\n  caFile: ./corporate-root.pem' },
    ],
  };
}

/** "trusted", saying so when trust rests on our own proof of the chain (OpenSSL only reported a date). */
export function trustedValue(facts: TlsFacts): string {
  const chain = facts.provenChain;
  if (!chain) return 'trusted';
  const anchor = chain[chain.length - 1];
  return `trusted: every signature verified up to the trusted ${anchor?.role ?? 'root'} "${anchor?.subject ?? '?'}" (OpenSSL reported ${facts.dateError ?? 'a date error'})`;
}

function describeOutOfDate(link: OutOfDateCertificate): string {
  return link.problem === 'expired'
    ? `${link.role} certificate "${link.subject}" expired ${link.validTo}`
    : `${link.role} certificate "${link.subject}" is not valid before ${link.validFrom}`;
}

const EXPIRED_KEYS = { leaf: 'mail.tls.expiredLeaf', intermediate: 'mail.tls.expiredIntermediate', root: 'mail.tls.expiredRoot' } as const;
const NOT_YET_VALID_KEYS = { leaf: 'mail.tls.notYetValidLeaf', intermediate: 'mail.tls.notYetValidIntermediate', root: 'mail.tls.notYetValidRoot' } as const;

/**
 * A date failure (`TLS_CERT_EXPIRED`, `TLS_CERT_NOT_YET_VALID`) of a trusted chain: the summary names the
 * first certificate out of date and its place (leaf, intermediate, root), the evidence lists every one,
 * and the fix fits the place (the server's certificate, the intermediates it sends, or a trusted root).
 */
export function outOfDateOutcome(
  verdict: TlsVerdict,
  facts: TlsFacts,
  host: string,
  now: Date,
): { summary: Message; evidence: Evidence[]; remediation: Remediation[] } {
  const expired = verdict.code === 'TLS_CERT_EXPIRED';
  const all = verdict.outOfDate ?? [];
  const first = all.find((link) => link.problem === (expired ? 'expired' : 'not-yet-valid'));
  const evidence: Evidence[] = all.length > 0 ? [{ label: 'mail.evidence.certOutOfDate', value: all.map(describeOutOfDate).join('\n') }] : [];
  const checkClock: Remediation = { kind: 'text', message: msg('mail.fix.checkClock', { now: now.toISOString() }) };
  const renew: Remediation = { kind: 'text', message: msg('mail.fix.renewCertificate', { host }) };
  const certificate = facts.certificate;
  if (!first) {
    // OpenSSL's clock saw a date problem that the injected clock does not: the leaf's dates are all we say.
    return expired
      ? { summary: msg('mail.tls.expired', { host, validTo: certificate ? dateOf(certificate.validTo) : '?' }), evidence, remediation: [renew, checkClock] }
      : {
          summary: msg('mail.tls.notYetValid', { host, validFrom: certificate ? dateOf(certificate.validFrom) : '?' }),
          evidence,
          remediation: [checkClock, renew],
        };
  }
  const fix: Remediation =
    first.role === 'leaf'
      ? renew
      : first.role === 'intermediate'
        ? { kind: 'text', message: msg('mail.fix.outOfDateIntermediate', { host, subject: first.subject }) }
        : { kind: 'text', message: msg('mail.fix.outOfDateRoot', { host, subject: first.subject }) };
  return expired
    ? { summary: msg(EXPIRED_KEYS[first.role], { host, subject: first.subject, validTo: dateOf(first.validTo) }), evidence, remediation: [fix, checkClock] }
    : {
        summary: msg(NOT_YET_VALID_KEYS[first.role], { host, subject: first.subject, validFrom: dateOf(first.validFrom) }),
        evidence,
        remediation: [checkClock, fix],
      };
}

/** A TLS session's verdict as an outcome (pass, warn under 30 days, or fail with its fix). */
export function tlsOutcome(context: CheckContext, target: MailTarget, session: TlsSession, extraEvidence: readonly Evidence[] = []): CheckOutcome {
  const { facts, verdict } = session;
  const { host, port, direction } = target;
  const certificate = facts.certificate;
  const evidence = [...settingsEvidence(context, target), ...tlsEvidence(facts, host), ...extraEvidence];
  const validTo = certificate ? dateOf(certificate.validTo) : '?';
  const days = certificate?.daysLeft ?? 0;
  const names = certificate?.subjectAltNames.join(', ') || certificate?.subject || '(none)';
  const renew: Remediation = { kind: 'text', message: msg('mail.fix.renewCertificate', { host }) };
  const caFileYaml = 'tls:\n  caFile: ./corporate-root.pem';
  switch (verdict.code) {
    case undefined:
      return { status: 'pass', summary: msg('mail.tls.pass', { version: facts.protocol, cipher: facts.cipher, host, validTo, days }), evidence };
    case 'TLS_CERT_EXPIRING':
      return { status: 'warn', code: verdict.code, summary: msg('mail.tls.expiring', { host, days, validTo }), evidence, remediation: [renew] };
    case 'TLS_CERT_EXPIRED':
    case 'TLS_CERT_NOT_YET_VALID': {
      const dated = outOfDateOutcome(verdict, facts, host, context.services.now());
      return { status: 'fail', code: verdict.code, summary: dated.summary, evidence: [...evidence, ...dated.evidence], remediation: dated.remediation };
    }
    case 'TLS_SELF_SIGNED':
      return {
        status: 'fail',
        code: verdict.code,
        summary: msg('mail.tls.selfSigned', { host }),
        evidence,
        remediation: [{ kind: 'text', message: msg('mail.fix.selfSigned', { host }), target: caFileYaml }],
      };
    case 'TLS_CERT_UNTRUSTED':
      return {
        status: 'fail',
        code: verdict.code,
        summary: msg('mail.tls.untrusted', { host, issuer: certificate?.issuer ?? '?', reason: facts.trustError ?? 'unknown' }),
        evidence,
        remediation: [
          { kind: 'text', message: msg('mail.fix.caFile'), target: caFileYaml },
          { kind: 'text', message: msg('mail.fix.intermediate', { host }) },
        ],
      };
    case 'TLS_CHAIN_INCOMPLETE': {
      const incomplete = chainIncompleteOutcome(facts, host);
      return {
        status: 'fail',
        code: verdict.code,
        summary: incomplete.summary,
        evidence: [...evidence, ...incomplete.evidence],
        remediation: incomplete.remediation,
      };
    }
    case 'TLS_HOSTNAME_MISMATCH': {
      const named = certificate?.subjectAltNames.find((name) => !name.includes('*'));
      return {
        status: 'fail',
        code: verdict.code,
        summary: msg('mail.tls.hostnameMismatch', { host, names }),
        evidence,
        remediation: [
          {
            kind: 'text',
            message: msg('mail.fix.hostnameUseNamed', { names, field: `${direction}.host` }),
            ...(named ? { target: `${direction}:\n  host: ${named}` } : {}),
          },
          { kind: 'text', message: msg('mail.fix.hostnameAskAdmin', { host }) },
        ],
      };
    }
    case 'TLS_VERSION_TOO_OLD':
      return {
        status: 'fail',
        code: verdict.code,
        summary: msg('mail.tls.versionTooOld', { host, port, version: facts.protocol }),
        evidence,
        remediation: [{ kind: 'text', message: msg('mail.fix.tlsVersion') }],
      };
    case 'TLS_DOWNGRADE_SUSPECTED':
      return {
        status: 'fail',
        code: verdict.code,
        summary: msg('mail.tls.downgradeSuspected', { host, port, protocol: facts.protocol }),
        evidence,
        remediation: [{ kind: 'text', message: msg('mail.fix.downgradeSuspected', { host }) }],
      };
  }
}
