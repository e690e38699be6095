/**
 * What the directory checks (entra.app, entra.redirect-uri, entra.secret-expiry, entra.permissions,
 * entra.admin-consent, entra.admin-user, entra.mailbox) share: the Graph reads, made once per account and
 * shared through the account's memo (the app registration is read once for four checks), the evidence of who
 * read the directory, and the outcome of a read that failed — `skip` when the directory refused to answer or
 * could not be reached with any identity (decided at run time), with exactly what unlocks it; `fail` with
 * evidence when Graph was unreachable, throttled or broken.
 */
import path from 'node:path';
import { entraAccount } from './remediation.js';
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import { ADMIN_GRAPH_PERMISSIONS } from '../../../signin/admin.js';
import { directoryAccess, type AdminProblem, type DirectoryAccess } from '../../shared/directory-access.js';
import type { TokenFailure } from '../../../identity/entra-client.js';
import { graphGet, graphList, odataString, type GraphAccess, type GraphFailure } from '../../../identity/graph.js';
import {
  APPLICATION_SELECT,
  SERVICE_PRINCIPAL_SELECT,
  USER_SELECT,
  readApplication,
  readServicePrincipal,
  readUser,
  type GraphApplication,
  type GraphServicePrincipal,
  type GraphUser,
} from '../../../identity/graph-resources.js';
import { httpSettings } from '../../shared/http-settings.js';
import type { CheckContext, CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { httpFailureOutcome } from './network-outcome.js';
import { adminConsentStep, office365OAuth } from './remediation.js';
import { ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { signInProblemEvidence, signInProblemFixes, signInFailureCode } from './sign-in-outcome.js';

/** What a Graph read needs, by caller: the least-privileged permissions (each Graph API reference page's Permissions table). */
export interface DirectoryNeed {
  /** Application permissions of the app's own token. */
  readonly application: readonly string[];
  /** Delegated scopes of the administrator's token (what `--admin` asks for). */
  readonly delegated: readonly string[];
}

export const NEEDS = {
  /** application-get, serviceprincipal-get, serviceprincipal-list-approleassignments. */
  applications: { application: ['Application.Read.All'], delegated: ['Directory.Read.All'] },
  /** serviceprincipal-list-oauth2permissiongrants: Directory.Read.All is the least privileged for both. */
  grants: { application: ['Directory.Read.All'], delegated: ['Directory.Read.All'] },
  /** user-get with accountEnabled and assignedLicenses. */
  users: { application: ['User.Read.All'], delegated: ['Directory.Read.All'] },
  /** rbacapplication-list-roleassignments. */
  roles: { application: ['RoleManagement.Read.Directory'], delegated: ['RoleManagement.Read.Directory'] },
} as const satisfies Record<string, DirectoryNeed>;

/** The application permissions that unlock every directory check for the app's own token. */
export const APP_DIRECTORY_PERMISSIONS = ['Application.Read.All', 'Directory.Read.All', 'RoleManagement.Read.Directory'] as const;

/** The directory checks apply to Office 365 OAuth accounts with a tenant and a client ID. */
export function directoryApplies(account: Account): true | Message {
  const base = office365OAuth(account);
  if (base !== true) return base;
  if (!account.auth.tenantId || !account.auth.clientId) return msg('entra.notApplicable.noIds');
  return true;
}

export type DirectoryRead<T> =
  | { readonly ok: true; readonly value: T; readonly access: GraphAccess; readonly via: Extract<DirectoryAccess, { ok: true }> }
  | { readonly ok: false; readonly failure: GraphFailure; readonly access: GraphAccess; readonly via: Extract<DirectoryAccess, { ok: true }> }
  | { readonly ok: false; readonly noAccess: Extract<DirectoryAccess, { ok: false }> };

type Reader<T> = (access: GraphAccess, via: Extract<DirectoryAccess, { ok: true }>) => Promise<DirectoryRead<T>>;

/** One memoized read per account and key: concurrent checks share the request. */
function memoRead<T>(context: CheckContext, key: string, read: Reader<T>): Promise<DirectoryRead<T>> {
  return context.shared.once(`entra.graph.${key}`, async () => {
    const via = await directoryAccess(context);
    if (!via.ok) return { ok: false, noAccess: via };
    return read(via.access, via);
  });
}

function single<T>(
  context: CheckContext,
  key: string,
  path: string,
  reader: (json: unknown) => T | undefined,
  headers?: Record<string, string>,
): Promise<DirectoryRead<T>> {
  return memoRead(context, key, async (access, via) => {
    const result = await graphGet(access, path, httpSettings(context), headers ? { headers } : {});
    if (!result.ok) return { ok: false, failure: result.failure, access, via };
    const value = reader(result.value);
    if (value === undefined)
      return {
        ok: false,
        failure: { kind: 'unexpected', path, status: 200, contentType: 'application/json', snippet: 'not the expected object' },
        access,
        via,
      };
    return { ok: true, value, access, via };
  });
}

/** `GET /applications(appId='{clientId}')`: the app registration (home tenant only). */
export function readRegistration(context: CheckContext): Promise<DirectoryRead<GraphApplication>> {
  const appId = entraAccount(context).auth.clientId.toLowerCase();
  return single(context, 'application', `/applications(appId=${odataString(appId)})?$select=${APPLICATION_SELECT}`, readApplication);
}

/** `GET /servicePrincipals(appId='…')`: an enterprise application / resource with its published permissions. */
export function readServicePrincipalByAppId(context: CheckContext, appId: string): Promise<DirectoryRead<GraphServicePrincipal>> {
  const id = appId.toLowerCase();
  return single(context, `sp.${id}`, `/servicePrincipals(appId=${odataString(id)})?$select=${SERVICE_PRINCIPAL_SELECT}`, readServicePrincipal);
}

/**
 * A user by UPN or object ID; a mailbox address that is not a UPN is looked up among mail addresses and
 * aliases (`proxyAddresses`, an advanced query: ConsistencyLevel eventual + $count,
 * https://learn.microsoft.com/graph/aad-advanced-queries).
 */
export type FoundUser = GraphUser & { readonly matchedBy: 'upn' | 'alias' };

export function readUserByAddress(context: CheckContext, address: string): Promise<DirectoryRead<FoundUser>> {
  const wanted = address.trim().toLowerCase();
  return memoRead<FoundUser>(context, `user.${wanted}`, async (access, via) => {
    const http = httpSettings(context);
    const direct = await graphGet(access, `/users/${encodeURIComponent(wanted)}?$select=${USER_SELECT}`, http);
    if (direct.ok) {
      const user = readUser(direct.value);
      if (user) return { ok: true, value: { ...user, matchedBy: 'upn' }, access, via };
    } else if (direct.failure.kind !== 'not-found') {
      return { ok: false, failure: direct.failure, access, via };
    }
    const filter = `mail eq ${odataString(wanted)} or proxyAddresses/any(x:x eq ${odataString(`smtp:${wanted}`)})`;
    const listed = await graphList(access, `/users?$filter=${encodeURIComponent(filter)}&$count=true&$select=${USER_SELECT}`, http, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    // The alias search is a second chance: a query this directory will not run leaves the plain "not found".
    if (!listed.ok && listed.failure.kind === 'bad-request' && !direct.ok) return { ok: false, failure: direct.failure, access, via };
    if (!listed.ok) return { ok: false, failure: listed.failure, access, via };
    const found = listed.value.map(readUser).find((user): user is GraphUser => user !== undefined);
    if (found) return { ok: true, value: { ...found, matchedBy: 'alias' }, access, via };
    if (direct.ok)
      return {
        ok: false,
        failure: { kind: 'unexpected', path: `/users/${wanted}`, status: 200, contentType: 'application/json', snippet: 'not a user object' },
        access,
        via,
      };
    return { ok: false, failure: direct.failure, access, via };
  });
}

/** A list read through the same access (not memoized: each check asks for its own collection). */
export async function readList(context: CheckContext, path: string): Promise<DirectoryRead<unknown[]>> {
  const via = await directoryAccess(context);
  if (!via.ok) return { ok: false, noAccess: via };
  const result = await graphList(via.access, path, httpSettings(context));
  if (!result.ok) return { ok: false, failure: result.failure, access: via.access, via };
  return { ok: true, value: result.value, access: via.access, via };
}

// ---------------------------------------------------------------------------------------------------
// Evidence and outcomes

/** Who read the directory: the administrator (and how they signed in) or the app with its own permissions. */
export function readerEvidence(via: Extract<DirectoryAccess, { ok: true }>): Evidence[] {
  const evidence: Evidence[] = [];
  if (via.access.caller === 'admin') {
    const how = via.signIn?.step === 'authorization-code' ? 'authorization code (pasted)' : 'device code';
    evidence.push({ label: 'entra.evidence.directoryReader', value: `${via.access.who} (--admin, ${how}, client ${via.signIn?.clientId ?? '—'})` });
  } else {
    evidence.push({ label: 'entra.evidence.directoryReader', value: `app ${via.access.who} (its own application permissions)` });
  }
  if (via.admin?.kind === 'sign-in-failed') evidence.push({ label: 'entra.evidence.adminSignIn', value: signInFailureCode(via.admin.failure) });
  return evidence;
}

function graphFailureEvidence(failure: GraphFailure): Evidence[] {
  const evidence: Evidence[] = [{ label: 'entra.evidence.graphRequest', value: `GET ${failure.path}` }];
  if (failure.kind === 'network') return evidence;
  evidence.push({ label: 'entra.evidence.httpStatus', value: String(failure.status) });
  if (failure.kind === 'unexpected') {
    if (failure.contentType) evidence.push({ label: 'entra.evidence.contentType', value: failure.contentType });
    if (failure.snippet) evidence.push({ label: 'entra.evidence.answer', value: failure.snippet });
    return evidence;
  }
  if (failure.error.code) evidence.push({ label: 'entra.evidence.graphCode', value: failure.error.code });
  if (failure.error.message) evidence.push({ label: 'entra.evidence.graphMessage', value: failure.error.message });
  if (failure.kind === 'throttled' && failure.retryAfter) evidence.push({ label: 'entra.evidence.retryAfter', value: failure.retryAfter });
  if (failure.error.requestId) evidence.push({ label: 'entra.evidence.graphRequestId', value: failure.error.requestId });
  return evidence;
}

/** The `check` command line that unlocks the directory checks with an administrator sign-in. */
function adminCommand(context: CheckContext): string {
  return `tactium-preflight check ${path.basename(context.config.file)} --admin --only entra --account ${context.account.name}`;
}

/**
 * How to unlock the directory for this account: `--admin`, or application permissions for the app — all
 * of those the directory checks use, so that one visit to the portal unlocks every one of them.
 */
export function unlockFixes(context: CheckContext): Remediation[] {
  const account = entraAccount(context);
  const appPermissions = APP_DIRECTORY_PERMISSIONS.join(', ');
  return [
    { kind: 'command', message: msg('entra.directory.fix.admin', { scopes: ADMIN_GRAPH_PERMISSIONS.join(', ') }), target: adminCommand(context) },
    {
      kind: 'portal',
      message: msg('entra.directory.fix.appPermissions', { app: account.auth.clientId, permissions: appPermissions }),
      target: ENTRA_PORTALS[account.cloud],
    },
    adminConsentStep(account),
  ];
}

/**
 * `--admin` was asked for and the administrator's sign-in did not happen (declined, refused, no terminal):
 * that is what the row says first, with its own fix — also when the app's own token then tried and was
 * refused too (the person asked for an administrator's view, not the app's). `evidence` comes after the
 * sign-in's.
 */
function adminSignInFailedOutcome(
  context: CheckContext,
  admin: Extract<AdminProblem, { kind: 'sign-in-failed' }>,
  evidence: readonly Evidence[],
): CheckOutcome {
  const collected: Evidence[] = [...signInProblemEvidence(admin.failure, admin.clientId)];
  const remediation: Remediation[] = [...signInProblemFixes(context, admin.failure, admin.clientId)];
  // The paste flow failed after device code was refused: both reasons, both fixes.
  if (admin.deviceCodeRefused) {
    collected.push(...signInProblemEvidence(admin.deviceCodeRefused, admin.clientId).filter((item) => item.label !== 'entra.evidence.signInClient'));
    remediation.push(...signInProblemFixes(context, admin.deviceCodeRefused, admin.clientId));
  }
  remediation.push(...unlockFixes(context).slice(1));
  const unavailable = admin.failure.kind === 'unavailable';
  return {
    status: 'skip',
    code: unavailable ? 'ENTRA_ADMIN_SIGNIN_UNAVAILABLE' : 'ENTRA_ADMIN_SIGNIN_FAILED',
    summary: unavailable
      ? msg(admin.failure.reason === 'ci' ? 'entra.directory.adminNeedsTerminalCi' : 'entra.directory.adminNeedsTerminal')
      : msg('entra.directory.adminFailed', { code: signInFailureCode(admin.failure) }),
    evidence: [...collected, ...evidence.filter((item) => item.label !== 'entra.evidence.adminSignIn')],
    remediation,
  };
}

/** The outcome when no identity could read the directory. */
export function noAccessOutcome(context: CheckContext, noAccess: Extract<DirectoryAccess, { ok: false }>): CheckOutcome {
  const evidence: Evidence[] = [];
  const { admin, app } = noAccess;
  if (app.kind === 'token-failed') evidence.push({ label: 'entra.evidence.appGraphToken', value: appTokenFailureText(app.failure) });
  if (app.kind === 'no-credentials') evidence.push({ label: 'entra.evidence.appGraphToken', value: 'no client secret configured' });
  if (app.kind === 'token-given') evidence.push({ label: 'entra.evidence.appGraphToken', value: 'auth.accessToken given: no client secret to ask Graph with' });
  if (admin.kind === 'sign-in-failed') return adminSignInFailedOutcome(context, admin, evidence);
  if (admin.kind === 'no-terminal') {
    return {
      status: 'skip',
      code: 'ENTRA_ADMIN_SIGNIN_UNAVAILABLE',
      summary: msg('entra.directory.adminNeedsTerminal'),
      evidence,
      remediation: unlockFixes(context).slice(1),
    };
  }
  return {
    status: 'skip',
    code: 'ENTRA_DIRECTORY_NOT_READABLE',
    summary:
      app.kind === 'token-failed' ? appTokenFailedSummary(app.failure) : msg('entra.directory.noAccess', { permissions: APP_DIRECTORY_PERMISSIONS.join(', ') }),
    evidence,
    remediation: unlockFixes(context),
  };
}

/**
 * What happened to the app's Graph token, said as it is: the app's Exchange Online token may well have
 * worked (entra.credentials passes) while Entra refused the Graph one (e.g. AADSTS500011, Graph not in
 * the tenant) or the request never got through; pointing at entra.credentials would contradict it.
 */
function appTokenFailedSummary(failure: TokenFailure): Message {
  const code = appTokenFailureText(failure);
  if (failure.kind === 'entra') return msg('entra.directory.appGraphRefused', { code });
  if (failure.kind === 'network') return msg('entra.directory.appGraphUnreachable', { code });
  return msg('entra.directory.appGraphFailed', { code });
}

function appTokenFailureText(failure: TokenFailure): string {
  switch (failure.kind) {
    case 'entra':
      return failure.body.aadsts !== undefined ? `AADSTS${failure.body.aadsts} (${failure.body.error ?? ''})` : (failure.body.error ?? 'refused');
    case 'network':
      return failure.error.code;
    case 'unexpected-answer':
      return `HTTP ${failure.status} (not Entra's answer)`;
    case 'empty-token':
      return `HTTP ${failure.status ?? '?'} without a token`;
    case 'client':
      return failure.errorCode;
  }
}

/** The outcome of a Graph read that failed (a 404 is the caller's to explain; here it is a plain failure). */
export function graphFailureOutcome(
  context: CheckContext,
  failure: GraphFailure,
  access: GraphAccess,
  via: Extract<DirectoryAccess, { ok: true }>,
  need: DirectoryNeed,
): CheckOutcome {
  const evidence = [...readerEvidence(via), ...graphFailureEvidence(failure)];
  switch (failure.kind) {
    case 'denied': {
      // The administrator's sign-in failed and the app's own token, tried instead, was refused as well.
      if (access.caller !== 'admin' && via.admin?.kind === 'sign-in-failed') return adminSignInFailedOutcome(context, via.admin, evidence);
      const permissions = (access.caller === 'admin' ? need.delegated : need.application).join(', ');
      const fixes = access.caller === 'admin' ? adminDeniedFixes(context, need) : unlockFixes(context);
      return {
        status: 'skip',
        code: 'ENTRA_DIRECTORY_DENIED',
        summary: msg(access.caller === 'admin' ? 'entra.directory.deniedAdmin' : 'entra.directory.deniedApp', {
          status: failure.status,
          code: failure.error.code ?? '—',
          permissions,
          who: access.who,
        }),
        evidence,
        remediation: fixes,
      };
    }
    case 'network':
      return httpFailureOutcome(failure.error, context.account, context.options.stepTimeoutMs, evidence);
    case 'throttled':
      return {
        status: 'fail',
        code: 'GRAPH_THROTTLED',
        summary: msg('entra.directory.throttled', { retryAfter: failure.retryAfter ?? '?' }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.fix.retryLater') }],
      };
    case 'unavailable':
      return {
        status: 'fail',
        code: 'GRAPH_UNAVAILABLE',
        summary: msg('entra.directory.unavailable', { status: failure.status }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.fix.retryLater') }],
      };
    case 'unexpected': {
      const host = new URL(access.base).host;
      return {
        status: 'fail',
        code: 'GRAPH_UNEXPECTED_ANSWER',
        summary: msg('entra.unexpectedAnswer', { host, status: failure.status }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.fix.unexpectedAnswer', { host }) }],
      };
    }
    case 'not-found':
    case 'bad-request':
      return {
        status: 'fail',
        code: failure.kind === 'not-found' ? 'GRAPH_NOT_FOUND' : 'GRAPH_BAD_REQUEST',
        summary: msg('entra.directory.refusedRequest', { status: failure.status, code: failure.error.code ?? '—' }),
        evidence,
        remediation: [],
      };
  }
}

/** The administrator's token was refused: the scope was not consented for the sign-in client, or the admin lacks a role. */
function adminDeniedFixes(context: CheckContext, need: DirectoryNeed): Remediation[] {
  return [{ kind: 'text', message: msg('entra.directory.fix.adminScopes', { scopes: need.delegated.join(', ') }) }, ...unlockFixes(context).slice(1)];
}

/** Any failed read as an outcome: no access → skip with the unlock; a Graph failure → its outcome. */
export function readProblemOutcome<T>(context: CheckContext, read: Extract<DirectoryRead<T>, { ok: false }>, need: DirectoryNeed): CheckOutcome {
  if ('noAccess' in read) return noAccessOutcome(context, read.noAccess);
  return graphFailureOutcome(context, read.failure, read.access, read.via, need);
}

/** The registration was not found (a 404 for the client ID): the same words in every check that reads it. */
export function registrationNotFound(context: CheckContext, via: Extract<DirectoryAccess, { ok: true }>, failure: GraphFailure): CheckOutcome {
  const account = entraAccount(context);
  return {
    status: 'fail',
    code: 'ENTRA_APP_NOT_FOUND',
    summary: msg('entra.app.notFound', { app: account.auth.clientId, tenant: account.auth.tenantId }),
    evidence: [...readerEvidence(via), ...graphFailureEvidence(failure)],
    remediation: [
      {
        kind: 'portal',
        message: msg('entra.fix.checkIds', { app: account.auth.clientId, tenant: account.auth.tenantId }),
        target: ENTRA_PORTALS[account.cloud],
      },
      { kind: 'text', message: msg('entra.fix.appOtherTenant', { tenant: account.auth.tenantId }) },
    ],
  };
}
