/**
 * entra.exchange-roles (application flow): the Exchange token's claims, decoded and never trust-verified
 * (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference): `aud` is an Exchange identifier, `tid` is the configured tenant, `appid`/`azp` the
 * configured client, and `roles` holds what the configured protocols need — IMAP.AccessAsApp or
 * POP.AccessAsApp for incoming mail, SMTP.SendAsApp for sending (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth). Missing roles fail
 * with the exact permissions to add and the admin-consent URL; no `roles` claim at all may be RBAC for
 * Applications (an Exchange-side role assignment, which leaves the token without roles): a warning, and
 * `exchange.mailbox-access` decides. `full_access_as_app` is EWS, not IMAP.
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { msg } from '../../i18n/index.js';
import { tokenClientId, type AccessTokenClaims } from '../../identity/token-claims.js';
import { appTokenClaims } from './shared/token-failure.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { adminConsentStep, applicationFlow, connectExchangeCommand, tenantGuid } from './shared/remediation.js';
import { smtpRbacForMailbox } from '../../providers/microsoft/powershell.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

/** The identifiers an Exchange Online token may carry as `aud` (v1 URIs, v2 the resource's app ID). */
const EXCHANGE_AUDIENCES = new Set([
  'https://outlook.office365.com',
  'https://outlook.office.com',
  'https://ps.outlook.com',
  'https://outlook.office365.us',
  'https://outlook-dod.office365.us',
  'https://partner.outlook.cn',
  '00000002-0000-0ff1-ce00-000000000000',
]);

export function isExchangeAudience(aud: string | undefined): boolean {
  return aud !== undefined && EXCHANGE_AUDIENCES.has(aud.replace(/\/+$/, '').toLowerCase());
}

/** The app roles the account's protocols need: its incoming protocol's, and SMTP's for sending. */
export function neededRoles(account: Office365OAuthAccount): string[] {
  return [account.incoming.protocol === 'pop3' ? 'POP.AccessAsApp' : 'IMAP.AccessAsApp', 'SMTP.SendAsApp'];
}

/** Expiry and the difference between Entra's clock and this machine's (exp against now + expires_in). */
export function tokenTimeEvidence(claims: AccessTokenClaims, expiresOn: Date | undefined, now: Date): Evidence[] {
  const evidence: Evidence[] = [];
  if (claims.exp !== undefined) {
    const minutes = Math.round((claims.exp * 1000 - now.getTime()) / 60_000);
    evidence.push({ label: 'entra.evidence.tokenExpires', value: `${new Date(claims.exp * 1000).toISOString()} (${minutes} min)` });
    if (expiresOn) {
      const skew = Math.round(claims.exp - expiresOn.getTime() / 1000);
      evidence.push({ label: 'entra.evidence.clockSkew', value: `${skew >= 0 ? '+' : ''}${skew} s` });
    }
  }
  return evidence;
}

function claimsEvidence(claims: AccessTokenClaims, needed: readonly string[]): Evidence[] {
  return [
    { label: 'entra.evidence.audience', value: claims.aud ?? '—' },
    { label: 'entra.evidence.tokenTenant', value: claims.tid ?? '—' },
    { label: 'entra.evidence.tokenClient', value: tokenClientId(claims) ?? '—' },
    { label: 'entra.evidence.roles', value: claims.roles === undefined ? '(no roles claim)' : claims.roles.length > 0 ? claims.roles.join(', ') : '(empty)' },
    { label: 'entra.evidence.neededRoles', value: needed.join(', ') },
  ];
}

function addPermissionsFixes(account: Office365OAuthAccount, roles: readonly string[]): Remediation[] {
  return [
    {
      kind: 'portal',
      message: msg('entra.roles.fix.addPermissions', { app: account.auth.clientId, roles: roles.join(', ') }),
      target: ENTRA_PORTALS[account.cloud],
    },
    { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app: account.auth.clientId }), target: ENTRA_PORTALS[account.cloud] },
    adminConsentStep(account),
  ];
}

/** RBAC for Applications, SMTP (SMTP_RBAC_DOC in providers/microsoft/urls.ts). */
function rbacFixes(account: Office365OAuthAccount): Remediation[] {
  const clientId = account.auth.clientId;
  const [scope, assignment] = smtpRbacForMailbox(clientId, account.mailbox);
  return [
    { kind: 'text', message: msg('entra.roles.fix.rbac') },
    { kind: 'command', message: msg('entra.roles.fix.connect'), target: connectExchangeCommand(account) },
    { kind: 'command', message: msg('entra.roles.fix.managementScope', { mailbox: account.mailbox }), target: scope },
    { kind: 'command', message: msg('entra.roles.fix.rbacAssignment'), target: assignment },
  ];
}

export const entraExchangeRolesCheck = defineCheck({
  id: 'entra.exchange-roles',
  area: 'entra',
  title: 'entra.exchange-roles.title',
  needs: ['network', 'credentials'],
  dependsOn: ['entra.credentials'],
  // The token normally comes from entra.credentials' memo; run alone, it is requested here.
  steps: 1,
  appliesTo: (account) => applicationFlow(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const token = await appTokenClaims(context);
    if ('outcome' in token) return token.outcome;
    const { claims } = token;

    const needed = neededRoles(account);
    const evidence = [...claimsEvidence(claims, needed), ...tokenTimeEvidence(claims, token.expiresOn, context.services.now())];
    const clientId = account.auth.clientId;

    if (!isExchangeAudience(claims.aud)) {
      return {
        status: 'fail',
        code: 'ENTRA_TOKEN_AUDIENCE',
        summary: msg('entra.roles.audience', { aud: claims.aud ?? '—' }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.roles.fix.audience', { cloud: account.cloud }) }],
      };
    }
    const tenant = tenantGuid(context);
    if (tenant && claims.tid && claims.tid.toLowerCase() !== tenant) {
      return {
        status: 'fail',
        code: 'ENTRA_TOKEN_TENANT_MISMATCH',
        summary: msg('entra.roles.tenantMismatch', { tid: claims.tid, tenant }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.roles.fix.tenantMismatch', { tid: claims.tid }) }],
      };
    }
    const client = tokenClientId(claims);
    if (client && client.toLowerCase() !== clientId.toLowerCase()) {
      return {
        status: 'fail',
        code: 'ENTRA_TOKEN_CLIENT_MISMATCH',
        summary: msg('entra.roles.clientMismatch', { appid: client, app: clientId }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.roles.fix.clientMismatch') }],
      };
    }

    if (claims.roles === undefined || claims.roles.length === 0) {
      return {
        status: 'warn',
        code: 'ENTRA_ROLES_NONE',
        summary: msg('entra.roles.none', { roles: needed.join(', ') }),
        evidence,
        remediation: [...addPermissionsFixes(account, needed), ...rbacFixes(account)],
      };
    }
    const held = new Set(claims.roles);
    const missing = needed.filter((role) => !held.has(role));
    if (missing.length === 0) return { status: 'pass', summary: msg('entra.roles.pass', { roles: needed.join(', ') }), evidence };
    if (held.has('full_access_as_app') && missing.length === needed.length) {
      return {
        status: 'fail',
        code: 'ENTRA_ROLES_EWS_ONLY',
        summary: msg('entra.roles.ewsOnly', { roles: needed.join(', ') }),
        evidence,
        remediation: addPermissionsFixes(account, missing),
      };
    }
    return {
      status: 'fail',
      code: 'ENTRA_ROLES_MISSING',
      summary: msg('entra.roles.missing', { missing: missing.join(', '), held: claims.roles.join(', ') }),
      evidence,
      remediation: addPermissionsFixes(account, missing),
    };
  },
});
