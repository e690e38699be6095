/**
 * Graph's JSON resources (applications, service principals, grants, users, roles, groups) read into the fields
 * the checks use. Unknown or missing fields are simply absent.
 */
import type { Secret } from '../secrets/secret.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function flag(object: JsonObject, key: string): boolean | undefined {
  const value = object[key];
  return typeof value === 'boolean' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function redirectUris(object: JsonObject, key: string): string[] {
  const platform = object[key];
  return isObject(platform) ? strings(platform.redirectUris) : [];
}

/** A client secret as Graph lists it (https://learn.microsoft.com/graph/api/resources/passwordcredential). */
export interface GraphPasswordCredential {
  /** The portal's "Secret ID". */
  readonly keyId: string;
  readonly displayName?: string;
  /** The first three characters of the value. Compared, never shown. */
  readonly hint?: string;
  readonly startDateTime?: string;
  readonly endDateTime?: string;
}

/**
 * Whether the secret's value begins with a credential's `hint` (its first three characters): how a secret is
 * recognised when its Secret ID was not given (docs/provider-facts.md §Application object). Compared here,
 * never shown.
 */
export function secretHintMatches(secret: Secret | undefined, hint: string | undefined): boolean {
  return secret !== undefined && hint !== undefined && hint.length > 0 && secret.reveal().startsWith(hint);
}

export interface GraphResourceAccess {
  readonly id: string;
  readonly type: string;
}

export interface GraphRequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly GraphResourceAccess[];
}

/**
 * The app registration (https://learn.microsoft.com/graph/api/resources/application;
 * docs/provider-facts.md §Application object).
 */
export interface GraphApplication {
  /** App registrations "Object ID". */
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string;
  readonly signInAudience?: string;
  readonly isFallbackPublicClient?: boolean;
  readonly web: readonly string[];
  readonly spa: readonly string[];
  readonly publicClient: readonly string[];
  readonly passwordCredentials: readonly GraphPasswordCredential[];
  readonly requiredResourceAccess: readonly GraphRequiredResourceAccess[];
}

export const APPLICATION_SELECT = 'id,appId,displayName,signInAudience,isFallbackPublicClient,web,spa,publicClient,passwordCredentials,requiredResourceAccess';

export function readApplication(json: unknown): GraphApplication | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const appId = text(json, 'appId');
  if (!id || !appId) return undefined;
  // exactOptionalPropertyTypes is off: an absent field is simply undefined.
  return {
    id: id.toLowerCase(),
    appId: appId.toLowerCase(),
    displayName: text(json, 'displayName'),
    signInAudience: text(json, 'signInAudience'),
    isFallbackPublicClient: flag(json, 'isFallbackPublicClient'),
    web: redirectUris(json, 'web'),
    spa: redirectUris(json, 'spa'),
    publicClient: redirectUris(json, 'publicClient'),
    passwordCredentials: objects(json.passwordCredentials).flatMap((credential) => {
      const keyId = text(credential, 'keyId');
      if (!keyId) return [];
      return [
        {
          keyId: keyId.toLowerCase(),
          displayName: text(credential, 'displayName'),
          hint: text(credential, 'hint'),
          startDateTime: text(credential, 'startDateTime'),
          endDateTime: text(credential, 'endDateTime'),
        },
      ];
    }),
    requiredResourceAccess: objects(json.requiredResourceAccess).flatMap((entry) => {
      const resourceAppId = text(entry, 'resourceAppId');
      if (!resourceAppId) return [];
      const resourceAccess = objects(entry.resourceAccess).flatMap((access) => {
        const accessId = text(access, 'id');
        const type = text(access, 'type');
        return accessId && type ? [{ id: accessId.toLowerCase(), type }] : [];
      });
      return [{ resourceAppId: resourceAppId.toLowerCase(), resourceAccess }];
    }),
  };
}

export interface GraphPermission {
  readonly id: string;
  readonly value: string;
  readonly isEnabled?: boolean;
}

/** A service principal (https://learn.microsoft.com/graph/api/resources/serviceprincipal). */
export interface GraphServicePrincipal {
  /** The enterprise application's Object ID. */
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string;
  readonly accountEnabled?: boolean;
  readonly appOwnerOrganizationId?: string;
  /** Application permissions the resource publishes (`Role`). */
  readonly appRoles: readonly GraphPermission[];
  /** Delegated permissions the resource publishes (`Scope`). */
  readonly oauth2PermissionScopes: readonly GraphPermission[];
}

export const SERVICE_PRINCIPAL_SELECT = 'id,appId,displayName,accountEnabled,appOwnerOrganizationId,appRoles,oauth2PermissionScopes';

function permissions(value: unknown): GraphPermission[] {
  return objects(value).flatMap((entry) => {
    const id = text(entry, 'id');
    const permission = text(entry, 'value');
    return id && permission ? [{ id: id.toLowerCase(), value: permission, isEnabled: flag(entry, 'isEnabled') }] : [];
  });
}

export function readServicePrincipal(json: unknown): GraphServicePrincipal | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const appId = text(json, 'appId');
  if (!id || !appId) return undefined;
  return {
    id: id.toLowerCase(),
    appId: appId.toLowerCase(),
    displayName: text(json, 'displayName'),
    accountEnabled: flag(json, 'accountEnabled'),
    appOwnerOrganizationId: text(json, 'appOwnerOrganizationId'),
    appRoles: permissions(json.appRoles),
    oauth2PermissionScopes: permissions(json.oauth2PermissionScopes),
  };
}

/** An application permission granted (https://learn.microsoft.com/graph/api/resources/approleassignment). */
export interface GraphAppRoleAssignment {
  readonly id: string;
  readonly appRoleId: string;
  readonly principalId?: string;
  readonly resourceId: string;
  readonly resourceDisplayName?: string;
}

export function readAppRoleAssignment(json: unknown): GraphAppRoleAssignment | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const appRoleId = text(json, 'appRoleId');
  const resourceId = text(json, 'resourceId');
  if (!id || !appRoleId || !resourceId) return undefined;
  return {
    id,
    appRoleId: appRoleId.toLowerCase(),
    principalId: text(json, 'principalId')?.toLowerCase(),
    resourceId: resourceId.toLowerCase(),
    resourceDisplayName: text(json, 'resourceDisplayName'),
  };
}

/** A delegated permission grant (https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant). */
export interface GraphPermissionGrant {
  readonly id: string;
  /** The client's service principal Object ID. */
  readonly clientId: string;
  readonly consentType: string;
  readonly principalId?: string;
  readonly resourceId: string;
  readonly scopes: readonly string[];
}

export function readPermissionGrant(json: unknown): GraphPermissionGrant | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const clientId = text(json, 'clientId');
  const consentType = text(json, 'consentType');
  const resourceId = text(json, 'resourceId');
  if (!id || !clientId || !consentType || !resourceId) return undefined;
  return {
    id,
    clientId: clientId.toLowerCase(),
    consentType,
    principalId: text(json, 'principalId')?.toLowerCase(),
    resourceId: resourceId.toLowerCase(),
    scopes: (text(json, 'scope') ?? '').split(' ').filter(Boolean),
  };
}

/** A user (https://learn.microsoft.com/graph/api/resources/user). */
export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail?: string;
  readonly displayName?: string;
  readonly accountEnabled?: boolean;
  readonly userType?: string;
  /** SKU IDs of the licences assigned. */
  readonly licences: readonly string[];
}

export const USER_SELECT = 'id,userPrincipalName,mail,displayName,accountEnabled,assignedLicenses,userType';

export function readUser(json: unknown): GraphUser | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const userPrincipalName = text(json, 'userPrincipalName');
  if (!id || !userPrincipalName) return undefined;
  return {
    id: id.toLowerCase(),
    userPrincipalName,
    mail: text(json, 'mail'),
    displayName: text(json, 'displayName'),
    accountEnabled: flag(json, 'accountEnabled'),
    userType: text(json, 'userType'),
    licences: objects(json.assignedLicenses).flatMap((licence) => {
      const sku = text(licence, 'skuId');
      return sku ? [sku.toLowerCase()] : [];
    }),
  };
}

/**
 * An active role assignment (https://learn.microsoft.com/graph/api/resources/unifiedroleassignment) or a
 * PIM eligibility instance (…/unifiedroleeligibilityscheduleinstance): for built-in roles
 * `roleDefinitionId` is the role's template ID.
 */
export interface GraphRoleEntry {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId?: string;
  readonly endDateTime?: string;
}

export function readRoleEntry(json: unknown): GraphRoleEntry | undefined {
  if (!isObject(json)) return undefined;
  const id = text(json, 'id');
  const principalId = text(json, 'principalId');
  const roleDefinitionId = text(json, 'roleDefinitionId');
  if (!id || !principalId || !roleDefinitionId) return undefined;
  return {
    id,
    principalId: principalId.toLowerCase(),
    roleDefinitionId: roleDefinitionId.toLowerCase(),
    directoryScopeId: text(json, 'directoryScopeId'),
    endDateTime: text(json, 'endDateTime'),
  };
}

/**
 * A group as a user's `transitiveMemberOf/microsoft.graph.group` lists it
 * (https://learn.microsoft.com/graph/api/resources/group). Graph answers `isAssignableToRole: null` for every
 * group not created role-assignable (the group-list and user-list-memberof examples), so null is "no", not
 * "unknown". A caller that may read users but not groups gets "limited information": the ID, every other
 * property null — recognisable by the displayName, which every group has (it is required), being null.
 */
export interface GraphGroup {
  readonly id: string;
  readonly displayName?: string;
  readonly isAssignableToRole: boolean;
  /** Listed with its ID only (limited information): whether it is role-assignable is not known. */
  readonly limited: boolean;
}

export const ROLE_GROUP_SELECT = 'id,displayName,isAssignableToRole';

export function readGroup(json: unknown): GraphGroup | undefined {
  if (!isObject(json)) return undefined;
  const type = text(json, '@odata.type');
  if (type !== undefined && type !== '#microsoft.graph.group') return undefined;
  const id = text(json, 'id');
  if (!id) return undefined;
  const displayName = text(json, 'displayName');
  return {
    id: id.toLowerCase(),
    ...(displayName !== undefined ? { displayName } : {}),
    isAssignableToRole: flag(json, 'isAssignableToRole') === true,
    limited: displayName === undefined,
  };
}

/** Every reader for a list: the entries that parse. */
export function readAll<T>(items: readonly unknown[], reader: (json: unknown) => T | undefined): T[] {
  return items.flatMap((item) => {
    const value = reader(item);
    return value === undefined ? [] : [value];
  });
}
