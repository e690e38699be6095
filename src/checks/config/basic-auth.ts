import { EXCHANGE_ONLINE_BASIC_AUTH_OFF, EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF, isInEffect } from '../../config/deadlines.js';
import { msg } from '../../i18n/index.js';
import { defineCheck, type CheckOutcome } from '../../core/check.js';
import { environmentName } from './secrets-inline.js';
import { settingEvidence } from './shared/setting-evidence.js';
import { OAUTH_MAIL_DOC } from '../../providers/microsoft/urls.js';

/** Microsoft's guide to OAuth for IMAP, POP and SMTP AUTH (scopes, app roles, service principals). */

const PROTOCOL_NAMES = { imap: 'IMAP', pop3: 'POP3' } as const;

/**
 * Office 365 with a password: IMAP/POP3 basic auth is off in Exchange Online (fail), and SMTP AUTH basic is
 * turned off by default at the end of 2026 (its date from `config/deadlines.ts`, worded by `services.now()`).
 * Every account has an incoming protocol, so the incoming fact always decides the status (fail); the SMTP
 * fact is stated beside it.
 */
export const basicAuthCheck = defineCheck({
  id: 'config.basic-auth',
  area: 'config',
  title: 'config.basic-auth.title',
  needs: ['config'],
  steps: 0,
  appliesTo: (account) => (account.provider === 'office365' && account.auth.method === 'password' ? true : msg('config.basicAuth.notApplicable')),
  async run({ account, config, services }): Promise<CheckOutcome> {
    const protocol = PROTOCOL_NAMES[account.incoming.protocol];
    const incomingDate = EXCHANGE_ONLINE_BASIC_AUTH_OFF.date;
    const smtpDate = EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF.date;
    const smtpOff = isInEffect(EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF, services.now());
    const tenant = account.mailbox.split('@')[1] ?? '…';

    return {
      status: 'fail',
      code: 'BASIC_AUTH_DISABLED',
      summary: msg(smtpOff ? 'config.basicAuth.failSmtpOff' : 'config.basicAuth.failSmtpSoon', { protocol, incomingDate, smtpDate }),
      evidence: [
        settingEvidence(account, config, 'auth.method', 'password', { alwaysWritten: true }),
        { label: 'config.evidence.incoming', value: `${protocol} ${account.incoming.host}:${account.incoming.port}` },
        { label: 'config.evidence.basicAuthOffSince', value: incomingDate },
        { label: 'config.evidence.source', value: EXCHANGE_ONLINE_BASIC_AUTH_OFF.source },
        { label: 'config.evidence.smtpBasicAuthDefaultOff', value: smtpDate },
        { label: 'config.evidence.source', value: EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF.source },
      ],
      remediation: [
        {
          kind: 'text',
          message: msg('config.basicAuth.fix.oauth'),
          // Block style: in a flow mapping (`{ … }`) the braces of `${env:…}` end the mapping early, and the
          // snippet must paste into the file as is. The client ID is the customer's: a comment says which.
          target: [
            'auth:',
            '  method: oauth2',
            '  flow: application',
            `  tenantId: ${tenant}`,
            '  clientId:   # the Application (client) ID of the app registration',
            `  clientSecret: "\${env:${environmentName('clientSecret', account, config)}}"`,
          ].join('\n'),
        },
        {
          kind: 'text',
          message: msg('config.basicAuth.fix.application', { role: account.incoming.protocol === 'pop3' ? 'POP.AccessAsApp' : 'IMAP.AccessAsApp' }),
        },
        {
          kind: 'text',
          message: msg('config.basicAuth.fix.delegated', { scope: account.incoming.protocol === 'pop3' ? 'POP.AccessAsUser.All' : 'IMAP.AccessAsUser.All' }),
        },
        { kind: 'text', message: msg(smtpOff ? 'config.basicAuth.fix.smtpOff' : 'config.basicAuth.fix.smtpSoon', { smtpDate }) },
        { kind: 'url', message: msg('config.basicAuth.fix.guide'), target: OAUTH_MAIL_DOC },
      ],
    };
  },
});
