/**
 * The delegated flow end to end with `--login`: the only proof of a delegated set-up is
 * a real user signing in. Once per account (the memo), and one account at a time (a person answers one
 * prompt at a time):
 * 1. the authorization URL (this client, the configured redirect URI, the Outlook scopes, `state`, PKCE)
 *    is printed on stderr; the person signs in in any browser;
 * 2. the address the browser was sent to is pasted back at a masked prompt (it carries the code) — or,
 *    for a loopback redirect URI, the tool's own listener on 127.0.0.1 receives it;
 * 3. the code is redeemed with the secret (authorization-code.ts), the refresh token tried once;
 * 4. the mail checks log in with XOAUTH2 as `user=<mailbox>` with this token (`delegatedTokenProvider`,
 *    on the checks side).
 * When the registered redirect URI is a live callback that redeems the code first (AADSTS54005), the
 * loopback alternative is offered: a temporary `http://localhost:<port>/` Web redirect URI, and the tool
 * receives the code itself.
 *
 * Never without a person: no terminal (stdin and stderr) or `CI` set → no prompt, the checks skip with
 * the reason. Every wait for the person is bounded (step timeout × SIGN_IN_STEPS) and honours Ctrl-C.
 * Tokens, codes and the pasted address live in memory only, as `Secret`s; nothing of them is printed.
 * The interaction (prompts on stderr) is injectable: tests play the person and the browser.
 */
import type { Account, Office365DelegatedAccount } from '../config/types.js';
import { isOffice365OAuth } from '../config/account-kind.js';
import { msg } from '../i18n/index.js';
import type { Message } from '../core/message.js';
import type { SignIn } from '../core/sign-in.js';
import type { Transcript, TraceEntry } from '../core/transcript.js';
import { Secret } from '../secrets/secret.js';
import { lookupAadsts, signInAadstsCode } from '../providers/microsoft/aadsts.js';
import {
  authorizationUrl,
  createPkce,
  createState,
  outlookScopes,
  readPasted,
  readRedirectUrl,
  redeemCode,
  type Pkce,
  type RedirectReading,
  type RefreshOutcome,
} from './authorization-code.js';
import type { TokenFailure } from '../identity/entra-client.js';
import { tokenFailureCode } from '../identity/entra-app-token.js';
import type { HttpSettings } from '../probes/https/client.js';
import type { ProxyUse } from '../probes/https/proxy.js';
import { LoopbackListenError, startLoopbackReceiver } from './loopback-receiver.js';

/**
 * How many step timeouts a person gets to sign in and paste (15 s × 12 = 3 minutes by default; `--timeout`
 * raises it). It stays inside the budget of the mail check that asks for the token first (incoming.auth:
 * 21 steps), so a slow sign-in is a LOGIN_TIMEOUT, not a check that overran.
 */
export const SIGN_IN_STEPS = 12;
/** Pasting something that is not the answer (empty, the sign-in page, an old address) may be corrected this often. */
const PASTE_ATTEMPTS = 3;

/**
 * The masked prompt for the address after sign-in (Office 365's and Google's `--login`): asked again, with
 * `again`'s hint, while what was pasted is neither a code nor an error, at most PASTE_ATTEMPTS times.
 * `read` makes it a Secret before anything else sees it. Rejects as `askSecret` does (Esc, deadline, Ctrl-C).
 */
export async function askForRedirect<R extends { readonly kind: string }>(
  interaction: SignInInteraction,
  signal: AbortSignal,
  prompt: Message,
  read: (pasted: string) => R,
  again: (reading: R) => Message,
): Promise<R> {
  for (let round = 1; ; round++) {
    const reading = read(await interaction.askSecret(prompt, signal));
    if (reading.kind === 'code' || reading.kind === 'error' || reading.kind === 'page-error' || round === PASTE_ATTEMPTS) return reading;
    interaction.say(again(reading));
  }
}

/** The person at the terminal, as the sign-in needs them: lines and prompts on stderr. */
export interface SignInInteraction {
  /** A person is there: stdin and stderr are terminals and `CI` is not set. */
  canPrompt(): boolean;
  say(message: Message): void;
  /** A URL to open, on a line of its own (never carries a secret). */
  showUrl(message: Message, url: string): void;
  /** Masked input: what is typed shows as `*`. Rejects with `SignInCancelled`, or the signal's reason. */
  askSecret(message: Message, signal: AbortSignal): Promise<string>;
  confirm(message: Message, defaultAnswer: boolean, signal: AbortSignal): Promise<boolean>;
  /**
   * Shows a secret the person asked to see (`--show-refresh-token`) on the terminal, past the scrubber;
   * false when there is no terminal to show it on (then nothing is written anywhere).
   */
  reveal(message: Message, secret: Secret): boolean;
}

/** The person stopped the sign-in at a prompt (Esc; Ctrl-C also stops the run). */
export class SignInCancelled extends Error {
  constructor() {
    super('sign-in cancelled');
    this.name = 'SignInCancelled';
  }
}

export type SignInVia = 'paste' | 'loopback';

/** Why the sign-in gave no token. */
export type SignInFailure =
  | { readonly kind: 'no-redirect-uri' }
  /** Entra sent the browser back with an error. */
  | { readonly kind: 'redirect-error'; readonly error: string; readonly description?: string; readonly aadsts?: number; readonly subcode?: string }
  /** Microsoft's page showed an error (pasted). */
  | { readonly kind: 'page-error'; readonly aadsts: number; readonly text: string }
  | { readonly kind: 'state-mismatch' }
  | { readonly kind: 'no-code'; readonly host?: string }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'loopback-listen'; readonly port: number; readonly nodeCode?: string }
  | { readonly kind: 'redemption'; readonly failure: TokenFailure; readonly tokenEndpoint: string; readonly proxy?: ProxyUse };

export type DelegatedSignIn =
  | {
      readonly kind: 'signed-in';
      readonly token: Secret;
      readonly via: SignInVia;
      readonly redirectUri: string;
      readonly refresh: RefreshOutcome;
      readonly expiresOn?: Date;
      readonly tokenEndpoint: string;
      /** The loopback alternative was used after the registered redirect URI's service took the code. */
      readonly afterCodeTaken: boolean;
    }
  | { readonly kind: 'unavailable'; readonly code: 'LOGIN_REQUIRED' | 'LOGIN_NO_TERMINAL' | 'LOGIN_NO_CREDENTIALS'; readonly reason: Message }
  | {
      readonly kind: 'failed';
      readonly failure: SignInFailure;
      readonly via: SignInVia;
      readonly redirectUri: string;
      /** The registered redirect URI's service took the code (AADSTS54005) and the loopback alternative was offered. */
      readonly loopback?: 'declined' | 'failed';
      /** The first attempt's failure, when the loopback attempt failed too. */
      readonly firstFailure?: SignInFailure;
    };

/** Our code for a sign-in failure (the same in the mail checks and in exchange.mailbox-access). */
export function signInFailureCode(failure: SignInFailure, account: Account): string {
  switch (failure.kind) {
    case 'no-redirect-uri':
      return 'LOGIN_NO_REDIRECT_URI';
    case 'redirect-error': {
      if (failure.error === 'access_denied' && (failure.subcode === 'cancel' || failure.aadsts === 65004 || failure.aadsts === undefined))
        return 'LOGIN_CANCELLED';
      if (failure.error === 'consent_required') return 'ENTRA_CONSENT_MISSING';
      const known = failure.aadsts !== undefined ? signInAadstsCode(failure.aadsts) : undefined;
      return known ?? (failure.aadsts !== undefined ? lookupAadsts(failure.aadsts).code : 'ENTRA_SIGN_IN_ERROR');
    }
    case 'page-error':
      return signInAadstsCode(failure.aadsts) ?? lookupAadsts(failure.aadsts).code;
    case 'state-mismatch':
      return 'LOGIN_STATE_MISMATCH';
    case 'no-code':
      return 'LOGIN_NO_CODE';
    case 'timeout':
      return 'LOGIN_TIMEOUT';
    case 'cancelled':
      return 'LOGIN_CANCELLED';
    case 'loopback-listen':
      return 'LOOPBACK_PORT_UNAVAILABLE';
    case 'redemption': {
      const inner = failure.failure;
      if (inner.kind === 'entra' && inner.body.aadsts !== undefined) {
        const known = signInAadstsCode(inner.body.aadsts);
        if (known) return known;
      }
      return tokenFailureCode(inner, account);
    }
  }
}

/** The AADSTS number of a failure, when Entra gave one. */
export function signInAadsts(failure: SignInFailure): number | undefined {
  if (failure.kind === 'redirect-error') return failure.aadsts;
  if (failure.kind === 'page-error') return failure.aadsts;
  if (failure.kind === 'redemption' && failure.failure.kind === 'entra') return failure.failure.body.aadsts;
  return undefined;
}

/** A redirect URI the tool can receive itself: plain http on localhost / 127.0.0.1 (RFC 8252 §7.3). */
export function loopbackTarget(redirectUri: string): { host: string; port: number; path: string } | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1')) return undefined;
  return { host: url.hostname, port: url.port ? Number(url.port) : 0, path: url.pathname || '/' };
}

/** Whether the account can sign in here at all (the same IDs and secret the code redemption needs). */
function missingCredentials(account: Account): boolean {
  return !account.auth.tenantId || !account.auth.clientId || !account.auth.clientSecret || account.auth.clientSecret.isEmpty;
}

/** What one account's sign-in needs from the run: whether `--login` was given, the deadlines and abort, and the HTTP settings of the code redemption. */
export interface DelegatedSignInRequest {
  readonly account: Office365DelegatedAccount;
  /** `--login`: without it nobody is asked. */
  readonly login: boolean;
  readonly stepTimeoutMs: number;
  /** The run's or the check's signal (Ctrl-C / SIGTERM, the check's budget). */
  readonly signal: AbortSignal;
  readonly http: HttpSettings;
  /** The person at the terminal (the CLI's, in the user's language; tests play the person). */
  readonly interaction: SignInInteraction;
}

/**
 * Why the account has no sign-in without asking anyone: no `--login`, an account that cannot sign in here,
 * or — `--login` given but nothing prepared for it — nobody at a terminal was asked.
 */
export function delegatedSignInUnavailable(account: Account, login: boolean): Extract<DelegatedSignIn, { kind: 'unavailable' }> {
  if (!login) return { kind: 'unavailable', code: 'LOGIN_REQUIRED', reason: msg('entra.token.needsLogin') };
  if (missingCredentials(account)) return { kind: 'unavailable', code: 'LOGIN_NO_CREDENTIALS', reason: msg('exchange.login.noCredentials') };
  return { kind: 'unavailable', code: 'LOGIN_NO_TERMINAL', reason: msg('exchange.login.noTerminal') };
}

/** The account's sign-in, now (one account at a time: `DelegatedSignIns.prepare` awaits each). */
export async function signInDelegated(request: DelegatedSignInRequest): Promise<DelegatedSignIn> {
  const { account, interaction } = request;
  if (!request.login || missingCredentials(account) || !interaction.canPrompt()) return delegatedSignInUnavailable(account, request.login);
  return interactiveSignIn(request, interaction);
}

/** What the checks read: the account's sign-in, and its token requests for the transcript of the first check that reads it. */
export interface DelegatedLogin {
  readonly result: DelegatedSignIn;
  readonly trace: readonly TraceEntry[];
}

declare module '../core/sign-in.js' {
  interface SignInResults {
    /** The delegated `--login` of an Office 365 account (signin/delegated.ts). */
    readonly office365: DelegatedLogin;
  }
}

/** What a run's sign-ins are made with: the person, the deadlines, the HTTP settings, a transcript per sign-in. */
export interface DelegatedSignInSettings {
  readonly interaction: SignInInteraction;
  readonly stepTimeoutMs: number;
  /** The run's signal (Ctrl-C / SIGTERM). */
  readonly signal: AbortSignal;
  readonly http: Omit<HttpSettings, 'transcript' | 'signal' | 'timeoutMs'>;
  /** A new `--trace` transcript for one sign-in's requests. */
  readonly newTranscript: () => Transcript;
}

/** `--login` for Office 365 delegated accounts: each signs in before the checks, one after the other. */
export class DelegatedSignIns implements SignIn<DelegatedLogin> {
  readonly #results = new Map<Account, Promise<DelegatedLogin>>();

  constructor(readonly settings: DelegatedSignInSettings) {}

  async prepare(accounts: readonly Account[]): Promise<void> {
    const { interaction, stepTimeoutMs, signal } = this.settings;
    for (const account of accounts) {
      if (signal.aborted) break;
      if (!isDelegatedAccount(account)) continue;
      const transcript = this.settings.newTranscript();
      const http = { ...this.settings.http, timeoutMs: stepTimeoutMs, signal, transcript };
      const done = signInDelegated({ account, login: true, stepTimeoutMs, signal, http, interaction }).then((result) => ({
        result,
        trace: transcript.entries(),
      }));
      this.#results.set(account, done);
      await done;
    }
  }

  result(account: Account): Promise<DelegatedLogin> | undefined {
    return this.#results.get(account);
  }
}

interface Attempt {
  readonly request: DelegatedSignInRequest;
  readonly interaction: SignInInteraction;
  readonly signal: AbortSignal;
  readonly seconds: number;
}

type AttemptResult =
  | {
      readonly ok: true;
      readonly token: Secret;
      readonly refresh: RefreshOutcome;
      readonly expiresOn?: Date;
      readonly tokenEndpoint: string;
      readonly redirectUri: string;
    }
  | { readonly ok: false; readonly failure: SignInFailure; readonly redirectUri: string };

async function interactiveSignIn(request: DelegatedSignInRequest, interaction: SignInInteraction): Promise<DelegatedSignIn> {
  const { account } = request;
  const redirectUri = account.auth.redirectUri;
  if (!redirectUri) return { kind: 'failed', failure: { kind: 'no-redirect-uri' }, via: 'paste', redirectUri: '' };
  const seconds = Math.round((request.stepTimeoutMs * SIGN_IN_STEPS) / 1000);
  // One deadline for everything the person does, from the moment the first prompt appears.
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(seconds * 1000)]);
  const attempt: Attempt = { request, interaction, signal, seconds };
  interaction.say(msg('exchange.login.intro', { account: account.name, mailbox: account.mailbox, tenant: account.auth.tenantId }));

  const loopback = loopbackTarget(redirectUri);
  if (loopback) {
    const result = await viaLoopback(attempt, loopback, true);
    return settle(attempt, result, 'loopback', false);
  }
  const first = await viaPaste(attempt, redirectUri);
  if (first.ok || first.failure.kind !== 'redemption' || signInAadsts(first.failure) !== 54005) return settle(attempt, first, 'paste', false);

  // The registered redirect URI is a live service that took the code first: offer the loopback alternative.
  interaction.say(msg('exchange.login.codeTaken', { redirectUri }));
  let accepted: boolean;
  try {
    accepted = await interaction.confirm(msg('exchange.login.offerLoopback'), true, signal);
  } catch (error) {
    interrupted(error, attempt); // rethrows what is not a cancellation or the deadline
    accepted = false;
  }
  if (!accepted) return { kind: 'failed', failure: first.failure, via: 'paste', redirectUri, loopback: 'declined' };
  const second = await viaLoopback(attempt, { host: 'localhost', port: 0, path: '/' }, false);
  if (second.ok) return settle(attempt, second, 'loopback', true);
  return { kind: 'failed', failure: second.failure, via: 'loopback', redirectUri: second.redirectUri, loopback: 'failed', firstFailure: first.failure };
}

function settle(attempt: Attempt, result: AttemptResult, via: SignInVia, afterCodeTaken: boolean): DelegatedSignIn {
  if (!result.ok) return { kind: 'failed', failure: result.failure, via, redirectUri: result.redirectUri };
  const { account } = attempt.request;
  attempt.interaction.say(msg('exchange.login.signedIn', { mailbox: account.mailbox }));
  return {
    kind: 'signed-in',
    token: result.token,
    via,
    redirectUri: result.redirectUri,
    refresh: result.refresh,
    ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}),
    tokenEndpoint: result.tokenEndpoint,
    afterCodeTaken,
  };
}

/** A wait that ended without an answer: the person stopped it, the deadline passed, or the run was interrupted. */
function interrupted(error: unknown, attempt: Attempt): SignInFailure {
  if (error instanceof SignInCancelled) return { kind: 'cancelled' };
  if (attempt.request.signal.aborted) return { kind: 'cancelled' };
  if (attempt.signal.aborted) return { kind: 'timeout', seconds: attempt.seconds };
  throw error;
}

function failureOfReading(reading: Exclude<RedirectReading, { kind: 'code' }>): SignInFailure {
  switch (reading.kind) {
    case 'error':
      return {
        kind: 'redirect-error',
        error: reading.error,
        ...(reading.description ? { description: reading.description } : {}),
        ...(reading.aadsts !== undefined ? { aadsts: reading.aadsts } : {}),
        ...(reading.subcode ? { subcode: reading.subcode } : {}),
      };
    case 'page-error':
      return { kind: 'page-error', aadsts: reading.aadsts, text: reading.text };
    case 'state-mismatch':
      return { kind: 'state-mismatch' };
    case 'no-code':
      return { kind: 'no-code', ...(reading.host ? { host: reading.host } : {}) };
    case 'empty':
      return { kind: 'no-code' };
  }
}

/** A fresh PKCE pair and state, and the authorization URL they go into, shown to the person. */
function showAuthorizationUrl(attempt: Attempt, redirectUri: string): { pkce: Pkce; state: string } {
  const { account } = attempt.request;
  const pkce = createPkce();
  const state = createState();
  const url = authorizationUrl({
    login: account.endpoints.login,
    tenant: account.auth.tenantId,
    clientId: account.auth.clientId,
    redirectUri,
    scopes: outlookScopes(account),
    state,
    codeChallenge: pkce.challenge,
  });
  attempt.interaction.showUrl(msg('exchange.login.openUrl', { minutes: Math.max(1, Math.round(attempt.seconds / 60)) }), url);
  return { pkce, state };
}

async function viaPaste(attempt: Attempt, redirectUri: string): Promise<AttemptResult> {
  const { interaction, signal } = attempt;
  const { pkce, state } = showAuthorizationUrl(attempt, redirectUri);
  interaction.say(msg('exchange.login.pasteHint', { redirectUri }));
  let reading: RedirectReading;
  try {
    reading = await askForRedirect(
      interaction,
      signal,
      msg('exchange.login.pastePrompt'),
      (pasted) => readPasted(pasted, state),
      (again) => msg(again.kind === 'state-mismatch' ? 'exchange.login.pasteOtherSignIn' : 'exchange.login.pasteAgain', { redirectUri }),
    );
  } catch (error) {
    return { ok: false, failure: interrupted(error, attempt), redirectUri };
  }
  if (reading.kind !== 'code') return { ok: false, failure: failureOfReading(reading), redirectUri };
  return redeem(attempt, reading.code, pkce.verifier, redirectUri);
}

async function viaLoopback(attempt: Attempt, target: { host: string; port: number; path: string }, registered: boolean): Promise<AttemptResult> {
  const { request, interaction, signal } = attempt;
  const { account } = request;
  let receiver;
  try {
    receiver = await startLoopbackReceiver({ port: target.port, path: target.path });
  } catch (error) {
    if (!(error instanceof LoopbackListenError)) throw error;
    const uri = `http://${target.host}:${target.port}${target.path}`;
    return { ok: false, failure: { kind: 'loopback-listen', port: error.port, ...(error.nodeCode ? { nodeCode: error.nodeCode } : {}) }, redirectUri: uri };
  }
  const redirectUri =
    registered && target.port !== 0 ? `http://${target.host}:${target.port}${target.path}` : `http://${target.host}:${receiver.port}${target.path}`;
  try {
    if (!registered) {
      interaction.say(msg('exchange.login.loopbackRegister', { uri: redirectUri, app: account.auth.clientId }));
      let ready: boolean;
      try {
        ready = await interaction.confirm(msg('exchange.login.loopbackReady', { uri: redirectUri }), true, signal);
      } catch (error) {
        return { ok: false, failure: interrupted(error, attempt), redirectUri };
      }
      if (!ready) return { ok: false, failure: { kind: 'cancelled' }, redirectUri };
    }
    const { pkce, state } = showAuthorizationUrl(attempt, redirectUri);
    interaction.say(msg('exchange.login.waitingLoopback', { port: receiver.port }));
    let received: Secret;
    try {
      received = await receiver.next(signal);
    } catch (error) {
      return { ok: false, failure: interrupted(error, attempt), redirectUri };
    }
    const reading = readRedirectUrl(new URL(received.reveal()), state);
    if (reading.kind !== 'code') return { ok: false, failure: failureOfReading(reading), redirectUri };
    return await redeem(attempt, reading.code, pkce.verifier, redirectUri);
  } finally {
    await receiver.close();
  }
}

async function redeem(attempt: Attempt, code: Secret, verifier: Secret, redirectUri: string): Promise<AttemptResult> {
  const { account } = attempt.request;
  const { tenantId, clientId, clientSecret } = account.auth;
  // signInDelegated never starts a sign-in without the secret (missingCredentials).
  if (!clientSecret) throw new Error('redeem called for an account without clientSecret');
  const result = await redeemCode({
    login: account.endpoints.login,
    tenant: tenantId,
    clientId,
    clientSecret,
    redirectUri,
    scopes: outlookScopes(account),
    code,
    verifier,
    http: attempt.request.http,
  });
  if (!result.ok)
    return {
      ok: false,
      failure: { kind: 'redemption', failure: result.failure, tokenEndpoint: result.tokenEndpoint, ...(result.proxy ? { proxy: result.proxy } : {}) },
      redirectUri,
    };
  return {
    ok: true,
    token: result.token,
    refresh: result.refresh,
    ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}),
    tokenEndpoint: result.tokenEndpoint,
    redirectUri,
  };
}

/** Office 365 delegated accounts: the token the `--login` sign-in gives (`user=<mailbox>` in XOAUTH2). */
export function isDelegatedAccount(account: Account): account is Office365DelegatedAccount {
  return isOffice365OAuth(account) && account.auth.flow !== 'application';
}
