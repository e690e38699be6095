/**
 * `--login` for Gmail OAuth (issue 6): the same authorization-code flow as Office 365
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
 * 4. the refresh token obtained replaces the configured one for this run (or is the only one, when the file
 *    has none yet): gmail.credentials proves it with a refresh, and the mail logins use the access token
 *    that refresh gives (checks/shared/google-token-provider.ts).
 * The refresh token lives in memory only, as a `Secret`: it is never written anywhere and never printed —
 * except once, on the person's terminal, when they ask for it with `--show-refresh-token` (to put it where
 * `auth.refreshToken` points); every other output keeps masking it. Failures are kept per account
 * (google-result.ts) for gmail.credentials to diagnose.
 */
import type { Account } from '../config/types.js';
import { msg, type Translator } from '../i18n/index.js';
import { scrub, scrubAndClip } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';
import type { SignIn } from '../core/sign-in.js';
import type { DnsResolver } from '../core/services.js';
import { createPkce, createState, readPasted, readRedirectUrl, type RedirectReading } from './authorization-code.js';
import { askForRedirect, type SignInInteraction, SignInCancelled, SIGN_IN_STEPS, loopbackTarget } from './delegated.js';
import type { GoogleSignIn, GoogleSignInVia } from './google-result.js';
import { GMAIL_SCOPE } from '../providers/google.js';
import { redeemGoogleCode, type GoogleTokenResponse } from '../identity/google-token.js';
import { fileRefreshToken, googleTokenCode, hasGoogleClient, type GoogleClientAccount } from '../identity/google-account.js';
import { LoopbackListenError, startLoopbackReceiver } from './loopback-receiver.js';

/** Google's authorization endpoint (https://developers.google.com/identity/protocols/oauth2/web-server#httprest_1). */
export const GOOGLE_AUTH_ENDPOINT = 'https://accounts.google.com/o/oauth2/v2/auth';
const GOOGLE_TOKEN_ORIGIN = 'https://oauth2.googleapis.com';

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

export type { GoogleSignIn } from './google-result.js';

/** Gmail OAuth accounts (Google Cloud OAuth client) that `--login` signs in. */
export function isGoogleLoginAccount(account: Account): account is GoogleClientAccount {
  return hasGoogleClient(account);
}

/** What a run's Google sign-ins are made with. */
export interface GoogleSignInSettings {
  /** The user's language, for the text put in place of a reference the file does not have yet. */
  readonly t: Translator;
  readonly interaction: SignInInteraction;
  readonly stepTimeoutMs: number;
  /** The run's signal (Ctrl-C / SIGTERM). */
  readonly signal: AbortSignal;
  readonly dns: DnsResolver;
  readonly extraCa: readonly string[];
  /** `--show-refresh-token`: show the refresh token obtained once, on the terminal. */
  readonly showRefreshToken?: boolean;
}

/**
 * `--login` from the CLI, for Gmail OAuth accounts: each signs in before the checks start, one after the
 * other (like `DelegatedSignIns`); gmail.credentials and the token provider read the result.
 */
export class GoogleSignIns implements SignIn<GoogleSignIn> {
  readonly #results = new Map<Account, GoogleSignIn>();

  constructor(readonly settings: GoogleSignInSettings) {}

  /** `accounts`: the Gmail OAuth accounts that can sign in (`isGoogleLoginAccount`). */
  async prepare(accounts: readonly Account[]): Promise<void> {
    const { interaction, t } = this.settings;
    if (accounts.length === 0) {
      // The option only ever shows a Google refresh token: say so rather than stay silent.
      if (this.settings.showRefreshToken) interaction.say(msg('gmail.login.showTokenNoGmail'));
      return;
    }
    if (!interaction.canPrompt()) {
      interaction.say(msg('gmail.login.noTerminal'));
      for (const account of accounts) this.#results.set(account, { kind: 'no-terminal' });
      return;
    }
    for (const account of accounts) {
      if (this.settings.signal.aborted) break;
      if (!isGoogleLoginAccount(account)) continue;
      let result = await signIn(account, interaction, this.settings);
      if (result.kind === 'signed-in') {
        const reference = account.auth.refreshToken?.reference ?? t.t('gmail.login.noReferenceYet');
        const shown =
          this.settings.showRefreshToken === true &&
          interaction.reveal(msg('gmail.login.refreshTokenShown', { account: account.name, mailbox: account.mailbox, reference }), result.refreshToken);
        result = { ...result, shown };
        interaction.say(msg(shown ? 'gmail.login.signedInShown' : 'gmail.login.signedIn', { mailbox: account.mailbox }));
      } else if (result.kind === 'failed') {
        interaction.say(msg(fileRefreshToken(account) ? 'gmail.login.failedFileToken' : 'gmail.login.failed', { account: account.name, code: result.code }));
      }
      this.#results.set(account, result);
    }
  }

  result(account: Account): Promise<GoogleSignIn> | undefined {
    const result = this.#results.get(account);
    return result ? Promise.resolve(result) : undefined;
  }
}

async function signIn(account: GoogleClientAccount, interaction: SignInInteraction, preparation: GoogleSignInSettings): Promise<GoogleSignIn> {
  const redirectUri = account.auth.redirectUri ?? 'http://127.0.0.1/';
  const seconds = Math.round((preparation.stepTimeoutMs * SIGN_IN_STEPS) / 1000);
  const signal = AbortSignal.any([preparation.signal, AbortSignal.timeout(seconds * 1000)]);
  const minutes = Math.max(1, Math.round(seconds / 60));
  interaction.say(msg('gmail.login.intro', { account: account.name, mailbox: account.mailbox, clientId: account.auth.clientId }));
  const pkce = createPkce();
  const state = createState();
  const authorize = (uri: string) =>
    googleAuthorizationUrl({
      endpoint: googleAuthEndpoint(account),
      clientId: account.auth.clientId,
      redirectUri: uri,
      state,
      codeChallenge: pkce.challenge,
      loginHint: account.auth.username ?? account.mailbox,
    });
  let reading: GoogleReading;
  let used = redirectUri;
  let via: GoogleSignInVia = 'paste';
  const failed = (code: string, detail?: string, response?: GoogleTokenResponse): GoogleSignIn => ({
    kind: 'failed',
    code,
    via,
    redirectUri: used,
    ...(detail ? { detail } : {}),
    ...(response ? { response } : {}),
  });
  const stopped = (error: unknown): GoogleSignIn => {
    if (error instanceof SignInCancelled || preparation.signal.aborted) return failed('LOGIN_CANCELLED');
    if (signal.aborted) return failed('LOGIN_TIMEOUT', `${seconds} s`);
    throw error;
  };
  const loopback = loopbackTarget(redirectUri);
  if (loopback) {
    via = 'loopback';
    let receiver;
    try {
      receiver = await startLoopbackReceiver({ port: loopback.port, path: loopback.path });
    } catch (error) {
      if (error instanceof LoopbackListenError) return failed('LOOPBACK_PORT_UNAVAILABLE', `127.0.0.1:${loopback.port}`);
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
      reading = withoutAadstsPage(readRedirectUrl(new URL(received.reveal()), state));
    } finally {
      await receiver.close();
    }
  } else {
    interaction.showUrl(msg('gmail.login.openUrl', { minutes }), authorize(redirectUri));
    interaction.say(msg('gmail.login.pasteHint', { redirectUri }));
    try {
      reading = await askForRedirect(
        interaction,
        signal,
        msg('gmail.login.pastePrompt'),
        (pasted) => readGooglePaste(pasted, state),
        () => msg('gmail.login.pasteAgain', { redirectUri }),
      );
    } catch (error) {
      return stopped(error);
    }
  }
  switch (reading.kind) {
    case 'code':
      break;
    case 'error':
      // https://developers.google.com/identity/protocols/oauth2/web-server#handlingresponse: ?error=access_denied
      // is the person refusing on the consent screen; other errors sent back are Google's authorization errors.
      if (reading.error === 'access_denied') return failed('LOGIN_CANCELLED', reading.error);
      return failed(authorizationErrorCode(reading.error), reading.description ? `${reading.error} "${reading.description}"` : reading.error);
    case 'page-error':
      return failed(authorizationErrorCode(reading.error, true), reading.text);
    case 'state-mismatch':
      return failed('LOGIN_STATE_MISMATCH');
    default:
      return failed('LOGIN_NO_CODE');
  }
  const redeemed = await redeem(account, reading.code, pkce.verifier, used, preparation);
  return redeemed.kind === 'failed'
    ? failed(redeemed.code, redeemed.detail, redeemed.response)
    : { kind: 'signed-in', refreshToken: redeemed.refreshToken, via, redirectUri: used };
}

/**
 * Google's authorization errors (https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors)
 * as our codes. Most are shown on Google's own page ("Error 400: redirect_uri_mismatch") instead of being
 * sent back; `access_denied` on that page (not sent back) is an app in "Testing" refusing a person who is
 * not one of its test users (or an unverified app blocked).
 */
function authorizationErrorCode(error: string, onGooglePage = false): string {
  switch (error) {
    case 'redirect_uri_mismatch':
      return 'GOOGLE_REDIRECT_URI_MISMATCH';
    case 'admin_policy_enforced':
      return 'GOOGLE_ADMIN_POLICY_ENFORCED';
    case 'org_internal':
      return 'GOOGLE_ORG_INTERNAL';
    case 'invalid_client':
      return 'GOOGLE_CLIENT_NOT_FOUND';
    case 'deleted_client':
      return 'GOOGLE_CLIENT_DELETED';
    case 'access_denied':
      return onGooglePage ? 'GOOGLE_ACCESS_BLOCKED' : 'LOGIN_CANCELLED';
    case 'invalid_scope':
      return 'GOOGLE_INVALID_SCOPE';
    default:
      return 'GOOGLE_SIGN_IN_ERROR';
  }
}

/** The redirected address read, or Google's error page (Microsoft's AADSTS page reading does not apply). */
type GoogleReading = Exclude<RedirectReading, { kind: 'page-error' }> | { readonly kind: 'page-error'; readonly error: string; readonly text: string };

/**
 * What was pasted: the redirected address (authorization-code.ts), or the text of Google's error page —
 * "Error 400: redirect_uri_mismatch" — when the browser was not sent back (the person copies what the
 * page says). The page text carries no code: it is kept, scrubbed and shortened, as the evidence.
 */
function readGooglePaste(text: string, state: string): GoogleReading {
  const trimmed = text.trim();
  const page = /\bError\s+\d{3}\s*:\s*([a-z_]+)/i.exec(trimmed);
  if (page && !/[?&#]code=/.test(trimmed)) {
    // The "Error 400: name" line first: the page's explanation around it may be long.
    // Scrubbed before whitespace is folded and the text cut: either would keep a secret from matching.
    const rest = scrub(trimmed.replace(page[0], ' ')).replace(/\s+/g, ' ').trim();
    return { kind: 'page-error', error: page[1]!.toLowerCase(), text: scrubAndClip(`${page[0].replace(/\s+/g, ' ')} — ${rest}`, 300) };
  }
  return withoutAadstsPage(readPasted(text, state));
}

/** Microsoft's page errors do not apply to Google: such text is just not the address after sign-in. */
function withoutAadstsPage(reading: RedirectReading): GoogleReading {
  return reading.kind === 'page-error' ? { kind: 'no-code' } : reading;
}

type Redemption =
  | { readonly kind: 'signed-in'; readonly refreshToken: Secret }
  | { readonly kind: 'failed'; readonly code: string; readonly detail: string; readonly response: GoogleTokenResponse };

/**
 * Why the code was not redeemed, as our code. The client is authenticated first (invalid_client: the same
 * codes as a refresh), then the redirect URI and the code itself — `invalid_grant` here is a code expired,
 * already redeemed (by the service behind a live redirect URI, for one) or not issued for this PKCE
 * verifier (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
 */
export function redemptionCode(response: GoogleTokenResponse): string {
  if (response.kind === 'token') return 'GOOGLE_NO_REFRESH_TOKEN';
  if (response.kind === 'oauth-error' && response.error === 'redirect_uri_mismatch') return 'GOOGLE_REDIRECT_URI_MISMATCH';
  if (response.kind === 'oauth-error' && response.error === 'invalid_grant') return 'GOOGLE_CODE_REJECTED';
  return googleTokenCode(response) ?? 'GOOGLE_CODE_REDEMPTION_FAILED';
}

/** The code → tokens at `endpoints.googleToken`; only the refresh token is kept (a refresh proves it). */
async function redeem(
  account: GoogleClientAccount,
  code: Secret,
  verifier: Secret,
  redirectUri: string,
  preparation: GoogleSignInSettings,
): Promise<Redemption> {
  const { clientId, clientSecret } = account.auth;
  const response = await redeemGoogleCode({
    endpoint: account.endpoints.googleToken,
    clientId,
    clientSecret,
    code,
    verifier,
    redirectUri,
    timeoutMs: preparation.stepTimeoutMs,
    signal: preparation.signal,
    extraCa: preparation.extraCa,
    resolver: preparation.dns,
  });
  // A 200 without refresh_token: the grant was not offline (Google issues one only with access_type=offline and new consent).
  if (response.kind === 'token' && response.refreshToken) return { kind: 'signed-in', refreshToken: response.refreshToken };
  const detail =
    response.kind === 'oauth-error'
      ? `${response.error}${response.description ? ` "${response.description}"` : ''}`
      : response.kind === 'network'
        ? response.code
        : `HTTP ${response.httpStatus}`;
  return { kind: 'failed', code: redemptionCode(response), detail, response };
}
