/**
 * The config checks on an account as the real loader builds it (positions, explicit keys, inline secrets),
 * so that "where it came from" in the evidence points at the right line of the right file.
 */
import { describe, expect, it } from '@jest/globals';
import { makeContext } from '../../../test/support/check-context.js';
import { parseConfigText } from '../../config/load/index.js';
import type { Check } from '../../core/check.js';
import { basicAuthCheck } from './basic-auth.js';
import { secretIdAsSecretCheck } from './secret-id-as-secret.js';
import { secretsInlineCheck } from './secrets-inline.js';
import { smtpPortCheck } from './smtp-port.js';

const TEXT = [
  'version: 1',
  'accounts:',
  '  - name: atendimento',
  '    provider: office365',
  '    mailbox: atendimento@contoso.com.br',
  '    auth:',
  '      method: oauth2',
  '      flow: application',
  '      tenantId: contoso.onmicrosoft.com',
  '      clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
  '      secretId: 3b7d9c1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f',
  '      clientSecret: 3b7d9c1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f',
  '    outgoing:',
  '      port: 465',
  '',
].join('\n');

async function loaded() {
  const config = await parseConfigText(TEXT, '/home/someone/clientes/contoso.yaml', { env: {} });
  const account = config.accounts[0];
  if (!account) throw new Error('no account loaded');
  return makeContext(account, { config });
}

describe('config checks on a loaded file', () => {
  it('point at the file name and line of the inline secret, without the folder', async () => {
    const outcome = await secretsInlineCheck.run(await loaded());
    expect(outcome).toMatchObject({ status: 'warn', code: 'SECRET_INLINE' });
    expect(outcome.evidence).toEqual([{ label: 'config.evidence.inlineSecret', value: 'auth.clientSecret — contoso.yaml:12' }]);
  });

  it('tell written settings from provider defaults', async () => {
    const outcome = await smtpPortCheck.run(await loaded());
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_IMPLICIT_TLS_UNSUPPORTED' });
    expect(outcome.evidence).toEqual([
      { label: 'config.evidence.settingDefault', value: 'outgoing.host: smtp.office365.com' },
      { label: 'config.evidence.setting', value: 'outgoing.port: 465 — contoso.yaml:14' },
      { label: 'config.evidence.settingDefault', value: 'outgoing.security: tls' },
    ]);
  });

  it('catch the Secret ID pasted as the secret, and skip basic-auth for OAuth', async () => {
    const context = await loaded();
    expect(await secretIdAsSecretCheck.run(context)).toMatchObject({ status: 'fail', code: 'SECRET_ID_AS_SECRET' });
    const check: Check = basicAuthCheck;
    expect(check.appliesTo(context.account, context.config)).toEqual({ key: 'config.basicAuth.notApplicable' });
  });
});
