/**
 * entra.object-id (application flow): the Object ID the customer sent against the app-only token's `oid`,
 * which is the enterprise application's (service principal's) Object ID in this tenant — the one Exchange's
 * `New-ServicePrincipal -ObjectId` needs. Microsoft: using the App registrations Object ID instead "will
 * cause an authentication failure" (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth). A mismatch says which ID was sent (the
 * client ID, the tenant ID, the Secret ID, or most likely the App registrations Object ID) and prints the
 * `New-ServicePrincipal` line with the right one.
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { appTokenClaims } from './shared/token-failure.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { readRegistration } from './shared/directory.js';
import { applicationFlow, connectExchangeCommand, tenantGuid } from './shared/remediation.js';
import { getServicePrincipal, newServicePrincipal } from '../../providers/microsoft/powershell.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

/**
 * Where a directory check (Graph, with `--admin` or the app's own directory access) leaves the app
 * registration's Object ID (`application.id`); when present, a mismatch is named with certainty.
 */
export const APP_REGISTRATION_OBJECT_ID_MEMO = 'entra.app-registration-object-id';

/**
 * The app registration's Object ID: what entra.app left, else the same shared registration read
 * (directory.ts, one request per account whichever check asks first) when the directory can be read.
 * entra.object-id does not `dependsOn` entra.app: a skipped entra.app (no directory access, the usual
 * case) would skip this check too, and it must work from the token alone.
 */
async function appRegistrationObjectId(context: CheckContext): Promise<string | undefined> {
  const known = context.shared.get<string>(APP_REGISTRATION_OBJECT_ID_MEMO)?.toLowerCase();
  if (known) return known;
  const read = await readRegistration(context);
  if (!read.ok) return undefined;
  context.shared.set(APP_REGISTRATION_OBJECT_ID_MEMO, read.value.id);
  return read.value.id;
}

/** Which ID the customer most likely sent instead of the enterprise application's Object ID. */
function whichIdWasSent(context: CheckContext, sent: string, tid: string | undefined, registration: string | undefined): Message {
  const account = entraAccount(context);
  const same = (value: string | undefined): boolean => value !== undefined && value.toLowerCase() === sent;
  if (same(account.auth.clientId)) return msg('entra.objectId.isClientId', { sent });
  if (same(tid) || same(tenantGuid(context))) return msg('entra.objectId.isTenantId', { sent });
  if (same(account.auth.secretId)) return msg('entra.objectId.isSecretId', { sent });
  if (registration !== undefined) return same(registration) ? msg('entra.objectId.isAppRegistration', { sent }) : msg('entra.objectId.isUnknown', { sent });
  return msg('entra.objectId.probablyAppRegistration', { sent });
}

function fixes(account: Office365OAuthAccount, oid: string, tenant: string | undefined): Remediation[] {
  const clientId = account.auth.clientId;
  return [
    { kind: 'portal', message: msg('entra.objectId.fix.portal', { app: clientId, oid }), target: ENTRA_PORTALS[account.cloud] },
    { kind: 'text', message: msg('entra.objectId.fix.yaml'), target: `objectId: ${oid}` },
    { kind: 'command', message: msg('entra.objectId.fix.connect'), target: connectExchangeCommand(account, tenant) },
    { kind: 'command', message: msg('entra.objectId.fix.newServicePrincipal'), target: newServicePrincipal(clientId, oid) },
    { kind: 'command', message: msg('entra.objectId.fix.verify'), target: getServicePrincipal() },
  ];
}

export const entraObjectIdCheck = defineCheck({
  id: 'entra.object-id',
  area: 'entra',
  title: 'entra.object-id.title',
  needs: ['network', 'credentials'],
  dependsOn: ['entra.credentials'],
  // The token (normally from entra.credentials' memo) and, on a mismatch, the app registration's read.
  steps: 3,
  appliesTo: (account) => applicationFlow(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const token = await appTokenClaims(context);
    if ('outcome' in token) return token.outcome;
    const { claims } = token;
    const oid = claims.oid?.toLowerCase();
    if (!oid) return { status: 'skip', code: 'TOKEN_NO_OID', summary: msg('entra.objectId.noOid') };

    const tenant = tenantGuid(context) ?? claims.tid;
    const evidence: Evidence[] = [{ label: 'entra.evidence.tokenObjectId', value: oid }];
    const configured = account.auth.objectId?.toLowerCase();
    if (!configured) {
      return {
        status: 'warn',
        code: 'ENTRA_OBJECT_ID_NOT_GIVEN',
        summary: msg('entra.objectId.notGiven', { oid }),
        evidence,
        remediation: fixes(account, oid, tenant),
      };
    }
    evidence.unshift({ label: 'entra.evidence.objectId', value: configured });
    if (configured === oid) return { status: 'pass', summary: msg('entra.objectId.pass', { oid }), evidence };

    const registration = await appRegistrationObjectId(context);
    if (registration) evidence.push({ label: 'entra.evidence.appRegistrationObjectId', value: registration });
    return {
      status: 'fail',
      code: 'ENTRA_OBJECT_ID_MISMATCH',
      summary: whichIdWasSent(context, configured, claims.tid?.toLowerCase(), registration),
      evidence,
      remediation: [{ kind: 'text', message: msg('entra.objectId.fix.whichOne', { oid }) }, ...fixes(account, oid, tenant)],
    };
  },
});
