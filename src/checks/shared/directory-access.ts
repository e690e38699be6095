/**
 * How the directory checks read Microsoft Graph, decided once per account:
 * 1. with `--admin`, the administrator's delegated token (the run's sign-in for this tenant, signin/admin.ts);
 * 2. otherwise — or when that sign-in could not happen — the app's own client-credentials token for Graph
 *    (`{graph}/.default`), which reads the directory when the app holds Application.Read.All /
 *    Directory.Read.All application permissions (docs/provider-facts.md §Graph permissions).
 * Neither → the checks skip, saying how to unlock them. Tokens live in the account's memo and the run's
 * sign-in memo only, never printed.
 */
import type { CheckContext } from '../../core/check.js';
import { expectKind, isOffice365OAuth } from '../../config/account-kind.js';
import type { AdminSignInResult, SignInFailure } from '../../signin/admin.js';
import { acquireAppToken, type AppTokenResult, type TokenFailure } from '../../identity/entra-client.js';
import { appTokenUnavailable } from '../../identity/entra-app-token.js';
import { graphAccess, graphDefaultScope, type GraphAccess } from '../../identity/graph.js';
import { httpSettings } from './http-settings.js';

/** The memo keys (`context.shared`) of the Graph app token and of the access decision. */
export const GRAPH_APP_TOKEN_MEMO = 'entra.graph-app-token';
export const DIRECTORY_ACCESS_MEMO = 'entra.directory-access';

/** Why the app's own token could not be used to read the directory. */
export type AppGraphProblem =
  { readonly kind: 'no-credentials' } | { readonly kind: 'token-given' } | { readonly kind: 'token-failed'; readonly failure: TokenFailure };

/** Why the administrator's token could not be used. */
export type AdminProblem =
  | { readonly kind: 'not-requested' }
  | { readonly kind: 'no-terminal' }
  /** `deviceCodeRefused`: why device code gave way to the paste flow, when the paste flow failed too. */
  | { readonly kind: 'sign-in-failed'; readonly failure: SignInFailure; readonly clientId: string; readonly deviceCodeRefused?: SignInFailure };

export type DirectoryAccess =
  | {
      readonly ok: true;
      readonly access: GraphAccess;
      /** The administrator's sign-in, when the access is the app's because that sign-in failed. */
      readonly admin: AdminProblem | undefined;
      readonly signIn?: Extract<AdminSignInResult, { ok: true }>;
    }
  | { readonly ok: false; readonly admin: AdminProblem; readonly app: AppGraphProblem };

/** The app's client-credentials token for Graph, once per account. */
export function graphAppToken(context: CheckContext): Promise<AppTokenResult> {
  const account = expectKind(context.account, isOffice365OAuth, 'graphAppToken');
  return context.shared.once(GRAPH_APP_TOKEN_MEMO, async () => {
    const { tenantId, clientId, clientSecret } = account.auth;
    // Asked for only when appTokenUnavailable found the secret there.
    if (!clientSecret) throw new Error('graphAppToken called for an account without clientSecret');
    return acquireAppToken({
      login: account.endpoints.login,
      tenant: tenantId,
      clientId,
      clientSecret,
      scope: graphDefaultScope(account),
      http: httpSettings(context),
    });
  });
}

async function adminToken(context: CheckContext): Promise<{ result: Extract<AdminSignInResult, { ok: true }> } | { problem: AdminProblem }> {
  if (!context.options.admin) return { problem: { kind: 'not-requested' } };
  const signIns = context.services.signIns;
  if (!signIns?.admin) return { problem: { kind: 'no-terminal' } };
  // Prepared by the CLI for the accounts a selected check that needs 'admin' applies to; another (a check
  // that only uses it when there, such as entra.object-id alone) reads with the app's token.
  const prepared = signIns.admin.result(context.account);
  if (!prepared) return { problem: { kind: 'not-requested' } };
  const result = await prepared;
  if (result.ok) return { result };
  return {
    problem: {
      kind: 'sign-in-failed',
      failure: result.failure,
      clientId: result.clientId,
      ...(result.deviceCodeRefused ? { deviceCodeRefused: result.deviceCodeRefused } : {}),
    },
  };
}

async function decide(context: CheckContext): Promise<DirectoryAccess> {
  const { account } = context;
  const admin = await adminToken(context);
  if ('result' in admin) {
    return {
      ok: true,
      access: graphAccess(account, admin.result.token, 'admin', admin.result.username ?? admin.result.userId ?? '—'),
      admin: undefined,
      signIn: admin.result,
    };
  }
  const why = appTokenUnavailable(account);
  if (why === 'not-office365' || why === 'no-credentials') return { ok: false, admin: admin.problem, app: { kind: 'no-credentials' } };
  if (why === 'token-given') return { ok: false, admin: admin.problem, app: { kind: 'token-given' } };
  const token = await graphAppToken(context);
  if (!token.ok) return { ok: false, admin: admin.problem, app: { kind: 'token-failed', failure: token.failure } };
  return {
    ok: true,
    access: graphAccess(account, token.token, 'application', account.auth.clientId ?? '—'),
    admin: admin.problem.kind === 'not-requested' ? undefined : admin.problem,
  };
}

/** The account's way into the directory, decided once (concurrent checks share the decision). */
export function directoryAccess(context: CheckContext): Promise<DirectoryAccess> {
  return context.shared.once(DIRECTORY_ACCESS_MEMO, () => decide(context));
}
