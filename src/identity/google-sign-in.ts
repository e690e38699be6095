/**
 * `--login` for Gmail OAuth (SPEC "Sign-ins"; issue 6): the same authorization-code flow as Office 365
 * (delegated.ts) with Google's endpoints, to obtain and prove a refresh token on site:
 * 1. the authorization URL (this Google Cloud OAuth client, the configured redirect URI, the scope
 *    https://mail.google.com/, `access_type=offline&prompt=consent` so that Google issues a refresh token,
 *    `state`, PKCE) is printed on stderr; the person signs in in any browser
 *    (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient);
 * 2. the address the browser was sent to is pasted back at a masked prompt — or, for a loopback redirect
 *    URI (Desktop app clients, https://developers.google.com/identity/protocols/oauth2/native-app#redirect-uri_loopback),
 *    the tool's own listener on 127.0.0.1 receives it;
 * 3. the code is redeemed at `endpoints.googleToken` (`grant_type=authorization_code`, with the secret and
 *    the PKCE verifier, https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code);
 * 4. the refresh token obtained replaces the configured one for this run: gmail.credentials proves it with
 *    a refresh, and the mail logins use the access token that refresh gives (google-token-provider.ts).
 * The refresh token lives in memory only, as a `Secret`: it is never written anywhere and never printed.
 */
import type { Account, PreflightConfig } from '../config/types.js';
import { msg } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';
import { createPkce, createState, readPasted, readRedirectUrl, type RedirectReading } from './authorization-code.js';
import { type SignInInteraction, SignInCancelled, SIGN_IN_STEPS, TOKEN_CONSUMERS, loopbackTarget, type SignInPreparation } from './delegated.js';
import { rememberGoogleLoginRefreshToken } from './google-login-store.js';
import { GMAIL_SCOPE } from './google-token.js';
import { fetchJson, isHttpError } from './http.js';
import { LoopbackListenError, startLoopbackReceiver } from './loopback-receiver.js';

/** Google's authorization endpoint (https://developers.google.com/identity/protocols/oauth2/web-server#httprest_1). */
export const GOOGLE_AUTH_ENDPOINT = 'https://accounts.google.com/o/oauth2/v2/auth';
const GOOGLE_TOKEN_ORIGIN = 'https://oauth2.googleapis.com';
const PASTE_ATTEMPTS = 3;

/**
 * The authorization endpoint for the account: Google's, or — when `endpoints.googleToken` points at another
 * origin (a stand-in) — the same path on that origin, so a test never reaches accounts.google.com.
 */
export function googleAuthEndpoint(account: Account): string {
  const origin = new URL(account.endpoints.googleToken).origin;
  return origin === GOOGLE_TOKEN_ORIGIN ? GOOGLE_AUTH_ENDPOINT : `${origin}/o/oauth2/v2/auth`;
}

export interface GoogleAuthorizationRequest {
  readonly endpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  /** The account to sign in as (`login_hint`). */
  readonly loginHint?: string;
}

/** The authorization URL: offline access with consent, so that Google issues a refresh token every time. */
export function googleAuthorizationUrl(request: GoogleAuthorizationRequest): string {
  const url = new URL(request.endpoint);
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', GMAIL_SCOPE);
  url.searchParams.set('access_type', 'offline');
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.loginHint) url.searchParams.set('login_hint', request.loginHint);
  return url.href;
}

/** How a Google sign-in ended. */
export type GoogleSignIn =
  | { readonly kind: 'signed-in'; readonly refreshToken: Secret; readonly via: 'paste' | 'loopback' }
  | { readonly kind: 'failed'; readonly code: string; readonly detail?: string };

/** Gmail OAuth accounts (Google Cloud OAuth client) that `--login` signs in. */
export function isGoogleLoginAccount(account: Account): boolean {
  return account.provider === 'gmail' && account.auth.method === 'oauth2' && Boolean(account.auth.clientId) && Boolean(account.auth.clientSecret && !account.auth.clientSecret.isEmpty);
}

/**
 * `--login` from the CLI, for Gmail OAuth accounts: each signs in now, one after the other, before the
 * checks start (like `prepareDelegatedSignIns`). Nothing happens when no selected check would use the token.
 */
export async function prepareGoogleSignIns(config: PreflightConfig, checkIds: readonly string[], preparation: SignInPreparation): Promise<GoogleSignIn[]> {
  const results: GoogleSignIn[] = [];
  if (!checkIds.some((id) => TOKEN_CONSUMERS.includes(id) || id === 'gmail.credentials')) return results;
  const accounts = config.accounts.filter(isGoogleLoginAccount);
  if (accounts.length === 0) return results;
  const interaction = preparation.interaction ?? (await import('./sign-in-terminal.js')).createTerminalSignIn(preparation.t);
  if (!interaction.canPrompt()) {
    interaction.say(msg('gmail.login.noTerminal'));
    return results;
  }
  for (const account of accounts) {
    if (preparation.signal.aborted) break;
    const result = await signIn(account, interaction, preparation);
    if (result.kind === 'signed-in') {
      rememberGoogleLoginRefreshToken(account, result.refreshToken);
      interaction.say(msg('gmail.login.signedIn', { mailbox: account.mailbox }));
    } else {
      interaction.say(msg('gmail.login.failed', { account: account.name, code: result.code, detail: result.detail ?? '' }));
    }
    results.push(result);
  }
  return results;
}

async function signIn(account: Account, interaction: SignInInteraction, preparation: SignInPreparation): Promise<GoogleSignIn> {
  const redirectUri = account.auth.redirectUri ?? 'http://127.0.0.1/';
  const seconds = Math.round((preparation.stepTimeoutMs * SIGN_IN_STEPS) / 1000);
  const signal = AbortSignal.any([preparation.signal, AbortSignal.timeout(seconds * 1000)]);
  const minutes = Math.max(1, Math.round(seconds / 60));
  interaction.say(msg('gmail.login.intro', { account: account.name, mailbox: account.mailbox, clientId: account.auth.clientId ?? '' }));
  const pkce = createPkce();
  const state = createState();
  const authorize = (uri: string) =>
    googleAuthorizationUrl({ endpoint: googleAuthEndpoint(account), clientId: account.auth.clientId ?? '', redirectUri: uri, state, codeChallenge: pkce.challenge, loginHint: account.auth.username ?? account.mailbox });
  const stopped = (error: unknown): GoogleSignIn => {
    if (error instanceof SignInCancelled || preparation.signal.aborted) return { kind: 'failed', code: 'LOGIN_CANCELLED' };
    if (signal.aborted) return { kind: 'failed', code: 'LOGIN_TIMEOUT' };
    throw error;
  };

  let reading: RedirectReading = { kind: 'empty' };
  let used = redirectUri;
  let via: 'paste' | 'loopback' = 'paste';
  const loopback = loopbackTarget(redirectUri);
  if (loopback) {
    via = 'loopback';
    let receiver;
    try {
      receiver = await startLoopbackReceiver({ port: loopback.port, path: loopback.path });
    } catch (error) {
      if (error instanceof LoopbackListenError) return { kind: 'failed', code: 'LOOPBACK_PORT_UNAVAILABLE' };
      throw error;
    }
    try {
      // Google matches any port of a loopback redirect URI for Desktop app clients.
      used = `http://${loopback.host}:${receiver.port}${loopback.path}`;
      interaction.showUrl(msg('gmail.login.openUrl', { minutes }), authorize(used));
      interaction.say(msg('gmail.login.waitingLoopback', { port: receiver.port }));
      let received: Secret;
      try {
        received = await receiver.next(signal);
      } catch (error) {
        return stopped(error);
      }
      reading = readRedirectUrl(new URL(received.reveal()), state);
    } finally {
      await receiver.close();
    }
  } else {
    interaction.showUrl(msg('gmail.login.openUrl', { minutes }), authorize(redirectUri));
    interaction.say(msg('gmail.login.pasteHint', { redirectUri }));
    for (let round = 0; round < PASTE_ATTEMPTS; round++) {
      let pasted: string;
      try {
        pasted = await interaction.askSecret(msg('gmail.login.pastePrompt'), signal);
      } catch (error) {
        return stopped(error);
      }
      reading = readPasted(pasted, state);
      if (reading.kind === 'code' || reading.kind === 'error') break;
      if (round + 1 < PASTE_ATTEMPTS) interaction.say(msg('gmail.login.pasteAgain', { redirectUri }));
    }
  }
  switch (reading.kind) {
    case 'code':
      break;
    case 'error':
      // https://developers.google.com/identity/protocols/oauth2/web-server#handlingresponse: ?error=access_denied
      return { kind: 'failed', code: reading.error === 'access_denied' ? 'LOGIN_CANCELLED' : 'GOOGLE_SIGN_IN_ERROR', detail: reading.error };
    case 'state-mismatch':
      return { kind: 'failed', code: 'LOGIN_STATE_MISMATCH' };
    default:
      return { kind: 'failed', code: 'LOGIN_NO_CODE' };
  }
  const redeemed = await redeem(account, reading.code, pkce.verifier, used, preparation);
  return redeemed.kind === 'signed-in' ? { ...redeemed, via } : redeemed;
}

function stringField(value: unknown, name: string): string | undefined {
  const found = value !== null && typeof value === 'object' ? Reflect.get(value, name) : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** The code → tokens at `endpoints.googleToken`; only the refresh token is kept (a refresh proves it). */
async function redeem(account: Account, code: Secret, verifier: Secret, redirectUri: string, preparation: SignInPreparation): Promise<GoogleSignIn> {
  const { clientId, clientSecret } = account.auth;
  if (!clientId || !clientSecret) throw new Error('redeem called for an account without clientId and clientSecret');
  const endpoint = account.endpoints.googleToken;
  const body = new URLSearchParams({
    client_id: clientId,
    client_secret: clientSecret.reveal(),
    code: code.reveal(),
    code_verifier: verifier.reveal(),
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
  });
  let response;
  try {
    response = await fetchJson(
      endpoint,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), maxBytes: 64 * 1024, traceLabel: `${endpoint} grant_type=authorization_code client_id=${clientId}` },
      { timeoutMs: preparation.stepTimeoutMs, signal: preparation.signal, extraCa: preparation.extraCa, resolver: preparation.dns },
    );
  } catch (error) {
    if (!isHttpError(error)) throw error;
    return { kind: 'failed', code: error.code };
  }
  // Registered with the redactor before anything could show them.
  const access = stringField(response.json, 'access_token');
  if (access) new Secret(access, 'runtime');
  const refresh = stringField(response.json, 'refresh_token');
  const refreshToken = refresh ? new Secret(refresh, 'runtime') : undefined;
  if (response.status >= 200 && response.status < 300 && refreshToken) return { kind: 'signed-in', refreshToken, via: 'paste' };
  const error = stringField(response.json, 'error');
  if (error) return { kind: 'failed', code: 'GOOGLE_CODE_REDEMPTION_FAILED', detail: scrub(`${error}${stringField(response.json, 'error_description') ? ` "${stringField(response.json, 'error_description')}"` : ''}`) };
  // A 200 without refresh_token: the grant was not offline (Google issues one only with access_type=offline and new consent).
  return { kind: 'failed', code: response.status < 300 ? 'GOOGLE_NO_REFRESH_TOKEN' : 'GOOGLE_TOKEN_UNEXPECTED_REPLY', detail: `HTTP ${response.status}` };
}
