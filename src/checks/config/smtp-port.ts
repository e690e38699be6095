import { CLOUD_HOSTS } from '../../config/defaults.js';
import type { Account, Security } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { defineCheck, type CheckOutcome, type Remediation } from '../../core/check.js';
import { settingEvidence } from './shared/setting-evidence.js';
import { SMTP_DEVICE_DOC } from '../../providers/microsoft/urls.js';

/** CGI.br's "Gerência de Porta 25": Brazilian access networks filter outbound port 25 and send submission to 587. */
export const PORT_25_MANAGEMENT_DOC = 'http://antispam.br/admin/porta25';

const PROVIDER_NAMES = { office365: 'Office 365', gmail: 'Gmail' } as const;

/**
 * Ports whose first byte is fixed by the protocol: 465 is implicit TLS (RFC 8314 §3.3), 587 and 25 start in
 * plain text and upgrade with STARTTLS (RFC 6409, RFC 3207).
 */
const IMPLICIT_TLS_PORT = 465;
const PLAINTEXT_FIRST_PORTS = new Set([25, 587]);

/** The outgoing port and security can work, for this provider and for any SMTP server. */
export const smtpPortCheck = defineCheck({
  id: 'config.smtp-port',
  area: 'config',
  title: 'config.smtp-port.title',
  needs: ['config'],
  steps: 0,
  appliesTo: () => true,
  async run({ account, config }): Promise<CheckOutcome> {
    const { host, port, security } = account.outgoing;
    const evidence = [
      settingEvidence(account, config, 'outgoing.host', host),
      settingEvidence(account, config, 'outgoing.port', port),
      settingEvidence(account, config, 'outgoing.security', security),
    ];
    const problem = (status: 'fail' | 'warn', code: string, summary: Message, remediation: Remediation[]): CheckOutcome => ({
      status,
      code,
      summary,
      evidence,
      remediation,
    });

    // Exchange Online has no implicit-TLS submission at all: 465, or `tls` on any port, cannot work.
    if (account.provider === 'office365' && (port === IMPLICIT_TLS_PORT || security === 'tls')) {
      return problem('fail', 'SMTP_IMPLICIT_TLS_UNSUPPORTED', msg('config.smtpPort.office365ImplicitTls', { port, security }), office365Fix(account));
    }

    if (port === IMPLICIT_TLS_PORT && security !== 'tls') {
      return problem('fail', 'SMTP_SECURITY_PORT_MISMATCH', msg('config.smtpPort.implicitPortWithoutTls', { port, security }), [
        { kind: 'text', message: msg('config.smtpPort.fix.keepPort', { security: 'tls' }), target: outgoingLine(host, port, 'tls') },
        tactiumSettings(host, port, 'tls'),
      ]);
    }
    if (PLAINTEXT_FIRST_PORTS.has(port) && security === 'tls') {
      return problem('fail', 'SMTP_SECURITY_PORT_MISMATCH', msg('config.smtpPort.plaintextPortWithTls', { port }), [
        { kind: 'text', message: msg('config.smtpPort.fix.keepPort', { security: 'starttls' }), target: outgoingLine(host, port, 'starttls') },
        tactiumSettings(host, port, 'starttls'),
      ]);
    }

    if (security === 'none') {
      if (account.provider !== 'imap') {
        const provider = PROVIDER_NAMES[account.provider];
        const remediation =
          account.provider === 'office365'
            ? office365Fix(account)
            : [
                { kind: 'text', message: msg('config.smtpPort.fix.keepPort', { security: 'starttls' }), target: outgoingLine(host, 587, 'starttls') } as const,
                tactiumSettings(host, 587, 'starttls'),
              ];
        return problem('fail', 'SMTP_NO_TLS', msg('config.smtpPort.noTlsProvider', { provider }), remediation);
      }
      return problem('warn', 'SMTP_NO_TLS', msg('config.smtpPort.noTls'), [
        { kind: 'text', message: msg('config.smtpPort.fix.useTls'), target: outgoingLine(host, port === 25 ? 587 : port, 'starttls') },
      ]);
    }

    if (port === 25) {
      return problem('warn', 'SMTP_PORT_25', msg('config.smtpPort.port25'), [
        { kind: 'text', message: msg('config.smtpPort.fix.port587'), target: outgoingLine(host, 587, 'starttls') },
        { kind: 'url', message: msg('config.smtpPort.fix.port25Source'), target: PORT_25_MANAGEMENT_DOC },
      ]);
    }

    const standard = port === 587 || port === IMPLICIT_TLS_PORT;
    if (!standard && account.provider !== 'imap') {
      const provider = PROVIDER_NAMES[account.provider];
      const documented = account.provider === 'office365' ? '587' : '587, 465';
      const remediation =
        account.provider === 'office365'
          ? office365Fix(account)
          : [{ kind: 'text', message: msg('config.smtpPort.fix.port587'), target: outgoingLine(host, 587, 'starttls') } as const];
      return problem('warn', 'SMTP_PORT_UNDOCUMENTED', msg('config.smtpPort.undocumentedPort', { provider, port, documented }), remediation);
    }
    if (!standard) return { status: 'pass', summary: msg('config.smtpPort.passNonStandard', { port, security }), evidence };
    return { status: 'pass', summary: msg('config.smtpPort.pass', { port, security }), evidence };
  },
});

/** The one outgoing setting Exchange Online accepts, for this account's cloud. */
function office365Fix(account: Account): Remediation[] {
  const host = CLOUD_HOSTS[account.cloud].smtpHost;
  return [
    { kind: 'text', message: msg('config.smtpPort.fix.office365'), target: outgoingLine(host, 587, 'starttls') },
    tactiumSettings(host, 587, 'starttls'),
    { kind: 'url', message: msg('config.smtpPort.fix.office365Source'), target: SMTP_DEVICE_DOC },
  ];
}

function tactiumSettings(host: string, port: number, security: Security): Remediation {
  return { kind: 'text', message: msg('config.smtpPort.fix.tactium', { host, port, security: security === 'tls' ? 'SSL/TLS' : 'STARTTLS' }) };
}

/** A one-line YAML flow mapping that replaces the whole `outgoing:` block. */
function outgoingLine(host: string, port: number, security: Security): string {
  return `outgoing: { host: ${host}, port: ${port}, security: ${security} }`;
}
