/**
 * Mail permissions by name (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth): what each flow needs, and the GUIDs of an app's
 * `requiredResourceAccess` or of its grants resolved to names through the resource's own service principal
 * (`appRoles` for `Role`, `oauth2PermissionScopes` for `Scope`) — never by a hard-coded GUID. Delegated
 * IMAP/POP/SMTP exist under both Office 365 Exchange Online and Microsoft Graph and either is accepted; a
 * GUID of one resource listed under the other (the manifest trap, docs/provider-facts.md §Exchange permissions) is found and named.
 */
import type { Office365OAuthAccount } from '../../../config/types.js';
import { entraAccount } from './remediation.js';
import { msg } from '../../../i18n/index.js';
import { EXCHANGE_RESOURCE_APP_ID, GRAPH_RESOURCE_APP_ID } from '../../../identity/graph.js';
import { type GraphApplication, type GraphServicePrincipal } from '../../../identity/graph-resources.js';
import type { CheckContext, CheckOutcome } from '../../../core/check.js';
import { NEEDS, readProblemOutcome, readServicePrincipalByAppId, readerEvidence } from './directory.js';
import { ADMIN_CENTERS } from '../../../providers/microsoft/portals.js';

export type PermissionType = 'Role' | 'Scope';
export type MailResource = 'exchange' | 'graph';

export const RESOURCE_APP_IDS: Readonly<Record<MailResource, string>> = { exchange: EXCHANGE_RESOURCE_APP_ID, graph: GRAPH_RESOURCE_APP_ID };
export const RESOURCE_NAMES: Readonly<Record<MailResource, string>> = { exchange: 'Office 365 Exchange Online', graph: 'Microsoft Graph' };

export interface NeededPermissions {
  readonly type: PermissionType;
  /** Without these the flow does not work. */
  readonly required: readonly string[];
  /** Recommended: `offline_access` (refresh tokens, so Tactium keeps access without a new sign-in). */
  readonly recommended: readonly string[];
  /** Where they may be: application permissions exist only under Exchange; delegated ones under either. */
  readonly resources: readonly MailResource[];
}

/** What the account's flow and protocols need (its incoming protocol's permission, and SMTP's). */
export function neededPermissions(account: Office365OAuthAccount): NeededPermissions {
  const pop = account.incoming.protocol === 'pop3';
  if (account.auth.flow === 'application') {
    return { type: 'Role', required: [pop ? 'POP.AccessAsApp' : 'IMAP.AccessAsApp', 'SMTP.SendAsApp'], recommended: [], resources: ['exchange'] };
  }
  return {
    type: 'Scope',
    required: [pop ? 'POP.AccessAsUser.All' : 'IMAP.AccessAsUser.All', 'SMTP.Send'],
    recommended: ['offline_access'],
    resources: ['exchange', 'graph'],
  };
}

/** The same protocol's permission of the other kind: application ↔ delegated (both kinds exist for IMAP, POP and SMTP). */
export const COUNTERPARTS: Readonly<Record<string, string>> = {
  'IMAP.AccessAsApp': 'IMAP.AccessAsUser.All',
  'POP.AccessAsApp': 'POP.AccessAsUser.All',
  'SMTP.SendAsApp': 'SMTP.Send',
  'IMAP.AccessAsUser.All': 'IMAP.AccessAsApp',
  'POP.AccessAsUser.All': 'POP.AccessAsApp',
  'SMTP.Send': 'SMTP.SendAsApp',
};

export type MailResources = Readonly<Record<MailResource, GraphServicePrincipal | undefined>>;

/**
 * The Exchange and Graph service principals with their published permissions. Exchange's missing means the
 * tenant has no Exchange Online (AADSTS500011 at token time) — a failure for mail.
 */
export async function readMailResources(
  context: CheckContext,
): Promise<{ readonly ok: true; readonly resources: MailResources } | { readonly ok: false; readonly outcome: CheckOutcome }> {
  const [exchange, graph] = await Promise.all([
    readServicePrincipalByAppId(context, EXCHANGE_RESOURCE_APP_ID),
    readServicePrincipalByAppId(context, GRAPH_RESOURCE_APP_ID),
  ]);
  if (!exchange.ok) {
    if (!('noAccess' in exchange) && exchange.failure.kind === 'not-found') {
      return {
        ok: false,
        outcome: {
          status: 'fail',
          code: 'ENTRA_EXCHANGE_NOT_IN_TENANT',
          summary: msg('entra.permissions.noExchange', { tenant: entraAccount(context).auth.tenantId }),
          evidence: readerEvidence(exchange.via),
          remediation: [{ kind: 'portal', message: msg('entra.fix.exchangeLicence'), target: ADMIN_CENTERS[context.account.cloud] }],
        },
      };
    }
    return { ok: false, outcome: readProblemOutcome(context, exchange, NEEDS.applications) };
  }
  if (!graph.ok && ('noAccess' in graph || graph.failure.kind !== 'not-found'))
    return { ok: false, outcome: readProblemOutcome(context, graph, NEEDS.applications) };
  return { ok: true, resources: { exchange: exchange.value, graph: graph.ok ? graph.value : undefined } };
}

/** A GUID resolved on one resource. */
export interface NamedPermission {
  readonly id: string;
  readonly name: string;
  readonly type: PermissionType;
  readonly resource: MailResource;
}

/** A GUID listed under one resource that belongs to the other (or to the other type). */
export interface MisplacedPermission {
  readonly id: string;
  readonly type: PermissionType;
  readonly listedUnder: MailResource;
  readonly name: string;
  readonly belongsTo: MailResource;
  readonly actualType: PermissionType;
}

function lookup(resource: GraphServicePrincipal | undefined, id: string, type: PermissionType): string | undefined {
  if (!resource) return undefined;
  const list = type === 'Role' ? resource.appRoles : resource.oauth2PermissionScopes;
  return list.find((permission) => permission.id === id)?.value;
}

/** An ID on any mail resource, any type: where it really belongs. */
function locate(resources: MailResources, id: string): { name: string; resource: MailResource; type: PermissionType } | undefined {
  for (const resource of ['exchange', 'graph'] as const) {
    for (const type of ['Scope', 'Role'] as const) {
      const name = lookup(resources[resource], id, type);
      if (name) return { name, resource, type };
    }
  }
  return undefined;
}

/** The configured permissions of the mail resources, by name; and GUIDs that sit under the wrong resource. */
export function resolveConfigured(
  application: GraphApplication,
  resources: MailResources,
): { readonly named: NamedPermission[]; readonly misplaced: MisplacedPermission[]; readonly unknown: { id: string; resource: MailResource }[] } {
  const named: NamedPermission[] = [];
  const misplaced: MisplacedPermission[] = [];
  const unknown: { id: string; resource: MailResource }[] = [];
  for (const entry of application.requiredResourceAccess) {
    const resource: MailResource | undefined =
      entry.resourceAppId === EXCHANGE_RESOURCE_APP_ID ? 'exchange' : entry.resourceAppId === GRAPH_RESOURCE_APP_ID ? 'graph' : undefined;
    if (!resource) continue;
    for (const access of entry.resourceAccess) {
      const type: PermissionType = access.type === 'Role' ? 'Role' : 'Scope';
      const name = lookup(resources[resource], access.id, type);
      if (name) {
        named.push({ id: access.id, name, type, resource });
        continue;
      }
      const elsewhere = locate(resources, access.id);
      if (elsewhere)
        misplaced.push({ id: access.id, type, listedUnder: resource, name: elsewhere.name, belongsTo: elsewhere.resource, actualType: elsewhere.type });
      else unknown.push({ id: access.id, resource });
    }
  }
  return { named, misplaced, unknown };
}

/** The names held of a type on the resources a flow accepts. */
export function namesHeld(named: readonly { name: string; type: PermissionType; resource: MailResource }[], needed: NeededPermissions): Set<string> {
  return new Set(
    named.filter((permission) => permission.type === needed.type && needed.resources.includes(permission.resource)).map((permission) => permission.name),
  );
}

/** `IMAP.AccessAsApp (Office 365 Exchange Online, application)` */
export function describePermission(permission: { name: string; type: PermissionType; resource: MailResource }): string {
  return `${permission.name} (${RESOURCE_NAMES[permission.resource]}, ${permission.type === 'Role' ? 'application' : 'delegated'})`;
}
