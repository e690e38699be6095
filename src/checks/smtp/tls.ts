import { msg } from '../../i18n/index.js';
import { isProbeError, type ProbeError } from '../../probes/probe-error.js';
import type { SmtpCapabilities } from '../../probes/smtp-ehlo.js';
import { settingsEvidence, tlsOutcome, transportFailure } from '../shared/mail/transport-outcome.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence } from '../../core/check.js';
import { smtpSession, smtpTarget, smtpTls } from './shared/session.js';
import { smtpFamily, smtpFamilyEntry } from './shared/family.js';

function ehloEvidence(label: 'smtp.evidence.ehlo' | 'smtp.evidence.ehloAfterTls', capabilities: SmtpCapabilities | undefined): Evidence[] {
  return capabilities ? [{ label, value: capabilities.extensions.join('\n') || '(none)' }] : [];
}

function yaml(host: string, port: number, security: string): string {
  return `outgoing:\n  host: ${host}\n  port: ${port}\n  security: ${security}`;
}

/** `security: none`: nothing to negotiate; a warning that credentials travel in clear text. */
async function unencrypted(context: CheckContext): Promise<CheckOutcome> {
  const target = smtpTarget(context.account);
  const session = await smtpSession(context);
  const offered = session.capabilities.startTls;
  return {
    status: 'warn',
    code: 'SMTP_NOT_ENCRYPTED',
    summary: msg(offered ? 'smtp.tls.notEncryptedOffered' : 'smtp.tls.notEncrypted', { host: target.host }),
    evidence: [...settingsEvidence(context, target), ...ehloEvidence('smtp.evidence.ehlo', session.capabilities)],
    remediation: [{ kind: 'text', message: msg('smtp.fix.useStarttls'), target: yaml(target.host, offered ? target.port : 587, 'starttls') }],
  };
}

/** A failure on the way to TLS: STARTTLS missing or refused get the EHLO list and the fix; the rest is transport. */
export async function smtpTlsFailure(context: CheckContext, error: ProbeError): Promise<CheckOutcome> {
  const target = smtpTarget(context.account);
  if (error.code !== 'STARTTLS_NOT_OFFERED' && error.code !== 'STARTTLS_REJECTED') return transportFailure(context, target, error);
  const session = await smtpSession(context);
  const evidence: Evidence[] = [...settingsEvidence(context, target), ...ehloEvidence('smtp.evidence.ehlo', session.capabilities)];
  if (error.serverReply) evidence.push({ label: 'mail.evidence.serverReply', value: error.serverReply });
  return {
    status: 'fail',
    code: error.code,
    summary:
      error.code === 'STARTTLS_NOT_OFFERED'
        ? msg('smtp.tls.starttlsNotOffered', { host: target.host, port: target.port })
        : msg('smtp.tls.starttlsRejected', { host: target.host, reply: error.serverReply?.split('\n')[0] ?? '' }),
    evidence,
    remediation: [{ kind: 'text', message: msg('smtp.fix.enableStarttls', { host: target.host, port: target.port }), target: yaml(target.host, 465, 'tls') }],
  };
}

/**
 * STARTTLS offered and negotiated (or implicit TLS checked, for `security: tls`), TLS 1.2 or newer, the
 * certificate trusted, valid for the host, its days left (warn under 30), and the EHLO list after TLS.
 * Names STARTTLS missing, refused, or tampered with; a server that only speaks TLS 1.0/1.1 is retried once
 * on a new connection only to name the version.
 */
export const smtpTlsCheck = defineCheck({
  id: 'smtp.tls',
  area: 'smtp',
  title: 'smtp.tls.title',
  needs: ['network'],
  dependsOn: ['smtp.connect'],
  // STARTTLS, handshake, EHLO; the legacy-version retry (TCP, greeting, EHLO, STARTTLS, handshake); and
  // the connect steps when smtp.connect was not selected.
  steps: 14,
  appliesTo: () => true,
  async run(context) {
    const target = smtpTarget(context.account);
    try {
      if (target.security === 'none') return await unencrypted(context);
      const result = await smtpTls(context);
      if (!result) return await unencrypted(context);
      const session = await smtpSession(context);
      const extra: Evidence[] = [
        { label: 'smtp.evidence.tlsMode', value: result.mode === 'starttls' ? 'STARTTLS' : 'implicit TLS' },
        ...ehloEvidence('smtp.evidence.ehlo', result.mode === 'starttls' ? session.capabilities : undefined),
        ...ehloEvidence('smtp.evidence.ehloAfterTls', result.capabilities),
        ...smtpFamilyEntry(smtpFamily(session)),
      ];
      const outcome = tlsOutcome(context, target, result.tls, extra);
      if (outcome.status !== 'pass') return outcome;
      const { facts } = result.tls;
      return {
        ...outcome,
        summary: msg(result.mode === 'starttls' ? 'smtp.tls.passStarttls' : 'smtp.tls.passImplicit', {
          version: facts.protocol,
          cipher: facts.cipher,
          host: target.host,
          validTo: facts.certificate?.validTo.slice(0, 10) ?? '?',
          days: facts.certificate?.daysLeft ?? 0,
        }),
      };
    } catch (error) {
      if (!isProbeError(error)) throw error;
      return smtpTlsFailure(context, error);
    }
  },
});
