import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext, secret } from '../../../test/support/check-context.js';
import { translate } from '../../i18n/index.js';
import type { Check } from '../../core/check.js';
import { secretsInlineCheck } from './secrets-inline.js';

const LEAKY = 'Zx8Q~very-secret-value-that-must-not-leak';

function inlineAccount(name = 'atendimento') {
  const account = makeAccount({
    name,
    provider: 'office365',
    auth: { method: 'oauth2', flow: 'application', clientSecret: secret(LEAKY, 'inline', undefined), password: undefined },
  });
  return { ...account, positions: new Map([['auth.clientSecret', { line: 12, column: 21 }]]) };
}

describe('config.secrets-inline', () => {
  it('passes when every secret is a reference', async () => {
    const account = makeAccount({ auth: { password: secret('from-env', 'env', '${env:MAILBOX_PASSWORD}') } });
    const outcome = await secretsInlineCheck.run(makeContext(account));
    expect(outcome.status).toBe('pass');
    expect(translate('en', outcome.summary.key)).toBe('every secret is a ${env:…} or ${file:…} reference');
    expect(translate('pt-BR', outcome.summary.key)).toBe('todos os segredos são referências ${env:…} ou ${file:…}');
  });

  it('warns with SECRET_INLINE, pointing at the key and line but never showing the value', async () => {
    const outcome = await secretsInlineCheck.run(makeContext(inlineAccount()));
    expect(outcome).toMatchObject({ status: 'warn', code: 'SECRET_INLINE' });
    expect(outcome.evidence).toEqual([{ label: 'config.evidence.inlineSecret', value: 'auth.clientSecret — test.yaml:12' }]);
    expect(JSON.stringify(outcome)).not.toContain(LEAKY);
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe(
      'a secret is written in the file itself (auth.clientSecret): anyone who sees the file sees it',
    );
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe(
      'há um segredo escrito no próprio arquivo (auth.clientSecret): quem vê o arquivo vê o segredo',
    );
  });

  it('gives the exact replacement line and how to set the variable on Windows and on Linux/macOS', async () => {
    const outcome = await secretsInlineCheck.run(makeContext(inlineAccount()));
    const targets = outcome.remediation?.map((step) => step.target);
    expect(targets).toEqual([
      'clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
      "$env:TACTIUM_CLIENT_SECRET = '…'",
      'setx TACTIUM_CLIENT_SECRET "…"',
      "export TACTIUM_CLIENT_SECRET='…'",
      'clientSecret: ${file:./client-secret.txt}',
      undefined,
    ]);
    // The last step says to rotate a secret that was committed or shared.
    expect(outcome.remediation?.at(-1)).toMatchObject({ kind: 'portal', message: { key: 'config.secretsInline.rotate.clientSecret' } });
    expect(outcome.remediation?.filter((step) => step.kind === 'command')).toHaveLength(3);
  });

  it('names one variable per account when the file has several accounts', async () => {
    const first = inlineAccount('Atendimento São Paulo');
    const second = makeAccount({ name: 'vendas' });
    const outcome = await secretsInlineCheck.run(makeContext(first, { config: { accounts: [first, second] } }));
    expect(outcome.remediation?.[0]?.target).toBe('clientSecret: ${env:TACTIUM_CLIENT_SECRET_ATENDIMENTO_SAO_PAULO}');
  });

  it('lists every inline secret, each with its own variable', async () => {
    const account = makeAccount({
      provider: 'gmail',
      auth: { method: 'oauth2', refreshToken: secret('1//refresh', 'inline', undefined), password: secret('app password', 'inline', undefined) },
    });
    const outcome = await secretsInlineCheck.run(makeContext(account));
    expect(outcome.evidence?.map((item) => item.value)).toEqual(['auth.password', 'auth.refreshToken']);
    expect(outcome.remediation?.map((step) => step.target)).toEqual(
      expect.arrayContaining(['password: ${env:MAILBOX_PASSWORD}', 'refreshToken: ${env:GOOGLE_REFRESH_TOKEN}']),
    );
  });

  it('applies to every account and reads only the file', () => {
    expect(secretsInlineCheck).toMatchObject({ id: 'config.secrets-inline', area: 'config', needs: ['config'], steps: 0 });
    const check: Check = secretsInlineCheck;
    expect(check.appliesTo(makeAccount(), makeContext(makeAccount()).config)).toBe(true);
  });
});
