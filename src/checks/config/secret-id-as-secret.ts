import { GUID_PATTERN } from '../../config/schema.js';
import type { Account, PreflightConfig } from '../../config/types.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { defineCheck, type CheckOutcome, type Evidence } from '../../core/check.js';
import { whereWritten } from './shared/setting-evidence.js';
import { environmentName } from './secrets-inline.js';

/** The other IDs a customer copies from the same pages, which a GUID-shaped "secret" may be. */
const OTHER_IDS = ['clientId', 'tenantId', 'objectId'] as const;

/**
 * A client secret's value is never a GUID; the Secret ID (keyId) shown beside it in the portal is. Entra
 * rejects the Secret ID with AADSTS7000215; catching it here names the cause before any network call.
 */
export const secretIdAsSecretCheck = defineCheck({
  id: 'config.secret-id-as-secret',
  area: 'config',
  title: 'config.secret-id-as-secret.title',
  needs: ['config'],
  steps: 0,
  appliesTo: (account) => (account.auth.clientSecret ? true : msg('config.secretIdAsSecret.notApplicable')),
  async run({ account, config }): Promise<CheckOutcome> {
    const secret = account.auth.clientSecret;
    if (!secret) return { status: 'skip', code: 'NOT_APPLICABLE', summary: msg('config.secretIdAsSecret.notApplicable') };
    // The value is only compared here, never shown: the only place a check looks at a secret's shape.
    const value = secret.reveal().trim().toLowerCase();
    const same = (id: string | undefined) => id !== undefined && id.trim().toLowerCase() === value;

    const where = whereWritten(account, config, 'auth.clientSecret');
    const written = [where, secret.reference].filter((part): part is string => part !== undefined).join(', ');
    const evidence: Evidence[] = [{ label: 'config.evidence.clientSecret', value: written ? `auth.clientSecret — ${written}` : 'auth.clientSecret' }];

    let summary: Message;
    if (same(account.auth.secretId)) {
      summary = msg('config.secretIdAsSecret.equalsSecretId');
      evidence.push({ label: 'config.evidence.sameAs', value: 'auth.secretId' });
    } else {
      const other = OTHER_IDS.find((key) => same(account.auth[key]));
      if (other) {
        summary = msg('config.secretIdAsSecret.equalsOtherId', { key: `auth.${other}` });
        evidence.push({ label: 'config.evidence.sameAs', value: `auth.${other}` });
      } else if (GUID_PATTERN.test(value)) {
        summary = msg('config.secretIdAsSecret.guidShaped');
        evidence.push({ label: 'config.evidence.secretShape', value: 'GUID (8-4-4-4-12)' });
      } else {
        return { status: 'pass', summary: msg('config.secretIdAsSecret.pass') };
      }
    }

    return {
      status: 'fail',
      code: 'SECRET_ID_AS_SECRET',
      summary,
      evidence,
      remediation: [
        { kind: 'portal', message: msg('config.secretIdAsSecret.fix.portal', { app: account.auth.clientId ?? '…' }), target: ENTRA_PORTALS[account.cloud] },
        { kind: 'text', message: msg('config.secretIdAsSecret.fix.onlyOnce') },
        ...referenceStep(account, config),
        { kind: 'text', message: msg('config.secretIdAsSecret.fix.secretId') },
      ],
    };
  },
});

/** Where the new value goes: the variable or file the file already references, or a new variable. */
function referenceStep(account: Account, config: PreflightConfig) {
  const reference = account.auth.clientSecret?.reference;
  const match = reference ? /^\$\{(env|file):([^}]+)\}$/.exec(reference) : null;
  if (match?.[1] === 'env') return [{ kind: 'text', message: msg('config.secretIdAsSecret.fix.env', { name: match[2] ?? '' }) } as const];
  if (match?.[1] === 'file') return [{ kind: 'text', message: msg('config.secretIdAsSecret.fix.file', { file: match[2] ?? '' }) } as const];
  const name = environmentName('clientSecret', account, config);
  return [{ kind: 'text', message: msg('config.secretIdAsSecret.fix.env', { name }), target: `clientSecret: \${env:${name}}` } as const];
}
