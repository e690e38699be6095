/**
 * The Entra checks' shared pieces: who they apply to, evidence of Entra's error answers, and the fixes with
 * this account's values (portals, PowerShell lines and documentation from ../../providers/microsoft/).
 */
import type { Account, Cloud, Office365OAuthAccount } from '../../../config/types.js';
import { expectKind, isOffice365OAuth } from '../../../config/account-kind.js';
import { CLOUD_HOSTS } from '../../../config/defaults.js';
import { GUID_PATTERN } from '../../../config/schema.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import { descriptionHeadline, type EntraErrorBody } from '../../../identity/aadsts.js';
import { adminConsentUrl } from '../../../identity/entra-client.js';
import { connectExchangeOnline } from '../../../providers/microsoft/powershell.js';
import { ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { scrub } from '../../../secrets/redact.js';
import type { CheckContext, Evidence, Remediation } from '../../../core/check.js';

/** The memo key under which `entra.tenant` leaves what it learnt (the tenant's GUID, its cloud). */
export const TENANT_MEMO = 'entra.tenant';

export interface TenantFacts {
  /** The tenant's GUID, read from the discovery document's issuer. */
  readonly tenantId?: string;
  /** The cloud the discovery document says the tenant lives in, when it says. */
  readonly cloud?: Cloud;
}

/** The tenant's GUID: as configured when it is one, else what `entra.tenant` resolved the domain to. */
export function tenantGuid(context: CheckContext): string | undefined {
  const configured = entraAccount(context).auth.tenantId;
  if (configured && GUID_PATTERN.test(configured)) return configured.toLowerCase();
  return context.shared.get<TenantFacts>(TENANT_MEMO)?.tenantId;
}

/** Office 365 with OAuth: the accounts every Entra check is about. */
export function office365OAuth(account: Account): true | Message {
  if (account.provider !== 'office365') return msg('entra.notApplicable.notOffice365', { provider: account.provider });
  if (account.auth.method !== 'oauth2') return msg('entra.notApplicable.notOAuth');
  return true;
}

/** The account of a check whose `appliesTo` admits Office 365 OAuth accounts only (`office365OAuth`). */
export function entraAccount(context: { readonly account: Account }): Office365OAuthAccount {
  return expectKind(context.account, isOffice365OAuth, 'an Entra check');
}

/** The checks that get a token themselves: not when the file gives one (acquisition is then not tested). */
export function acquiresToken(account: Account): true | Message {
  const base = office365OAuth(account);
  if (base !== true) return base;
  if (account.auth.accessToken) return msg('entra.notApplicable.tokenGiven');
  if (!account.auth.clientSecret || account.auth.clientSecret.isEmpty) return msg('entra.notApplicable.noSecret');
  if (!account.auth.tenantId || !account.auth.clientId) return msg('entra.notApplicable.noIds');
  return true;
}

/** The checks about the application flow's token (roles, Object ID). */
export function applicationFlow(account: Account): true | Message {
  const base = acquiresToken(account);
  if (base !== true) return base;
  if (account.auth.flow !== 'application') return msg('entra.notApplicable.notApplicationFlow');
  return true;
}

/** Evidence of an error answer from Entra: the AADSTS number, its words, and the IDs Microsoft support asks for. */
export function entraAnswerEvidence(body: EntraErrorBody, status?: number): Evidence[] {
  const evidence: Evidence[] = [];
  if (body.aadsts !== undefined) evidence.push({ label: 'entra.evidence.aadsts', value: `AADSTS${body.aadsts}` });
  if (body.error) evidence.push({ label: 'entra.evidence.oauthError', value: status !== undefined ? `${body.error} (HTTP ${status})` : body.error });
  if (body.description) evidence.push({ label: 'entra.evidence.entraMessage', value: scrub(descriptionHeadline(body.description)) });
  if (body.correlationId) evidence.push({ label: 'entra.evidence.correlationId', value: body.correlationId });
  if (body.traceId) evidence.push({ label: 'entra.evidence.traceId', value: body.traceId });
  if (body.timestamp) evidence.push({ label: 'entra.evidence.timestamp', value: body.timestamp });
  return evidence;
}

/** The YAML line that selects a cloud, as the user writes it under the account. */
export function cloudYaml(cloud: Cloud): string {
  return `cloud: ${cloud}`;
}

/** Fixes for a tenant Entra does not know (AADSTS90002) or cannot read (900023). */
export function tenantFixes(account: Office365OAuthAccount, malformed: boolean): Remediation[] {
  const tenant = account.auth.tenantId;
  const portal = ENTRA_PORTALS[account.cloud];
  const fixes: Remediation[] = [{ kind: 'portal', message: msg('entra.fix.tenantId'), target: portal }];
  if (malformed) {
    fixes.push({ kind: 'text', message: msg('entra.fix.tenantMalformed', { tenant }) });
  } else if (!GUID_PATTERN.test(tenant)) {
    fixes.push({ kind: 'text', message: msg('entra.fix.tenantDomain', { tenant }) });
  }
  const others = (['global', 'usgov', 'china'] as const).filter((cloud) => CLOUD_HOSTS[cloud].login !== CLOUD_HOSTS[account.cloud].login);
  fixes.push({
    kind: 'text',
    message: msg('entra.fix.tenantOtherCloud', { cloud: account.cloud, others: others.join(', ') }),
    target: others.map(cloudYaml).join('\n'),
  });
  return fixes;
}

/** The steps to paste a new secret's Value where the file reads it. */
export function secretReferenceStep(account: Office365OAuthAccount): Remediation {
  const reference = account.auth.clientSecret?.reference;
  const match = reference ? /^\$\{(env|file):([^}]+)\}$/.exec(reference) : null;
  if (match?.[1] === 'env') return { kind: 'text', message: msg('entra.fix.secretInEnv', { name: match[2] ?? '' }) };
  if (match?.[1] === 'file') return { kind: 'text', message: msg('entra.fix.secretInFile', { file: match[2] ?? '' }) };
  return { kind: 'text', message: msg('entra.fix.secretInConfig') };
}

export function newSecretFixes(account: Office365OAuthAccount): Remediation[] {
  return [
    { kind: 'portal', message: msg('entra.fix.newSecret', { app: account.auth.clientId }), target: ENTRA_PORTALS[account.cloud] },
    secretReferenceStep(account),
    { kind: 'text', message: msg('entra.fix.secretTactium') },
  ];
}

/** The admin-consent URL for this tenant and client, as a remediation step. */
export function adminConsentStep(account: Office365OAuthAccount): Remediation {
  return {
    kind: 'url',
    message: msg('entra.fix.adminConsentUrl'),
    target: adminConsentUrl(account.endpoints.login, account.auth.tenantId, account.auth.clientId),
  };
}

/** Connect-ExchangeOnline for this account's organization (the tenant `entra.tenant` resolved, when given) and cloud. */
export function connectExchangeCommand(account: Office365OAuthAccount, tenant?: string): string {
  return connectExchangeOnline(account.cloud, { organization: tenant ?? account.auth.tenantId });
}
