/**
 * A local HTTPS stand-in of Google's token endpoint (`POST /token`, form `grant_type=refresh_token`), for
 * the Gmail tests: certificate from certs.ts (the test trusts its CA through `extraCa`), Google's
 * documented answers (https://developers.google.com/identity/protocols/oauth2/web-server#offline,
 * RFC 6749 §5.1/§5.2; texts per docs/provider-facts.md §Google OAuth) from a configurable table of OAuth
 * clients and refresh tokens. It issues opaque access tokens and knows whose they are, so the same tokens
 * log in to Dovecot (XOAUTH2 through oauth-introspection.ts) and to smtp-server.
 *
 * Strict like the other stand-ins: anything that is not a well-formed refresh-token request is recorded
 * in `unexpected`, and tests assert it stays empty.
 */
import { createHash, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { IssuedCert } from './certs.js';
import type { TokenTable } from './oauth-introspection.js';

export const GMAIL_SCOPE = 'https://mail.google.com/';
const DAY = 86_400_000;

export interface StandinClient {
  readonly id: string;
  readonly secret: string;
  /** The consent screen's publishing status: refresh tokens of apps in Testing expire after 7 days. */
  readonly publishing?: 'testing' | 'production';
  /** A Workspace administrator blocks this client (API controls): `admin_policy_enforced`. */
  readonly blockedByAdmin?: boolean;
  /** Authorized redirect URIs; absent: any. Another one gets Google's "Error 400: redirect_uri_mismatch" page. */
  readonly redirectUris?: readonly string[];
  /** With publishing `testing`: who may sign in; anyone else gets "Error 403: access_denied". Absent: anyone. */
  readonly testUsers?: readonly string[];
  /** User type Internal: only accounts of this domain; others get "Error 403: org_internal". */
  readonly internalDomain?: string;
}

export interface StandinRefreshToken {
  readonly token: string;
  readonly clientId: string;
  /** The Google account the grant belongs to (the login name the mail servers accept the tokens for). */
  readonly user: string;
  readonly scopes: readonly string[];
  /** `revoked`: the user removed the app's access; `expired`: unused for 6 months or the password changed. */
  readonly state?: 'active' | 'revoked' | 'expired';
  /** When the user authorised; with a Testing client, 7 days later the token is dead. Default: an hour ago. */
  readonly issuedAt?: Date;
  /** Replaces the answer for this token (5xx, a proxy's page, `invalid_scope`…). */
  readonly answer?: { readonly status: number; readonly contentType: string; readonly body: string };
}

export interface GoogleTokenStandinOptions {
  readonly certificate: IssuedCert;
  readonly clients: readonly StandinClient[];
  readonly refreshTokens: readonly StandinRefreshToken[];
  /** Seconds an access token lives (Google: 3599). */
  readonly expiresIn?: number;
  /** The clock, for the 7-day Testing expiry. */
  readonly now?: () => Date;
}

/** Who signs in at the authorization page (the test plays the browser and the person). */
export interface StandinConsent {
  readonly user: string;
  readonly scopes: readonly string[];
}

/** An authorization request as the stand-in received it (no secrets in it). */
export interface AuthorizeRecord {
  readonly clientId: string | null;
  readonly redirectUri: string | null;
  readonly scope: string | null;
  readonly accessType: string | null;
  readonly prompt: string | null;
  readonly codeChallengeMethod: string | null;
  readonly hasState: boolean;
  readonly loginHint: string | null;
}

export interface TokenRequestRecord {
  readonly clientId: string | null;
  readonly grantType: string | null;
  readonly hasSecret: boolean;
  readonly hasRefreshToken: boolean;
  readonly status: number;
}

export interface GoogleTokenStandin {
  /** `https://127.0.0.1:<port>/token`: what `endpoints.googleToken` is set to. */
  readonly url: string;
  readonly port: number;
  /** Every token request, in order (no secrets). */
  readonly requests: TokenRequestRecord[];
  /** Requests that are not what a Google client sends (wrong path, method, content type…). */
  readonly unexpected: string[];
  /** Access token → user, for Dovecot's introspection and smtp-server: only tokens with the mail scope. */
  readonly mailTokens: TokenTable;
  /** The same, as an object smtp-server's `tokens` option reads (token → login name). */
  readonly smtpTokens: Readonly<Record<string, string>>;
  /** Every access token issued so far (for canary assertions). */
  readonly issued: readonly string[];
  /** `https://127.0.0.1:<port>/o/oauth2/v2/auth`: Google's authorization endpoint, as `--login` derives it. */
  readonly authorizeUrl: string;
  /** Every authorization request (GET /o/oauth2/v2/auth), in order. */
  readonly authorizations: AuthorizeRecord[];
  /** Refresh tokens issued by code redemption (for canary assertions). */
  readonly issuedRefreshTokens: readonly string[];
  /** Who consents at the next authorization request; undefined: the person clicks Cancel (`access_denied`). */
  setConsent(consent: StandinConsent | undefined): void;
  clear(): void;
  stop(): Promise<void>;
}

interface Issued {
  readonly user: string;
  readonly scopes: readonly string[];
}

function json(status: number, body: unknown): { status: number; contentType: string; body: string } {
  // Google pretty-prints its token answers.
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body, null, 2) };
}

/** The text of Google's "Access blocked" page (what a person copies from it). */
function googlePage(error: string, explanation: string): string {
  return `Access blocked: Authorization Error\n${explanation}\n${error}`;
}

function oauthError(status: number, error: string, description?: string) {
  return json(status, description === undefined ? { error } : { error, error_description: description });
}

export async function startGoogleTokenStandin(options: GoogleTokenStandinOptions): Promise<GoogleTokenStandin> {
  const requests: TokenRequestRecord[] = [];
  const unexpected: string[] = [];
  const issued = new Map<string, Issued>();
  const now = options.now ?? (() => new Date());
  const refreshTokens: StandinRefreshToken[] = [...options.refreshTokens];
  const issuedRefreshTokens: string[] = [];
  const authorizations: AuthorizeRecord[] = [];
  let consent: StandinConsent | undefined;
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; offline: boolean; user: string; scopes: readonly string[] }>();

  /**
   * GET /o/oauth2/v2/auth: the person "signs in" as `consent` and the browser is redirected with a code
   * (https://developers.google.com/identity/protocols/oauth2/web-server#handlingresponse).
   */
  const authorize = (query: URLSearchParams): { status: number; location?: string; body: string } => {
    authorizations.push({
      clientId: query.get('client_id'),
      redirectUri: query.get('redirect_uri'),
      scope: query.get('scope'),
      accessType: query.get('access_type'),
      prompt: query.get('prompt'),
      codeChallengeMethod: query.get('code_challenge_method'),
      hasState: Boolean(query.get('state')),
      loginHint: query.get('login_hint'),
    });
    const client = options.clients.find((entry) => entry.id === query.get('client_id'));
    const redirectUri = query.get('redirect_uri');
    // Google shows its own error page (no redirect) for an unknown client: "Error 401: invalid_client".
    if (!client || !redirectUri) return { status: 400, body: googlePage('Error 401: invalid_client', 'The OAuth client was not found.') };
    // The other authorization errors Google shows on its page, not sent back to the redirect URI
    // (https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
    if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
      return {
        status: 400,
        body: googlePage(
          'Error 400: redirect_uri_mismatch',
          `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. If you're the app developer, register the redirect URI in the Google Cloud Console. Request details: redirect_uri=${redirectUri} flowName=GeneralOAuthFlow`,
        ),
      };
    }
    if (consent && client.internalDomain && !consent.user.endsWith(`@${client.internalDomain}`)) {
      return { status: 403, body: googlePage('Error 403: org_internal', 'This client is restricted to users within its organization.') };
    }
    if (consent && client.publishing === 'testing' && client.testUsers && !client.testUsers.includes(consent.user)) {
      return {
        status: 403,
        body: googlePage(
          'Error 403: access_denied',
          'CRM has not completed the Google verification process. The app is currently being tested, and can only be accessed by developer-approved testers.',
        ),
      };
    }
    if (consent && client.blockedByAdmin) {
      return {
        status: 400,
        body: googlePage('Error 400: admin_policy_enforced', `${consent.user} is not allowed to use this app by the administrator of its organization.`),
      };
    }
    const target = new URL(redirectUri);
    const state = query.get('state');
    if (state) target.searchParams.set('state', state);
    if (!consent) {
      target.searchParams.set('error', 'access_denied');
      return { status: 302, location: target.href, body: '' };
    }
    const code = `4/0${randomBytes(40).toString('base64url')}`;
    codes.set(code, {
      clientId: client.id,
      redirectUri,
      challenge: query.get('code_challenge') ?? '',
      offline: query.get('access_type') === 'offline',
      user: consent.user,
      scopes: consent.scopes,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('scope', consent.scopes.join(' '));
    return { status: 302, location: target.href, body: '' };
  };

  const issueAccess = (user: string, scopes: readonly string[]): string => {
    const accessToken = `ya29.${randomBytes(48).toString('base64url')}`;
    issued.set(accessToken, { user, scopes });
    return accessToken;
  };

  /** grant_type=authorization_code, with PKCE (RFC 7636 §4.6); a code is good once. */
  const redeem = (form: URLSearchParams, client: StandinClient) => {
    const code = form.get('code') ?? '';
    const grant = codes.get(code);
    if (!grant) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
    codes.delete(code);
    if (grant.clientId !== client.id) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (grant.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    const accessToken = issueAccess(grant.user, grant.scopes);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: options.expiresIn ?? 3599,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    };
    // Google returns a refresh token only for access_type=offline.
    if (grant.offline) {
      const refreshToken = `1//0${randomBytes(48).toString('base64url')}`;
      refreshTokens.push({ token: refreshToken, clientId: client.id, user: grant.user, scopes: grant.scopes, issuedAt: now() });
      issuedRefreshTokens.push(refreshToken);
      body.refresh_token = refreshToken;
    }
    return json(200, body);
  };

  const answer = (form: URLSearchParams) => {
    const grantType = form.get('grant_type');
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code')
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    const client = options.clients.find((entry) => entry.id === form.get('client_id'));
    if (!client) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.secret !== form.get('client_secret')) return oauthError(401, 'invalid_client', 'Unauthorized');
    if (grantType === 'authorization_code') return redeem(form, client);
    const refresh = refreshTokens.find((entry) => entry.token === form.get('refresh_token'));
    if (!refresh) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (refresh.clientId !== client.id) return oauthError(401, 'unauthorized_client', 'Unauthorized');
    if (client.blockedByAdmin) {
      return oauthError(
        400,
        'admin_policy_enforced',
        `${refresh.user.split('@')[1] ?? 'This domain'}'s Google Workspace administrator has restricted access to this app.`,
      );
    }
    if (refresh.answer) return refresh.answer;
    const issuedAt = refresh.issuedAt ?? new Date(now().getTime() - 3_600_000);
    const testingExpired = client.publishing === 'testing' && now().getTime() - issuedAt.getTime() > 7 * DAY;
    if (refresh.state === 'revoked' || refresh.state === 'expired' || testingExpired)
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    const accessToken = issueAccess(refresh.user, refresh.scopes);
    return json(200, { access_token: accessToken, expires_in: options.expiresIn ?? 3599, scope: refresh.scopes.join(' '), token_type: 'Bearer' });
  };

  const server = https.createServer({ key: options.certificate.key, cert: options.certificate.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 64 * 1024) chunks.push(chunk);
    });
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method === 'GET' && path === '/o/oauth2/v2/auth') {
        const reply = authorize(new URL(request.url ?? '/', 'https://127.0.0.1').searchParams);
        response.writeHead(reply.status, reply.location ? { location: reply.location } : { 'content-type': 'text/plain; charset=utf-8' }).end(reply.body);
        return;
      }
      const type = request.headers['content-type'] ?? '';
      if (request.method !== 'POST' || path !== '/token' || !/^application\/x-www-form-urlencoded\b/.test(type)) {
        unexpected.push(`${request.method ?? '?'} ${request.url ?? '?'} (${type})`);
        const reply = json(404, { error: 'not_found' });
        response.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const reply = answer(form);
      requests.push({
        clientId: form.get('client_id'),
        grantType: form.get('grant_type'),
        hasSecret: Boolean(form.get('client_secret')),
        hasRefreshToken: Boolean(form.get('refresh_token')),
        status: reply.status,
      });
      response
        .writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' })
        .end(reply.body);
    });
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the token stand-in did not bind a TCP port');
  const { port } = address;

  const mailUser = (token: string): string | undefined => {
    const found = issued.get(token);
    return found && found.scopes.includes(GMAIL_SCOPE) ? found.user : undefined;
  };
  const smtpTokens = new Proxy<Record<string, string>>(
    {},
    {
      get: (_target, name) => (typeof name === 'string' ? mailUser(name) : undefined),
      has: (_target, name) => typeof name === 'string' && mailUser(name) !== undefined,
    },
  );

  return {
    url: `https://127.0.0.1:${port}/token`,
    port,
    requests,
    unexpected,
    mailTokens: (token: string) => mailUser(token),
    smtpTokens,
    get issued() {
      return [...issued.keys()];
    },
    authorizeUrl: `https://127.0.0.1:${port}/o/oauth2/v2/auth`,
    authorizations,
    issuedRefreshTokens,
    setConsent(value) {
      consent = value;
    },
    clear() {
      requests.length = 0;
      unexpected.length = 0;
      authorizations.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
