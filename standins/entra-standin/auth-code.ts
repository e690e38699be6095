/**
 * The authorization code flow as both interactive sign-ins use it: the confidential one (`--login`,
 * delegated.ts) and the public client with PKCE (`--admin`, admin-signin.ts). Shared here: Entra's JSON
 * error answer and its error page, redirect URI matching, the scope split, issuing a code at the
 * authorization endpoint, redeeming it at the token endpoint, and the token answer. Per
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow: a 302 to the redirect
 * URI with `code`, `state`, `session_state` (or `error`, `error_description`); codes redeem once, with the
 * redirect URI they were issued for, and the PKCE verifier (S256 or plain) when a challenge was sent.
 * Client authentication, users, consent and token claims stay in the two modules: there they differ.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntraStandin, RouteAnswer, RouteContext } from './index.js';
import { AADSTS, errorBody, type EntraError } from './errors.js';
import type { Application, Tenant } from './directory.js';
import { userTokens } from './tokens.js';

/** An authorization code as issued. */
export interface IssuedCode {
  readonly code: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  readonly nonce?: string;
  issuedAt: number;
  redeemed: boolean;
}

const TOKEN_LIFETIME = 3599;
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export function json(status: number, body: unknown): RouteAnswer {
  return { status, json: body, headers: { 'cache-control': 'no-store, no-cache' } };
}

/** Entra's JSON error (RFC 6749 §5.2 `error` plus the AADSTS fields), with extras such as `suberror`. */
export function entraError(context: RouteContext, failure: EntraError, extra: Record<string, unknown> = {}): RouteAnswer {
  return json(failure.status, { ...errorBody(failure, context.correlationId, context.origin), ...extra });
}

/** AADSTS65001: the client may retry interactively, so Entra adds `suberror: consent_required`. */
export function consentRequired(context: RouteContext, application: Application): RouteAnswer {
  return entraError(context, AADSTS.consentMissing(application.appId, application.displayName), { suberror: 'consent_required' });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Microsoft's own error page (the browser is not sent back): the AADSTS line, then the IDs for support. */
export function errorPage(context: RouteContext, failure: EntraError): RouteAnswer {
  const body = errorBody(failure, context.correlationId, context.origin);
  const description = String(body.error_description);
  const headline = description.split(' Trace ID:')[0] ?? description;
  const html = [
    '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>',
    `<div id="error"><h1>Sorry, but we’re having trouble signing you in.</h1><p id="message">${escapeHtml(headline)}</p>`,
    `<p>Trace ID: ${escapeHtml(String(body.trace_id))}</p><p>Correlation ID: ${escapeHtml(String(body.correlation_id))}</p><p>Timestamp: ${escapeHtml(String(body.timestamp))}</p></div>`,
    '</body></html>',
  ].join('');
  return { status: 400, text: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Entra's comparison: exact, except that a loopback URI's port is ignored (reply-url, "Localhost exceptions"). */
export function redirectMatches(registered: string, requested: string, loopbackHosts: ReadonlySet<string> = LOOPBACK_HOSTS): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  if (loopbackHosts.has(a.hostname) && a.hostname === b.hostname) {
    return a.protocol === b.protocol && a.pathname === b.pathname && a.search === b.search;
  }
  return a.href === b.href;
}

/** Scopes split into the OIDC ones and the resource ones (`{resource}/{name}`; bare names are Graph's). */
export function splitScopes(scopes: readonly string[]): { oidc: string[]; resource: { resource: string; name: string }[] } {
  const oidc: string[] = [];
  const resource: { resource: string; name: string }[] = [];
  for (const item of scopes) {
    if (OIDC_SCOPES.has(item)) {
      oidc.push(item);
      continue;
    }
    const slash = item.lastIndexOf('/');
    if (slash > 'https://'.length) resource.push({ resource: item.slice(0, slash), name: item.slice(slash + 1) });
    else resource.push({ resource: 'https://graph.microsoft.com', name: item });
  }
  return { oidc, resource };
}

/** A scope parameter as a list; a grant without one keeps the scopes it was issued for. */
export function scopesOf(scope: string | null, fallback: readonly string[] = []): string[] {
  return (scope ?? fallback.join(' ')).split(' ').filter(Boolean);
}

/** An opaque code or refresh token, shaped like Entra's (`1.A…`). */
function opaqueToken(bytes: number): string {
  return `1.A${randomBytes(bytes).toString('base64url')}`;
}

export type SendBack = (params: Record<string, string>) => RouteAnswer;

/** The 302 to the redirect URI with these parameters and the request's `state`. */
export function sendBack(context: RouteContext, redirectUri: string): SendBack {
  return (params) => {
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    const state = context.url.searchParams.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.href, 'cache-control': 'no-store' }, text: '' };
  };
}

/**
 * The rest of the authorization endpoint once the client and redirect URI are accepted: the sign-in page
 * (the test signs in with `standin_user`), the person pressing Cancel (AADSTS65004, sent back), or a code.
 */
export function signInWithCode(
  context: RouteContext,
  request: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly redirectUri: string;
    /** The user signing in, or Microsoft's page when they cannot. */
    readonly signIn: (upn: string) => { readonly id: string } | RouteAnswer;
    readonly codes: IssuedCode[];
    readonly secrets: string[];
  },
): RouteAnswer {
  const query = context.url.searchParams;
  const back = sendBack(context, request.redirectUri);
  const upn = query.get('standin_user');
  if (!upn) {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      text: '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><p>Entra stand-in: add standin_user=&lt;upn&gt; to this address to sign in.</p></body></html>',
    };
  }
  const user = request.signIn(upn);
  if ('status' in user) return user;
  if (query.get('standin_action') === 'cancel') {
    return back({ error: 'access_denied', error_subcode: 'cancel', error_description: 'AADSTS65004: User declined to consent to access the app.' });
  }
  const challenge = query.get('code_challenge');
  const method = query.get('code_challenge_method');
  const nonce = query.get('nonce');
  const code = opaqueToken(72);
  request.codes.push({
    code,
    tenantId: request.tenantId,
    clientId: request.clientId,
    userId: user.id,
    redirectUri: request.redirectUri,
    scopes: scopesOf(query.get('scope')),
    ...(challenge ? { codeChallenge: challenge } : {}),
    ...(method ? { codeChallengeMethod: method } : {}),
    ...(nonce ? { nonce } : {}),
    issuedAt: Date.now(),
    redeemed: false,
  });
  request.secrets.push(code);
  return back({ code, session_state: randomUUID() });
}

/** The `authorization_code` grant's checks of the code itself: the code, or Entra's error for it. */
export function redeemCode(
  context: RouteContext,
  tenant: Tenant,
  request: {
    readonly clientId: string;
    readonly redirectUri: string;
    readonly codes: readonly IssuedCode[];
    readonly lifetimeMs: number;
    /** AADSTS70008 as each flow words it. */
    readonly expired: () => EntraError;
  },
): IssuedCode | RouteAnswer {
  const issued = request.codes.find((candidate) => candidate.code === context.form.get('code'));
  if (!issued || issued.tenantId !== tenant.id || issued.clientId !== request.clientId) return entraError(context, AADSTS.codeInvalid());
  if (issued.redeemed) return entraError(context, AADSTS.codeRedeemed());
  if (Date.now() - issued.issuedAt > request.lifetimeMs) return entraError(context, request.expired());
  // Single use: any attempt past this point spends the code, also one that fails below (a live callback
  // that redeems it without our PKCE verifier leaves the tool with AADSTS54005).
  issued.redeemed = true;
  if (issued.redirectUri !== request.redirectUri) return entraError(context, AADSTS.redirectNotTheCodes());
  if (issued.codeChallenge) {
    const verifier = context.form.get('code_verifier') ?? '';
    const computed = issued.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (computed !== issued.codeChallenge) return entraError(context, AADSTS.pkceMismatch());
  }
  return issued;
}

/**
 * Signs a delegated sign-in's access token and id_token (and a refresh token when `offline_access` is
 * asked), records the access token for introspection and Graph, adds all to `secrets`, and answers.
 */
export function userTokenAnswer(
  standin: EntraStandin,
  context: RouteContext,
  secrets: string[],
  issue: {
    readonly tenant: Tenant;
    readonly application: Application;
    readonly user: { readonly id: string; readonly userPrincipalName: string; readonly displayName?: string };
    readonly grantType: string;
    readonly audience: string;
    readonly scp: string;
    /** The `scope` answered: the resource's scopes in full, then the OIDC ones but `offline_access`. */
    readonly granted: readonly string[];
    readonly oidc: readonly string[];
    readonly confidential: boolean;
    readonly amr: readonly string[];
    readonly nonce?: string;
  },
): { readonly accessToken: string; readonly refreshToken?: string; readonly answer: RouteAnswer } {
  const { tenant, application, user } = issue;
  const { accessToken, idToken } = userTokens({
    tenantId: tenant.id,
    application,
    user,
    audience: issue.audience,
    scp: issue.scp,
    confidential: issue.confidential,
    amr: issue.amr,
    origin: context.origin,
    ...(issue.nonce ? { nonce: issue.nonce } : {}),
    lifetimeSeconds: TOKEN_LIFETIME,
    clockSkewSeconds: standin.clockSkewSeconds,
  });
  standin.tokens.add({
    token: accessToken,
    grantType: issue.grantType,
    tenantId: tenant.id,
    appId: application.appId,
    oid: user.id,
    audience: issue.audience,
    roles: [],
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME * 1000),
  });
  secrets.push(accessToken, idToken);
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...issue.granted, ...issue.oidc.filter((scope) => scope !== 'offline_access')].join(' '),
    expires_in: TOKEN_LIFETIME,
    ext_expires_in: TOKEN_LIFETIME,
    access_token: accessToken,
    id_token: idToken,
    client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString('base64url'),
  };
  if (!issue.oidc.includes('offline_access')) return { accessToken, answer: json(200, body) };
  const refreshToken = opaqueToken(96);
  secrets.push(refreshToken);
  return { accessToken, refreshToken, answer: json(200, { ...body, refresh_token: refreshToken }) };
}
