import { makeAccount, makeContext, secret } from '../../../test/support/check-context.js';
import { gmailCredentialsCheck } from './credentials.js';

const CLIENT_ID = '123456789012-abcdef.apps.googleusercontent.com';

describe('gmail.credentials applies', () => {
  it('to Gmail accounts with an app password or a complete Google OAuth client', () => {
    expect(gmailCredentialsCheck.appliesTo(makeAccount({ provider: 'gmail' }))).toBe(true);
    const oauth = makeAccount({
      provider: 'gmail',
      auth: { method: 'oauth2', clientId: CLIENT_ID, clientSecret: secret('GOCSPX-x-secret'), refreshToken: secret('1//0x-refresh') },
    });
    expect(gmailCredentialsCheck.appliesTo(oauth)).toBe(true);
  });

  it('not to other providers, nor to a Gmail account that only gives an access token', () => {
    expect(gmailCredentialsCheck.appliesTo(makeAccount({ provider: 'office365' }))).toEqual({ key: 'gmail.credentials.notGmail' });
    const tokenOnly = makeAccount({ provider: 'gmail', auth: { method: 'oauth2', password: undefined, accessToken: secret('ya29.x-token') } });
    expect(gmailCredentialsCheck.appliesTo(tokenOnly)).toEqual({ key: 'gmail.credentials.accessTokenOnly' });
  });
});

describe('gmail.credentials with an app password', () => {
  it('fails with AUTH_PASSWORD_MISSING when the password is empty, pointing at the app-password page', async () => {
    const outcome = await gmailCredentialsCheck.run(
      makeContext(makeAccount({ provider: 'gmail', auth: { method: 'password', password: secret('', 'env', '${env:GMAIL_APP_PASSWORD}') } })),
    );
    expect(outcome).toMatchObject({ status: 'fail', code: 'AUTH_PASSWORD_MISSING', summary: { params: { reference: '${env:GMAIL_APP_PASSWORD}' } } });
    expect(outcome.remediation?.[0]?.target).toBe('https://myaccount.google.com/apppasswords');
  });

  it('tells a Workspace mailbox that its administrator must allow 2-Step Verification, and a gmail.com one not', async () => {
    const workspace = await gmailCredentialsCheck.run(
      makeContext(makeAccount({ provider: 'gmail', mailbox: 'vendas@empresa.com.br', auth: { method: 'password', password: secret('Senha123') } })),
    );
    expect(workspace.remediation?.map((step) => step.message.key)).toContain('gmail.fix.workspaceTwoStep');
    const personal = await gmailCredentialsCheck.run(
      makeContext(makeAccount({ provider: 'gmail', mailbox: 'loja@gmail.com', auth: { method: 'password', password: secret('Senha123') } })),
    );
    expect(personal.remediation?.map((step) => step.message.key)).not.toContain('gmail.fix.workspaceTwoStep');
    expect(personal).toMatchObject({ status: 'warn', code: 'GMAIL_NOT_APP_PASSWORD' });
  });

  it("shows the password's shape, never its value", async () => {
    const outcome = await gmailCredentialsCheck.run(
      makeContext(makeAccount({ provider: 'gmail', auth: { method: 'password', password: secret('Senha Secreta 99') } })),
    );
    expect(outcome.evidence?.find((entry) => entry.label === 'gmail.evidence.passwordShape')?.value).toBe('16 characters, not only letters');
    expect(JSON.stringify(outcome)).not.toContain('Senha Secreta 99');
  });
});
