import { makeAccount, makeContext, secret } from '../../../test/support/check-context.js';
import { Secret } from '../../secrets/secret.js';
import { googleTokenProvider } from './google-token-provider.js';
import { googleTokenCode } from '../../identity/google-account.js';
import type { GoogleTokenResponse } from '../../identity/google-token.js';

const common = { endpoint: 'https://oauth2.googleapis.com/token', elapsedMs: 5 };
const oauth = (error: string, description?: string, httpStatus = 400): GoogleTokenResponse => ({
  kind: 'oauth-error',
  ...common,
  httpStatus,
  error,
  ...(description ? { description } : {}),
});

describe('googleTokenCode', () => {
  it('accepts a token only with https://mail.google.com/', () => {
    const token = (scopes: string[]): GoogleTokenResponse => ({
      kind: 'token',
      ...common,
      httpStatus: 200,
      accessToken: new Secret('ya29.unit-test-token', 'runtime'),
      scopes,
    });
    expect(googleTokenCode(token(['https://mail.google.com/', 'openid']))).toBeUndefined();
    expect(googleTokenCode(token(['https://www.googleapis.com/auth/gmail.readonly']))).toBe('GOOGLE_SCOPE_MISSING');
  });

  it.each([
    ['invalid_client "The OAuth client was not found."', oauth('invalid_client', 'The OAuth client was not found.', 401), 'GOOGLE_CLIENT_NOT_FOUND'],
    ['invalid_client "Unauthorized"', oauth('invalid_client', 'Unauthorized', 401), 'GOOGLE_CLIENT_SECRET_WRONG'],
    ['invalid_grant', oauth('invalid_grant', 'Token has been expired or revoked.'), 'GOOGLE_INVALID_GRANT'],
    ['unauthorized_client', oauth('unauthorized_client', 'Unauthorized', 401), 'GOOGLE_UNAUTHORIZED_CLIENT'],
    ['admin_policy_enforced', oauth('admin_policy_enforced'), 'GOOGLE_ADMIN_POLICY_ENFORCED'],
    ['invalid_scope', oauth('invalid_scope'), 'GOOGLE_INVALID_SCOPE'],
    ['another OAuth error', oauth('invalid_request', 'Missing required parameter: refresh_token'), 'GOOGLE_OAUTH_ERROR'],
    ['a 502', { kind: 'http-error', ...common, httpStatus: 502, body: '' } as const, 'GOOGLE_TOKEN_SERVER_ERROR'],
    ['an HTML 403', { kind: 'http-error', ...common, httpStatus: 403, body: '<html>' } as const, 'GOOGLE_TOKEN_UNEXPECTED_REPLY'],
    ['an untrusted certificate', { kind: 'network', ...common, code: 'TLS_CERT_UNTRUSTED', detail: 'x' } as const, 'TLS_CERT_UNTRUSTED'],
  ])('names %s as %s', (_name, response, code) => {
    expect(googleTokenCode(response)).toBe(code);
  });
});

describe('googleTokenProvider', () => {
  it('leaves accounts that are not Gmail OAuth to the other providers', async () => {
    for (const account of [
      makeAccount({ provider: 'office365', auth: { method: 'oauth2' } }),
      makeAccount({ provider: 'gmail', auth: { method: 'password' } }),
    ]) {
      expect(await googleTokenProvider(makeContext(account), 'imap')).toEqual({ kind: 'unavailable', reason: { key: 'identity.noTokenSource' } });
    }
  });

  it('says which keys are missing, without asking Google, when the OAuth client is incomplete', async () => {
    const account = makeAccount({
      provider: 'gmail',
      auth: { method: 'oauth2', password: undefined, clientId: '1-a.apps.googleusercontent.com', refreshToken: secret('1//0x-refresh') },
    });
    expect(await googleTokenProvider(makeContext(account), 'smtp')).toEqual({
      kind: 'unavailable',
      reason: { key: 'gmail.token.incomplete', params: { keys: 'auth.clientSecret' } },
    });
  });
});

describe('googleTokenProvider without a refresh token', () => {
  it('asks for --login, without asking Google, when the client is complete but there is no refresh token (file or --login)', async () => {
    const account = makeAccount({
      provider: 'gmail',
      mailbox: 'novo@gmail.com',
      auth: { method: 'oauth2', password: undefined, clientId: '1-a.apps.googleusercontent.com', clientSecret: secret('GOCSPX-x') },
    });
    expect(await googleTokenProvider(makeContext(account), 'imap')).toEqual({
      kind: 'unavailable',
      reason: { key: 'gmail.token.needsLogin', params: { mailbox: 'novo@gmail.com' } },
    });
  });
});

describe('getMailToken with the Google provider registered', () => {
  it("keeps another provider's own reason when Google's says the account is not its kind, whatever the registration order", async () => {
    const { getMailToken, registerTokenProvider } = await import('./token-provider.js');
    registerTokenProvider(async (context) =>
      context.account.provider === 'office365'
        ? { kind: 'unavailable', reason: { key: 'gmail.token.incomplete', params: { keys: 'stand-in for another provider' } } }
        : { kind: 'unavailable', reason: { key: 'identity.noTokenSource' } },
    );
    registerTokenProvider(googleTokenProvider);
    const office = await getMailToken(makeContext(makeAccount({ provider: 'office365', auth: { method: 'oauth2' } })), 'imap');
    expect(office).toEqual({ kind: 'unavailable', reason: { key: 'gmail.token.incomplete', params: { keys: 'stand-in for another provider' } } });
    const gmail = await getMailToken(
      makeContext(makeAccount({ provider: 'gmail', auth: { method: 'oauth2', password: undefined, clientId: '1-a.apps.googleusercontent.com' } })),
      'imap',
    );
    expect(gmail).toEqual({ kind: 'unavailable', reason: { key: 'gmail.token.incomplete', params: { keys: 'auth.clientSecret' } } });
  });
});
