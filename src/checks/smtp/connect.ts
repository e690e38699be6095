import { msg } from '../../i18n/index.js';
import { isProbeError } from '../../probes/probe-error.js';
import { replyEvidence } from '../../probes/smtp-replies.js';
import { NOT_GREETED } from '../../probes/smtp.js';
import { NOT_ASKED } from '../../probes/smtp-ehlo.js';
import { connectionEvidence, settingsEvidence, transportFailure } from '../shared/mail/transport-outcome.js';
import { defineCheck } from '../../core/check.js';
import { smtpSession, smtpTarget } from './shared/session.js';
import { smtpFamily, smtpFamilyEntry } from './shared/family.js';

/**
 * DNS → TCP → 220 greeting → EHLO (implicit TLS first for `security: tls`). Refused, dropped, reset,
 * unreachable, a tarpit, an implicit-TLS port spoken to in plaintext (465 as starttls) and the reverse,
 * another protocol on the port, and a refusing greeting are each told apart, with the address, the time
 * spent and the fix. The EHLO list before TLS is evidence (nodemailer would not show it).
 */
export const smtpConnectCheck = defineCheck({
  id: 'smtp.connect',
  area: 'smtp',
  title: 'smtp.connect.title',
  needs: ['network'],
  dependsOn: ['dns.outgoing'],
  // DNS, TCP, (TLS,) greeting, EHLO; after a silent greeting, one short TLS probe on a new connection.
  steps: 6,
  appliesTo: () => true,
  async run(context) {
    const target = smtpTarget(context.account);
    try {
      const session = await smtpSession(context);
      const greeting = session.greeting;
      if (greeting === NOT_GREETED) {
        // The legacy-version retry's connection, closed right after its handshake: smtp.tls says why.
        return {
          status: 'pass',
          summary: msg('smtp.connect.passTlsOnly', {
            host: target.host,
            port: target.port,
            address: session.tcp.address,
            ms: session.tcp.dnsMs + session.tcp.connectMs,
          }),
          evidence: [...settingsEvidence(context, target), ...connectionEvidence(session.tcp)],
        };
      }
      return {
        status: 'pass',
        summary: msg('smtp.connect.pass', {
          host: target.host,
          port: target.port,
          address: session.tcp.address,
          ms: session.tcp.dnsMs + session.tcp.connectMs,
          greeting: greeting.lines[0]?.replace(/^220[ -]/, '') ?? '',
        }),
        evidence: [
          ...settingsEvidence(context, target),
          ...connectionEvidence(session.tcp),
          { label: 'smtp.evidence.greeting', value: replyEvidence(greeting) },
          ...smtpFamilyEntry(smtpFamily(session)),
          // No EHLO goes over an implicit-TLS connection that failed its checks (smtp.tls says why).
          ...(session.capabilities === NOT_ASKED
            ? []
            : [{ label: 'smtp.evidence.ehlo', value: session.capabilities.extensions.join('\n') || '(none)' } as const]),
        ],
      };
    } catch (error) {
      if (isProbeError(error)) return transportFailure(context, target, error);
      throw error;
    }
  },
});
