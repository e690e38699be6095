/**
 * `--admin`: an administrator signs in to read the directory through Microsoft Graph with read-only
 * delegated scopes, with the real msal-node `PublicClientApplication` and the same authority configuration
 * as the app's own token (entra-client.ts: knownAuthorities + authorityMetadata, our capturing network client).
 *
 * 1. Device code (RFC 8628; https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code): the
 *    code and the URL go to the terminal (standard error); msal polls the token endpoint.
 * 2. Where the tenant refuses device code — Conditional Access "Authentication flows" blocking it
 *    (https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-flows), a policy
 *    that needs a compliant or managed device (the device that signs in is not the one that gets the token),
 *    or a client without "Allow public client flows" — the authorization-code paste flow: the authorize URL
 *    with PKCE (RFC 7636) for a public client and `redirect_uri=http://localhost`, the person signs in in any
 *    browser and pastes back the address it was sent to (masked: it carries the code), and the code is redeemed.
 *
 * The client is `admin.clientId` (the customer's own read-only app) when given, else Microsoft Graph Command
 * Line Tools (the README's design notes say why). The terminal is the `--login` sign-in's (delegated.ts:
 * standard error, masked prompt, Esc and Ctrl-C). Nothing of the sign-in — token, device code, authorization
 * code, the pasted address, the PKCE verifier — is printed or kept beyond the run: they are `Secret`s.
 * Interactive sign-ins never happen without a terminal or with `CI` set.
 */
import { randomUUID } from 'node:crypto';
import type { Account, Office365OAuthAccount } from '../config/types.js';
import { expectKind, isOffice365OAuth } from '../config/account-kind.js';
import { msg } from '../i18n/index.js';
import { registerSecretValue } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';
import { deviceCodeRefused } from '../providers/microsoft/aadsts.js';
import { parseEntraError, type EntraErrorBody } from '../identity/aadsts.js';
import {
  CapturingNetworkClient,
  answerSnippet,
  entraAuthority,
  openIdConfigurationUrl,
  tenantIdOfIssuer,
  type CapturedExchange,
} from '../identity/entra-client.js';
import { graphOrigin } from '../identity/graph.js';
import { createIdentityHttp, fetchJson, type HttpSettings } from '../probes/https/client.js';
import type { HttpError } from '../probes/https/failure.js';
import type { SignInInteraction } from './delegated.js';
import type { SignIn } from '../core/sign-in.js';
import { decodeAccessToken } from '../identity/token-claims.js';

/**
 * Microsoft Graph Command Line Tools (Microsoft Graph PowerShell's client): a Microsoft public client that
 * allows device code and http://localhost, and asks for exactly the scopes named (dynamic consent).
 */
export const GRAPH_CLI_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/**
 * The read-only delegated Graph permissions the directory checks need, least privileged per Graph's API
 * pages: Directory.Read.All is the least for oauth2PermissionGrants (serviceprincipal-list-oauth2permissiongrants)
 * and covers applications, service principals, app-role assignments and users; RoleManagement.Read.Directory
 * covers role assignments and PIM eligibility instances (rbacapplication-list-roleeligibilityscheduleinstances),
 * which Directory.Read.All does not.
 */
export const ADMIN_GRAPH_PERMISSIONS = ['Directory.Read.All', 'RoleManagement.Read.Directory'] as const;

/** Where the paste flow sends the browser: nothing listens, the address bar keeps the code (RFC 8252 §7.3). */
export const PASTE_REDIRECT_URI = 'http://localhost';

/**
 * Answers that mean "this tenant does not let device code through" (reference-error-codes): 53003
 * BlockedByConditionalAccess (the Authentication flows condition), 530033 remote device flow blocked by
 * device-based Conditional Access, 53000 / 53001 / 50097 / 50005 device compliance, domain join or
 * authentication required, 50199 CmsiInterrupt (seen in the sign-in log when az login's device code was
 * blocked, Azure/azure-cli#32809), 7000218 a client without "Allow public client flows".
 */

/** Why no person can answer here: no terminal on both ends, or `CI` set. */
export function signInUnavailable(interaction: SignInInteraction, env: NodeJS.ProcessEnv = process.env): 'no-tty' | 'ci' | undefined {
  if (interaction.canPrompt()) return undefined;
  return env.CI ? 'ci' : 'no-tty';
}

/** The longest a person gets to finish a sign-in (Entra's device codes live 15 minutes). */
const SIGN_IN_DEADLINE_MS = 15 * 60_000;

export type SignInStep = 'device-code' | 'authorization-code';

/** Why the administrator has no token. */
export type SignInFailure =
  | { readonly kind: 'unavailable'; readonly reason: 'no-tty' | 'ci' }
  | { readonly kind: 'entra'; readonly step: SignInStep; readonly status?: number; readonly body: EntraErrorBody }
  | { readonly kind: 'network'; readonly step: SignInStep; readonly error: HttpError }
  | { readonly kind: 'unexpected-answer'; readonly step: SignInStep; readonly status: number; readonly snippet: string }
  | { readonly kind: 'declined'; readonly step: SignInStep }
  | { readonly kind: 'expired'; readonly step: SignInStep }
  | { readonly kind: 'cancelled'; readonly step: SignInStep }
  | { readonly kind: 'paste-invalid'; readonly detail: 'not-a-url' | 'no-code' | 'state-mismatch' }
  | { readonly kind: 'empty-token'; readonly step: SignInStep }
  | { readonly kind: 'client'; readonly step: SignInStep; readonly errorCode: string; readonly message: string };

export type AdminSignInResult =
  | {
      readonly ok: true;
      readonly token: Secret;
      readonly step: SignInStep;
      readonly clientId: string;
      /** The signed-in account (preferred_username / upn), as Entra said it. */
      readonly username?: string;
      /** The signed-in user's object ID (`oid`). */
      readonly userId?: string;
      readonly scopes: readonly string[];
      /** Why device code gave way to the paste flow, when it did. */
      readonly deviceCodeRefused?: SignInFailure;
    }
  | { readonly ok: false; readonly clientId: string; readonly failure: SignInFailure; readonly deviceCodeRefused?: SignInFailure };

export interface AdminSignInRequest {
  /** `endpoints.login` */
  readonly login: string;
  readonly tenant: string;
  readonly clientId: string;
  /** `endpoints.graph` origin, for the scopes (`https://graph.microsoft.com/Directory.Read.All`). */
  readonly graph: string;
  /** `admin.user`: pre-filled on the sign-in page of the paste flow. */
  readonly loginHint?: string;
  readonly http: HttpSettings;
  /** The person at the terminal (the `--login` sign-in's terminal: stderr, masked prompt, Esc / Ctrl-C). */
  readonly interaction: SignInInteraction;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

/** The delegated scopes asked for, in the resource's own namespace (a national cloud's Graph host). */
export function adminScopes(graph: string): string[] {
  return ADMIN_GRAPH_PERMISSIONS.map((permission) => `${graph.replace(/\/+$/, '')}/${permission}`);
}

/** The client the administrator signs in through: the customer's own, else Graph Command Line Tools. */
export function adminClientId(account: Account): string {
  return account.admin?.clientId?.toLowerCase() ?? GRAPH_CLI_CLIENT_ID;
}

type Msal = typeof import('@azure/msal-node');

/** The error answer msal saw last on a path ending with `suffix` (it drops the AADSTS number of device-code errors). */
function answerOf(exchanges: readonly CapturedExchange[], step: SignInStep, suffix?: string): SignInFailure | undefined {
  const candidates = suffix ? exchanges.filter((exchange) => new URL(exchange.url).pathname.endsWith(suffix)) : exchanges;
  const last = candidates[candidates.length - 1];
  if (!last) return undefined;
  if (last.failure) return { kind: 'network', step, error: last.failure };
  const response = last.response;
  if (!response) return undefined;
  const body = parseEntraError(response.json);
  if (body) {
    if (body.error === 'authorization_declined') return { kind: 'declined', step };
    if (body.error === 'expired_token' || body.aadsts === 70019) return { kind: 'expired', step };
    if (body.error === 'authorization_pending') return undefined;
    return { kind: 'entra', step, status: response.status, body };
  }
  if (response.status >= 400 || (response.json === undefined && response.text.trim().length > 0)) {
    return { kind: 'unexpected-answer', step, status: response.status, snippet: answerSnippet(response.text) };
  }
  return undefined;
}

function errorCodeOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const value: unknown = Reflect.get(error, 'errorCode');
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Whether device code failed in a way the paste flow can get around. */
export function deviceCodeRefusedByTenant(failure: SignInFailure): boolean {
  return failure.kind === 'entra' && deviceCodeRefused(failure.body.aadsts);
}

interface SignInClient {
  readonly msal: Msal;
  readonly application: InstanceType<Msal['PublicClientApplication']>;
  readonly network: CapturingNetworkClient;
}

function success(
  result: { accessToken: string; account: { username?: string } | null; scopes: string[] } | null,
  step: SignInStep,
  clientId: string,
): AdminSignInResult | undefined {
  const accessToken = result?.accessToken ?? '';
  if (accessToken.length === 0) return undefined;
  const token = new Secret(accessToken, 'runtime');
  const claims = decodeAccessToken(token);
  return {
    ok: true,
    token,
    step,
    clientId,
    username: result?.account?.username || claims?.upn || claims?.preferredUsername,
    userId: claims?.oid?.toLowerCase(),
    scopes: result?.scopes ?? [],
  };
}

async function deviceCode(client: SignInClient, request: AdminSignInRequest, scopes: string[]): Promise<AdminSignInResult> {
  const { clientId, interaction } = request;
  let offered = false;
  const deviceRequest: Parameters<SignInClient['application']['acquireTokenByDeviceCode']>[0] = {
    scopes,
    cancel: false,
    timeout: SIGN_IN_DEADLINE_MS / 1000,
    deviceCodeCallback: (response) => {
      // A refused /devicecode still calls back, with every field undefined (docs/testing.md §Entra stand-in).
      if (!response.userCode || !response.verificationUri) {
        deviceRequest.cancel = true;
        return;
      }
      offered = true;
      // The user code is meant to be typed by the person; the device code (the polling handle) never leaves here.
      if (response.deviceCode) registerSecretValue(response.deviceCode);
      interaction.say(
        msg('entra.signin.deviceCode', {
          url: response.verificationUri,
          code: response.userCode,
          minutes: Math.max(1, Math.round((response.expiresIn ?? 900) / 60)),
        }),
      );
    },
  };
  const onAbort = (): void => {
    deviceRequest.cancel = true;
  };
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await client.application.acquireTokenByDeviceCode(deviceRequest);
    return (
      success(result, 'device-code', clientId) ?? {
        ok: false,
        clientId,
        failure: answerOf(client.network.exchanges, 'device-code') ?? { kind: 'empty-token', step: 'device-code' },
      }
    );
  } catch (error) {
    if (request.signal?.aborted) return { ok: false, clientId, failure: { kind: 'cancelled', step: 'device-code' } };
    // The captured answers say why (msal keeps only the OAuth error of a polling failure).
    const failure = offered ? answerOf(client.network.exchanges, 'device-code', '/token') : answerOf(client.network.exchanges, 'device-code', '/devicecode');
    if (failure) return { ok: false, clientId, failure };
    const errorCode = errorCodeOf(error);
    if (errorCode === 'device_code_expired') return { ok: false, clientId, failure: { kind: 'expired', step: 'device-code' } };
    if (errorCode === undefined) throw error;
    return { ok: false, clientId, failure: { kind: 'client', step: 'device-code', errorCode, message: error instanceof Error ? error.message : errorCode } };
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/** The code (and state) in the address the browser was sent to, or why it is not there. */
export function readPastedRedirect(pasted: string): { code: Secret; state?: string } | { error: EntraErrorBody } | { invalid: 'not-a-url' | 'no-code' } {
  const trimmed = pasted.trim();
  let parameters: URLSearchParams;
  try {
    const url = new URL(trimmed);
    // response_mode=query; a fragment is read as well, in case a client registered for it.
    parameters = new URLSearchParams(url.search.length > 1 ? url.search : url.hash.replace(/^#/, ''));
  } catch {
    if (!/[?&]?(code|error)=/.test(trimmed)) return { invalid: 'not-a-url' };
    parameters = new URLSearchParams(trimmed.replace(/^[^?]*\?/, ''));
  }
  const code = parameters.get('code');
  const state = parameters.get('state') ?? undefined;
  if (code) return { code: new Secret(code, 'prompt'), ...(state !== undefined ? { state } : {}) };
  const error = parameters.get('error');
  if (error) {
    const description = parameters.get('error_description') ?? undefined;
    const entra = parseEntraError({ error, ...(description !== undefined ? { error_description: description } : {}) });
    if (entra) return { error: entra };
  }
  return { invalid: 'no-code' };
}

async function pasteFlow(client: SignInClient, request: AdminSignInRequest, scopes: string[]): Promise<AdminSignInResult> {
  const { clientId, interaction } = request;
  const step: SignInStep = 'authorization-code';
  const pkce = await new client.msal.CryptoProvider().generatePkceCodes();
  const verifier = new Secret(pkce.verifier, 'runtime');
  const state = randomUUID();
  const nonce = randomUUID();
  let url: string;
  try {
    url = await client.application.getAuthCodeUrl({
      scopes,
      redirectUri: PASTE_REDIRECT_URI,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      responseMode: 'query',
      state,
      nonce,
      // The administrator named in the file is pre-filled; else the person picks the account (msal drops a
      // hint with prompt=select_account: Entra refuses the two together).
      ...(request.loginHint ? { loginHint: request.loginHint } : { prompt: 'select_account' }),
    });
  } catch (error) {
    const errorCode = errorCodeOf(error);
    if (errorCode === undefined) throw error;
    return { ok: false, clientId, failure: { kind: 'client', step, errorCode, message: error instanceof Error ? error.message : errorCode } };
  }
  interaction.showUrl(msg('entra.signin.paste.open', { redirect: PASTE_REDIRECT_URI }), url);
  const deadline = AbortSignal.timeout(SIGN_IN_DEADLINE_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  let answer: string;
  try {
    answer = await interaction.askSecret(msg('entra.signin.paste.ask', { redirect: PASTE_REDIRECT_URI }), signal);
  } catch {
    return { ok: false, clientId, failure: deadline.aborted ? { kind: 'expired', step } : { kind: 'cancelled', step } };
  }
  const pasted = new Secret(answer.trim(), 'prompt');
  const read = readPastedRedirect(pasted.reveal());
  if ('invalid' in read) return { ok: false, clientId, failure: { kind: 'paste-invalid', detail: read.invalid } };
  if ('error' in read) {
    const body = read.error;
    if (body.error === 'access_denied' && (body.aadsts === undefined || body.aadsts === 65004))
      return { ok: false, clientId, failure: { kind: 'declined', step } };
    return { ok: false, clientId, failure: { kind: 'entra', step, body } };
  }
  // RFC 6749 §10.12: an answer to another request (an old tab) is not ours.
  if (read.state !== state) return { ok: false, clientId, failure: { kind: 'paste-invalid', detail: 'state-mismatch' } };
  try {
    const result = await client.application.acquireTokenByCode({
      code: read.code.reveal(),
      scopes,
      redirectUri: PASTE_REDIRECT_URI,
      codeVerifier: verifier.reveal(),
      nonce,
    });
    return (
      success(result, step, clientId) ?? { ok: false, clientId, failure: answerOf(client.network.exchanges, step, '/token') ?? { kind: 'empty-token', step } }
    );
  } catch (error) {
    const failure = answerOf(client.network.exchanges, step, '/token');
    if (failure) return { ok: false, clientId, failure };
    const errorCode = errorCodeOf(error);
    if (errorCode === undefined) throw error;
    return { ok: false, clientId, failure: { kind: 'client', step, errorCode, message: error instanceof Error ? error.message : errorCode } };
  }
}

/** One administrator sign-in: device code, then the paste flow where the tenant refuses device code. */
export async function signInAdministrator(request: AdminSignInRequest): Promise<AdminSignInResult> {
  const { clientId, interaction } = request;
  const unavailable = signInUnavailable(interaction, request.env);
  if (unavailable) return { ok: false, clientId, failure: { kind: 'unavailable', reason: unavailable } };
  const authority = entraAuthority(request.login, request.tenant);
  const http = await createIdentityHttp(request.http);
  const network = new CapturingNetworkClient(http, (url) =>
    url.pathname.endsWith('/token') ? `${url.origin}${url.pathname} (delegated sign-in, client_id ${clientId})` : `${url.origin}${url.pathname}`,
  );
  try {
    const msal = await import('@azure/msal-node');
    const application = new msal.PublicClientApplication({
      auth: { clientId, authority: authority.authority, knownAuthorities: [authority.knownAuthority], authorityMetadata: authority.authorityMetadata },
      system: { networkClient: network, loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: msal.LogLevel.Error } },
    });
    const client: SignInClient = { msal, application, network };
    const scopes = adminScopes(request.graph);
    const first = await deviceCode(client, request, scopes);
    if (first.ok || !deviceCodeRefusedByTenant(first.failure)) return first;
    interaction.say(msg('entra.signin.deviceCodeRefused', { aadsts: first.failure.kind === 'entra' ? (first.failure.body.aadsts ?? '?') : '?' }));
    const second = await pasteFlow(client, request, scopes);
    return { ...second, deviceCodeRefused: first.failure };
  } finally {
    await http.close();
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare module '../core/sign-in.js' {
  interface SignInResults {
    /** `check --admin`: the administrator's sign-in for the account's tenant. */
    readonly admin: AdminSignInResult;
  }
}

/** The run's sign-ins, one per tenant, client and sign-in host (a run-level memo shared by every account). */
export class AdminSessions implements SignIn<AdminSignInResult> {
  readonly #sessions = new Map<string, Promise<AdminSignInResult>>();
  /** Sign-ins one after the other: one prompt on the terminal at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly interaction: SignInInteraction,
    /** `http`: the settings of the sign-ins `prepare` makes (the run's step timeout, signal, trust anchors, resolver). */
    readonly options: { readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv; readonly http?: HttpSettings } = {},
  ) {}

  /**
   * Before the checks: the administrator signs in for each tenant of these accounts, one prompt at a time.
   * Without a person at a terminal it is said once here (the report's rows repeat it per check).
   */
  async prepare(candidates: readonly Account[]): Promise<void> {
    const http = this.options.http;
    if (!http) throw new Error('AdminSessions.prepare needs the HTTP settings of the run');
    // The directory checks apply to Office 365 OAuth accounts only (directoryApplies).
    const accounts = candidates.filter(isOffice365OAuth);
    if (accounts.length > 0 && !this.interaction.canPrompt()) this.interaction.say(msg('entra.signin.noTerminal'));
    // Several tenants as written (a domain here, a GUID there): find out which are the same one first.
    if (new Set(accounts.map((account) => this.key(account))).size > 1) await this.learnTenantIds(accounts, http);
    for (const account of accounts) {
      if (this.options.signal?.aborted) break;
      await this.signIn(account, http);
    }
  }

  /** The sign-in for this account's tenant, when one was made or is under way. */
  result(account: Account): Promise<AdminSignInResult> | undefined {
    return isOffice365OAuth(account) ? this.#sessions.get(this.key(account)) : undefined;
  }

  /** Tenants written as a domain → their GUID, per sign-in host (`learnTenantIds`). */
  readonly #tenantIds = new Map<string, string>();

  static #tenantKey(account: Office365OAuthAccount): string {
    return `${account.endpoints.login.replace(/\/+$/, '').toLowerCase()}|${account.auth.tenantId.toLowerCase()}`;
  }

  /** One sign-in per tenant (by GUID once known, however the file writes it), client and sign-in host. */
  key(account: Office365OAuthAccount): string {
    const login = account.endpoints.login.replace(/\/+$/, '').toLowerCase();
    const written = account.auth.tenantId.toLowerCase();
    return [login, this.#tenantIds.get(AdminSessions.#tenantKey(account)) ?? written, adminClientId(account)].join('|');
  }

  /**
   * Two accounts of one tenant, one written with its domain and one with its GUID, must not make the
   * administrator sign in twice: each tenant written as a domain is looked up once in its public OpenID
   * discovery document (the issuer names the GUID; no secret, the same host as the sign-in). A lookup that
   * fails changes nothing: that account keeps its own sign-in, and entra.tenant says what is wrong.
   */
  async learnTenantIds(accounts: readonly Office365OAuthAccount[], http: HttpSettings): Promise<void> {
    const pending = new Map<string, Office365OAuthAccount>();
    for (const account of accounts) {
      const tenant = account.auth.tenantId;
      if (tenant && !GUID.test(tenant)) pending.set(AdminSessions.#tenantKey(account), account);
      else if (tenant) this.#tenantIds.set(AdminSessions.#tenantKey(account), tenant.toLowerCase());
    }
    await Promise.all(
      [...pending].map(async ([key, account]) => {
        try {
          const url = openIdConfigurationUrl(account.endpoints.login, account.auth.tenantId);
          const answer = await fetchJson(url, { method: 'GET', maxBytes: 64 * 1024, traceLabel: url }, http);
          const issuer: unknown = answer.json && typeof answer.json === 'object' ? Reflect.get(answer.json, 'issuer') : undefined;
          const tenantId = answer.status === 200 && typeof issuer === 'string' ? tenantIdOfIssuer(issuer) : undefined;
          if (tenantId) this.#tenantIds.set(key, tenantId);
        } catch {
          // Not reachable or not a tenant: the sign-in and entra.tenant report it.
        }
      }),
    );
  }

  /** The sign-in for this account's tenant (started now, or the one already made or under way). */
  signIn(candidate: Account, http: HttpSettings): Promise<AdminSignInResult> {
    const account = expectKind(candidate, isOffice365OAuth, 'AdminSessions.signIn');
    const key = this.key(account);
    const existing = this.#sessions.get(key);
    if (existing) return existing;
    const clientId = adminClientId(account);
    const run = async (): Promise<AdminSignInResult> => {
      const unavailable = signInUnavailable(this.interaction, this.options.env);
      if (unavailable) return { ok: false, clientId, failure: { kind: 'unavailable', reason: unavailable } };
      this.interaction.say(
        msg(clientId === GRAPH_CLI_CLIENT_ID ? 'entra.signin.start' : 'entra.signin.startOwnClient', {
          tenant: account.auth.tenantId,
          client: clientId,
          scopes: ADMIN_GRAPH_PERMISSIONS.join(', '),
        }),
      );
      if (account.admin?.user) this.interaction.say(msg('entra.signin.as', { user: account.admin.user }));
      const result = await signInAdministrator({
        login: account.endpoints.login,
        tenant: account.auth.tenantId,
        clientId,
        graph: graphOrigin(account),
        ...(account.admin?.user ? { loginHint: account.admin.user } : {}),
        http,
        interaction: this.interaction,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        ...(this.options.env ? { env: this.options.env } : {}),
      });
      this.interaction.say(
        result.ok
          ? msg('entra.signin.done', { user: result.username ?? '—', tenant: account.auth.tenantId })
          : msg('entra.signin.failed', { tenant: account.auth.tenantId }),
      );
      return result;
    };
    const session = this.#queue.then(run, run);
    this.#queue = session.catch(() => undefined);
    this.#sessions.set(key, session);
    return session;
  }
}
