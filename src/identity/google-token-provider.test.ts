import { makeAccount, makeContext, secret } from '../../test/support/check-context.js';
import { Secret } from '../secrets/secret.js';
import { googleTokenCode, googleTokenProvider } from './google-token-provider.js';
import type { GoogleTokenResponse } from './google-token.js';

const common = { endpoint: 'https://oauth2.googleapis.com/token', elapsedMs: 5 };
const oauth = (error: string, description?: string, httpStatus = 400): GoogleTokenResponse => ({ kind: 'oauth-error', ...common, httpStatus, error, ...(description ? { description } : {}) });

describe('googleTokenCode', () => {
  it('accepts a token only with https://mail.google.com/', () => {
    const token = (scopes: string[]): GoogleTokenResponse => ({ kind: 'token', ...common, httpStatus: 200, accessToken: new Secret('ya29.unit-test-token', 'runtime'), scopes });
    expect(googleTokenCode(token(['https://mail.google.com/', 'openid']))).toBeUndefined();
    expect(googleTokenCode(token(['https://www.googleapis.com/auth/gmail.readonly']))).toBe('GOOGLE_SCOPE_MISSING');
  });

  it.each([
    [oauth('invalid_client', 'The OAuth client was not found.', 401), 'GOOGLE_CLIENT_NOT_FOUND'],
    [oauth('invalid_client', 'Unauthorized', 401), 'GOOGLE_CLIENT_SECRET_WRONG'],
    [oauth('invalid_grant', 'Token has been expired or revoked.'), 'GOOGLE_INVALID_GRANT'],
    [oauth('unauthorized_client', 'Unauthorized', 401), 'GOOGLE_UNAUTHORIZED_CLIENT'],
    [oauth('admin_policy_enforced'), 'GOOGLE_ADMIN_POLICY_ENFORCED'],
    [oauth('invalid_scope'), 'GOOGLE_INVALID_SCOPE'],
    [oauth('invalid_request', 'Missing required parameter: refresh_token'), 'GOOGLE_OAUTH_ERROR'],
    [{ kind: 'http-error', ...common, httpStatus: 502, body: '' } as const, 'GOOGLE_TOKEN_SERVER_ERROR'],
    [{ kind: 'http-error', ...common, httpStatus: 403, body: '<html>' } as const, 'GOOGLE_TOKEN_UNEXPECTED_REPLY'],
    [{ kind: 'network', ...common, code: 'TLS_CERT_UNTRUSTED', detail: 'x' } as const, 'TLS_CERT_UNTRUSTED'],
  ])('names %j as %s', (response, code) => {
    expect(googleTokenCode(response)).toBe(code);
  });
});

describe('googleTokenProvider', () => {
  it('leaves accounts that are not Gmail OAuth to the other providers', async () => {
    for (const account of [makeAccount({ provider: 'office365', auth: { method: 'oauth2' } }), makeAccount({ provider: 'gmail', auth: { method: 'password' } })]) {
      expect(await googleTokenProvider(makeContext(account), 'imap')).toEqual({ kind: 'unavailable', reason: { key: 'identity.noTokenSource' } });
    }
  });

  it('says which keys are missing, without asking Google, when the OAuth client is incomplete', async () => {
    const account = makeAccount({ provider: 'gmail', auth: { method: 'oauth2', password: undefined, clientId: '1-a.apps.googleusercontent.com', refreshToken: secret('1//0x-refresh') } });
    expect(await googleTokenProvider(makeContext(account), 'smtp')).toEqual({ kind: 'unavailable', reason: { key: 'gmail.token.incomplete', params: { keys: 'auth.clientSecret' } } });
  });
});
