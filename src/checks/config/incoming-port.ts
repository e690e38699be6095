import { defaultIncoming } from '../../config/defaults.js';
import type { Account, IncomingProtocol, Security } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { defineCheck, type CheckOutcome, type Remediation } from '../../core/check.js';
import { settingEvidence } from './shared/setting-evidence.js';

const PROVIDER_NAMES = { office365: 'Office 365', gmail: 'Gmail' } as const;
const PROTOCOL_NAMES: Readonly<Record<IncomingProtocol, string>> = { imap: 'IMAP', pop3: 'POP3' };

/**
 * The registered ports (RFC 8314 §7.3 for 993/995; RFC 3501 / RFC 1939 for 143/110): 993 and 995 speak
 * TLS from the first byte; 143 and 110 greet in plain text and upgrade with STARTTLS (RFC 2595).
 */
const PORTS: Readonly<Record<IncomingProtocol, { readonly implicit: number; readonly plain: number }>> = {
  imap: { implicit: 993, plain: 143 },
  pop3: { implicit: 995, plain: 110 },
};

/** The incoming protocol, port and security can work together, and for this provider. */
export const incomingPortCheck = defineCheck({
  id: 'config.incoming-port',
  area: 'config',
  title: 'config.incoming-port.title',
  needs: ['config'],
  steps: 0,
  appliesTo: () => true,
  async run({ account, config }): Promise<CheckOutcome> {
    const { protocol, host, port, security } = account.incoming;
    const evidence = [
      settingEvidence(account, config, 'incoming.protocol', protocol),
      settingEvidence(account, config, 'incoming.host', host),
      settingEvidence(account, config, 'incoming.port', port),
      settingEvidence(account, config, 'incoming.security', security),
    ];
    const problem = (status: 'fail' | 'warn', code: string, summary: Message, remediation: Remediation[]): CheckOutcome => ({
      status,
      code,
      summary,
      evidence,
      remediation,
    });
    const name = PROTOCOL_NAMES[protocol];
    const own = PORTS[protocol];
    const other: IncomingProtocol = protocol === 'imap' ? 'pop3' : 'imap';

    // IMAP on a POP3 port or the reverse: the server greets in the other protocol.
    if (port === PORTS[other].implicit || port === PORTS[other].plain) {
      const fixedPort = port === PORTS[other].implicit ? own.implicit : own.plain;
      return problem(
        'fail',
        'INCOMING_PROTOCOL_PORT_MISMATCH',
        msg('config.incomingPort.protocolMismatch', { port, protocol: name, otherProtocol: PROTOCOL_NAMES[other] }),
        [
          {
            kind: 'text',
            message: msg('config.incomingPort.fix.port', { protocol: name, port: fixedPort }),
            target: incomingLine(protocol, host, fixedPort, security),
          },
          tactiumSettings(protocol, host, fixedPort, security),
        ],
      );
    }

    if (port === own.implicit && security !== 'tls') {
      return problem('fail', 'INCOMING_SECURITY_PORT_MISMATCH', msg('config.incomingPort.implicitPortWithoutTls', { port, security }), [
        { kind: 'text', message: msg('config.incomingPort.fix.security', { security: 'tls' }), target: incomingLine(protocol, host, port, 'tls') },
        tactiumSettings(protocol, host, port, 'tls'),
      ]);
    }
    if (port === own.plain && security === 'tls') {
      return problem(
        'fail',
        'INCOMING_SECURITY_PORT_MISMATCH',
        msg('config.incomingPort.plainPortWithTls', { port, protocol: name, implicitPort: own.implicit }),
        [
          {
            kind: 'text',
            message: msg('config.incomingPort.fix.implicitPort', { port: own.implicit }),
            target: incomingLine(protocol, host, own.implicit, 'tls'),
          },
          tactiumSettings(protocol, host, own.implicit, 'tls'),
        ],
      );
    }

    // Office 365 and Gmail take IMAP on 993 and POP3 on 995, implicit TLS only
    // (docs/provider-facts.md §Microsoft hosts and ports, §Gmail hosts and ports).
    const required = account.provider === 'imap' ? undefined : defaultIncoming(account.provider, account.cloud, protocol);
    if (security === 'none') {
      if (account.provider !== 'imap' && required) {
        return problem(
          'fail',
          'INCOMING_NO_TLS',
          msg('config.incomingPort.noTlsProvider', { provider: PROVIDER_NAMES[account.provider] }),
          providerFix(account, required.host, required.port),
        );
      }
      // A custom port stays in the fix (as config.smtp-port does): a port that greets in plain text keeps
      // doing so, and STARTTLS/STLS upgrades it (RFC 2595); implicit TLS is the alternative on its own port.
      return problem('warn', 'INCOMING_NO_TLS', msg('config.incomingPort.noTls', { protocol: name }), [
        {
          kind: 'text',
          message: msg('config.incomingPort.fix.keepPortStarttls', { port, command: protocol === 'imap' ? 'STARTTLS' : 'STLS' }),
          target: incomingLine(protocol, host, port, 'starttls'),
        },
        {
          kind: 'text',
          message: msg('config.incomingPort.fix.orImplicitTls', { implicitPort: own.implicit }),
          target: incomingLine(protocol, host, own.implicit, 'tls'),
        },
      ]);
    }
    if (account.provider !== 'imap' && required && (port !== required.port || security !== 'tls')) {
      return problem(
        'fail',
        'INCOMING_IMPLICIT_TLS_REQUIRED',
        msg('config.incomingPort.providerRequiresTls', { provider: PROVIDER_NAMES[account.provider], protocol: name, port: required.port }),
        providerFix(account, required.host, required.port),
      );
    }

    if (port !== own.implicit && port !== own.plain) {
      return { status: 'pass', summary: msg('config.incomingPort.passNonStandard', { protocol: name, port, security }), evidence };
    }
    return { status: 'pass', summary: msg('config.incomingPort.pass', { protocol: name, port, security }), evidence };
  },
});

function providerFix(account: Account, host: string, port: number): Remediation[] {
  const { protocol } = account.incoming;
  return [
    {
      kind: 'text',
      message: msg('config.incomingPort.fix.provider', { provider: account.provider === 'gmail' ? 'Gmail' : 'Office 365' }),
      target: incomingLine(protocol, host, port, 'tls'),
    },
    tactiumSettings(protocol, host, port, 'tls'),
  ];
}

function tactiumSettings(protocol: IncomingProtocol, host: string, port: number, security: Security): Remediation {
  return {
    kind: 'text',
    message: msg('config.incomingPort.fix.tactium', {
      protocol: PROTOCOL_NAMES[protocol],
      host,
      port,
      security: security === 'tls' ? 'SSL/TLS' : security === 'starttls' ? 'STARTTLS' : security,
    }),
  };
}

/** A one-line YAML flow mapping that replaces the whole `incoming:` block. */
function incomingLine(protocol: IncomingProtocol, host: string, port: number, security: Security): string {
  return `incoming: { protocol: ${protocol}, host: ${host}, port: ${port}, security: ${security} }`;
}
