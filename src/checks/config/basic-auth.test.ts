import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext } from '../../../test/support/check-context.js';
import { EXCHANGE_ONLINE_BASIC_AUTH_OFF, EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF } from '../../config/deadlines.js';
import { translate } from '../../i18n/index.js';
import type { Check } from '../../core/check.js';
import { OAUTH_MAIL_DOC } from '../../providers/microsoft/urls.js';
import { basicAuthCheck } from './basic-auth.js';

const office365Password = (protocol: 'imap' | 'pop3' = 'imap') =>
  makeAccount({
    provider: 'office365',
    mailbox: 'atendimento@contoso.com.br',
    incoming: { protocol, host: 'outlook.office365.com', port: protocol === 'imap' ? 993 : 995, security: 'tls' },
  });

describe('config.basic-auth', () => {
  it('applies only to Office 365 with method: password', () => {
    const config = makeContext(makeAccount()).config;
    const check: Check = basicAuthCheck;
    expect(check.appliesTo(office365Password(), config)).toBe(true);
    expect(check.appliesTo(makeAccount({ provider: 'office365', auth: { method: 'oauth2', password: undefined } }), config)).toEqual({
      key: 'config.basicAuth.notApplicable',
    });
    expect(check.appliesTo(makeAccount({ provider: 'gmail' }), config)).toEqual({ key: 'config.basicAuth.notApplicable' });
    expect(check.appliesTo(makeAccount({ provider: 'imap' }), config)).toEqual({ key: 'config.basicAuth.notApplicable' });
  });

  it('fails with BASIC_AUTH_DISABLED for IMAP and says SMTP AUTH will be off by default on the date, before it', async () => {
    const now = () => new Date('2026-11-24T12:00:00Z');
    const outcome = await basicAuthCheck.run(makeContext(office365Password(), { now }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'BASIC_AUTH_DISABLED' });
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe(
      'Exchange Online no longer accepts a password for IMAP (basic authentication off since 2022-10-01), and SMTP AUTH with a password will be turned off by default on 2026-12-31: use OAuth 2.0',
    );
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe(
      'o Exchange Online não aceita mais senha no IMAP (autenticação básica desligada desde 2022-10-01), e o SMTP AUTH com senha será desligado por padrão em 2026-12-31: use OAuth 2.0',
    );
    expect(outcome.remediation?.map((step) => step.message.key)).toContain('config.basicAuth.fix.smtpSoon');
  });

  it('says SMTP AUTH basic is off by default since the date, and that the server’s reply decides, after it', async () => {
    const now = () => new Date('2027-02-01T09:00:00Z');
    const outcome = await basicAuthCheck.run(makeContext(office365Password(), { now }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'BASIC_AUTH_DISABLED' });
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toContain('is turned off by default since 2026-12-31');
    const smtpStep = outcome.remediation?.find((step) => step.message.key === 'config.basicAuth.fix.smtpOff');
    expect(smtpStep && translate('en', smtpStep.message.key, smtpStep.message.params)).toContain('only this tenant’s own reply tells');
  });

  it('switches wording exactly on the date in the one constant', async () => {
    const day = new Date(`${EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF.date}T00:00:00Z`);
    const before = await basicAuthCheck.run(makeContext(office365Password(), { now: () => new Date(day.getTime() - 1) }));
    const on = await basicAuthCheck.run(makeContext(office365Password(), { now: () => day }));
    expect(before.summary.key).toBe('config.basicAuth.failSmtpSoon');
    expect(on.summary.key).toBe('config.basicAuth.failSmtpOff');
  });

  it('gives the OAuth path with the app roles for the configured protocol, the sources and Microsoft’s guide', async () => {
    const outcome = await basicAuthCheck.run(makeContext(office365Password('pop3'), { now: () => new Date('2026-11-24T12:00:00Z') }));
    // Block YAML that pastes into the file as is: in a flow mapping the braces of ${env:…} broke it.
    expect(outcome.remediation?.[0]?.target).toBe(
      [
        'auth:',
        '  method: oauth2',
        '  flow: application',
        '  tenantId: contoso.com.br',
        '  clientId:   # the Application (client) ID of the app registration',
        '  clientSecret: "${env:TACTIUM_CLIENT_SECRET}"',
      ].join('\n'),
    );
    expect(parseYaml(outcome.remediation![0]!.target!)).toEqual({
      auth: { method: 'oauth2', flow: 'application', tenantId: 'contoso.com.br', clientId: null, clientSecret: '${env:TACTIUM_CLIENT_SECRET}' },
    });
    expect(outcome.remediation?.[1]?.message).toEqual({ key: 'config.basicAuth.fix.application', params: { role: 'POP.AccessAsApp' } });
    expect(outcome.remediation?.[2]?.message).toEqual({ key: 'config.basicAuth.fix.delegated', params: { scope: 'POP.AccessAsUser.All' } });
    expect(outcome.remediation?.at(-1)).toEqual({ kind: 'url', message: { key: 'config.basicAuth.fix.guide' }, target: OAUTH_MAIL_DOC });
    expect(outcome.evidence).toEqual([
      { label: 'config.evidence.setting', value: 'auth.method: password' },
      { label: 'config.evidence.incoming', value: 'POP3 outlook.office365.com:995' },
      { label: 'config.evidence.basicAuthOffSince', value: EXCHANGE_ONLINE_BASIC_AUTH_OFF.date },
      { label: 'config.evidence.source', value: EXCHANGE_ONLINE_BASIC_AUTH_OFF.source },
      { label: 'config.evidence.smtpBasicAuthDefaultOff', value: EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF.date },
      { label: 'config.evidence.source', value: EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF.source },
    ]);
  });
});
