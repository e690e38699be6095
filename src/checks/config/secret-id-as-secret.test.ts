import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext, secret } from '../../../test/support/check-context.js';
import { translate } from '../../i18n/index.js';
import type { AuthConfig } from '../../config/types.js';
import { Secret } from '../../secrets/secret.js';
import type { Check } from '../../core/check.js';
import { secretIdAsSecretCheck } from './secret-id-as-secret.js';

const SECRET_ID = '3b7d9c1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f';
const CLIENT_ID = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const REAL_VALUE = 'Ab8Q~k2VfXr7uN0pLw3sZy9tHc5mDq1oEi4gRj6b';

function account(auth: Partial<AuthConfig>, cloud: 'global' | 'china' = 'global') {
  return makeAccount({
    provider: 'office365',
    cloud,
    auth: {
      method: 'oauth2',
      flow: 'application',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: CLIENT_ID,
      secretId: SECRET_ID,
      password: undefined,
      ...auth,
    },
  });
}
const run = (auth: Partial<AuthConfig>, cloud?: 'global' | 'china') => {
  const subject = account(auth, cloud);
  return secretIdAsSecretCheck.run(makeContext(subject));
};

describe('config.secret-id-as-secret', () => {
  it('does not apply without a client secret', () => {
    const check: Check = secretIdAsSecretCheck;
    const applies = check.appliesTo(makeAccount(), makeContext(makeAccount()).config);
    expect(applies).toEqual({ key: 'config.secretIdAsSecret.notApplicable' });
  });

  it('passes a value shaped like a client secret', async () => {
    const outcome = await run({ clientSecret: secret(REAL_VALUE, 'env', '${env:TACTIUM_CLIENT_SECRET}') });
    expect(outcome.status).toBe('pass');
    expect(translate('pt-BR', outcome.summary.key)).toBe('o segredo do cliente não tem formato de ID');
  });

  it('fails with SECRET_ID_AS_SECRET when the value equals auth.secretId (any case), without showing it', async () => {
    const outcome = await run({ clientSecret: secret(SECRET_ID.toUpperCase(), 'env', '${env:TACTIUM_CLIENT_SECRET}') });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SECRET_ID_AS_SECRET' });
    expect(outcome.evidence).toEqual([
      { label: 'config.evidence.clientSecret', value: 'auth.clientSecret — ${env:TACTIUM_CLIENT_SECRET}' },
      { label: 'config.evidence.sameAs', value: 'auth.secretId' },
    ]);
    expect(JSON.stringify(outcome).toLowerCase()).not.toContain(SECRET_ID);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe(
      'auth.clientSecret holds the same value as auth.secretId: that is the Secret ID, not the secret’s value',
    );
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe(
      'auth.clientSecret tem o mesmo valor que auth.secretId: isso é o ID do segredo, não o valor do segredo',
    );
  });

  it('says where the Value is shown, that it is shown only once, and where the new one goes', async () => {
    const outcome = await run({ clientSecret: secret(SECRET_ID, 'env', '${env:TACTIUM_CLIENT_SECRET}') });
    expect(outcome.remediation?.map((step) => step.message)).toEqual([
      { key: 'config.secretIdAsSecret.fix.portal', params: { app: CLIENT_ID } },
      { key: 'config.secretIdAsSecret.fix.onlyOnce' },
      { key: 'config.secretIdAsSecret.fix.env', params: { name: 'TACTIUM_CLIENT_SECRET' } },
      { key: 'config.secretIdAsSecret.fix.secretId' },
    ]);
    expect(outcome.remediation?.[0]).toMatchObject({ kind: 'portal', target: 'https://entra.microsoft.com' });
    const portal = translate('en', 'config.secretIdAsSecret.fix.portal', { app: CLIENT_ID });
    expect(portal).toBe(
      `Entra admin center › App registrations › ${CLIENT_ID} › Certificates & secrets › Client secrets: the secret is in the “Value” column, not in “Secret ID”.`,
    );
    expect(translate('en', 'config.secretIdAsSecret.fix.onlyOnce')).toContain('shown only once, right after the secret is created');
  });

  it('fails for any GUID-shaped value even without auth.secretId, and uses the sovereign cloud’s portal', async () => {
    const outcome = await run({ secretId: undefined, clientSecret: secret('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'file', '${file:./secret.txt}') }, 'china');
    expect(outcome).toMatchObject({ status: 'fail', code: 'SECRET_ID_AS_SECRET' });
    expect(outcome.evidence).toContainEqual({ label: 'config.evidence.secretShape', value: 'GUID (8-4-4-4-12)' });
    expect(outcome.remediation?.[0]?.target).toBe('https://portal.azure.cn');
    expect(outcome.remediation?.[2]?.message).toEqual({ key: 'config.secretIdAsSecret.fix.file', params: { file: './secret.txt' } });
  });

  it('names the other ID when the value is the Application (client) ID', async () => {
    const outcome = await run({ clientSecret: secret(` ${CLIENT_ID} `, 'env', '${env:TACTIUM_CLIENT_SECRET}') });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SECRET_ID_AS_SECRET' });
    expect(outcome.summary).toEqual({ key: 'config.secretIdAsSecret.equalsOtherId', params: { key: 'auth.clientId' } });
  });

  it('suggests a variable reference, with the line to write, when the secret was written inline', async () => {
    const inline = { ...account({ clientSecret: new Secret(SECRET_ID, 'inline') }), positions: new Map([['auth.clientSecret', { line: 9, column: 21 }]]) };
    const outcome = await secretIdAsSecretCheck.run(makeContext(inline));
    expect(outcome.evidence?.[0]).toEqual({ label: 'config.evidence.clientSecret', value: 'auth.clientSecret — test.yaml:9' });
    expect(outcome.remediation?.[2]).toMatchObject({
      target: 'clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
      message: { params: { name: 'TACTIUM_CLIENT_SECRET' } },
    });
  });
});
