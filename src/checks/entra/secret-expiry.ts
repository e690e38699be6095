/**
 * entra.secret-expiry: the client secret Tactium uses, found among the app's `passwordCredentials` by its
 * Secret ID (`keyId`), else by its `hint` (the first three characters of the value —
 * https://learn.microsoft.com/graph/api/resources/passwordcredential), and its `endDateTime`: expired →
 * fail (Entra answers AADSTS7000222), under 30 days → warn, with the date. A Secret ID that is not one of the
 * app's secrets fails. Without directory access, `auth.secretExpiresOn` (the date the portal showed) is
 * used instead, so a weekly CI run still warns a month ahead.
 */
import { msg } from '../../i18n/index.js';
import { entraAccount } from './shared/remediation.js';
import { secretHintMatches, type GraphPasswordCredential } from '../../identity/graph-resources.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { NEEDS, readProblemOutcome, readRegistration, readerEvidence, registrationNotFound } from './shared/directory.js';
import { newSecretFixes, office365OAuth } from './shared/remediation.js';

/** Warn this many days ahead: a client secret expiring next month must warn. */
export const SECRET_WARN_DAYS = 30;
const DAY_MS = 86_400_000;

/** Whole days from `now` until `end` (negative when past). */
export function daysUntil(end: Date, now: Date): number {
  return Math.floor((end.getTime() - now.getTime()) / DAY_MS);
}

/** `auth.secretExpiresOn` (YYYY-MM-DD) as the start of that day, UTC: the portal shows the date only. */
export function fileExpiry(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function credentialText(credential: GraphPasswordCredential): string {
  return `${credential.keyId}${credential.displayName ? ` "${credential.displayName}"` : ''}, ${credential.endDateTime ? `expires ${credential.endDateTime.slice(0, 10)}` : 'no end date'}`;
}

type Verdict = 'expired' | 'expiring' | 'valid';

function verdict(end: Date, now: Date): Verdict {
  if (end.getTime() <= now.getTime()) return 'expired';
  return daysUntil(end, now) < SECRET_WARN_DAYS ? 'expiring' : 'valid';
}

function expiryOutcome(context: CheckContext, end: Date, evidence: Evidence[], source: 'directory' | 'file', extra: Remediation[] = []): CheckOutcome {
  const now = context.services.now();
  const days = daysUntil(end, now);
  const params = { date: isoDate(end), days: Math.abs(days), app: entraAccount(context).auth.clientId };
  const file = source === 'file';
  evidence.push({ label: 'entra.evidence.secretDaysLeft', value: String(days) });
  switch (verdict(end, now)) {
    case 'expired':
      return {
        status: 'fail',
        code: 'ENTRA_SECRET_EXPIRED',
        summary: msg(file ? 'entra.secret.expiredFile' : 'entra.secret.expired', params),
        evidence,
        remediation: [...newSecretFixes(entraAccount(context)), ...extra],
      };
    case 'expiring':
      return {
        status: 'warn',
        code: 'ENTRA_SECRET_EXPIRING',
        summary: msg(file ? 'entra.secret.expiringFile' : 'entra.secret.expiring', params),
        evidence,
        remediation: [...newSecretFixes(entraAccount(context)), ...extra],
      };
    case 'valid':
      return { status: 'pass', summary: msg(file ? 'entra.secret.validFile' : 'entra.secret.valid', params), evidence };
  }
}

/** The secret Tactium uses among the app's: by Secret ID, else by hint, else the only one. */
function findCredential(
  context: CheckContext,
  credentials: readonly GraphPasswordCredential[],
): { credential: GraphPasswordCredential; by: 'keyId' | 'hint' | 'only'; sharing: number } | { missing: 'keyId' | 'hint' | 'unidentified' } {
  const { auth } = entraAccount(context);
  const secretId = auth.secretId?.toLowerCase();
  if (secretId) {
    const credential = credentials.find((candidate) => candidate.keyId === secretId);
    return credential ? { credential, by: 'keyId', sharing: 1 } : { missing: 'keyId' };
  }
  if (auth.clientSecret && !auth.clientSecret.isEmpty) {
    const matching = credentials.filter((candidate) => secretHintMatches(auth.clientSecret, candidate.hint));
    // Several secrets may share the first three characters: judge by the one that expires first.
    const sorted = [...matching].sort((a, b) => (a.endDateTime ?? '').localeCompare(b.endDateTime ?? ''));
    const first = sorted[0];
    return first ? { credential: first, by: 'hint', sharing: matching.length } : { missing: 'hint' };
  }
  const only = credentials[0];
  return credentials.length === 1 && only ? { credential: only, by: 'only', sharing: 1 } : { missing: 'unidentified' };
}

/** Without the directory: the date from the file, or the skip that says how to unlock (and about secretExpiresOn). */
function fromFile(context: CheckContext, problem: CheckOutcome): CheckOutcome {
  const { auth } = entraAccount(context);
  const end = fileExpiry(auth.secretExpiresOn);
  const why = problem.code ?? 'ENTRA_DIRECTORY_NOT_READABLE';
  if (!end) {
    return {
      ...problem,
      remediation: [
        ...(problem.remediation ?? []),
        { kind: 'text', message: msg('entra.secret.fix.secretExpiresOn'), target: 'auth:\n  secretExpiresOn: YYYY-MM-DD' },
      ],
    };
  }
  const evidence: Evidence[] = [
    { label: 'entra.evidence.secretExpiresOn', value: auth.secretExpiresOn ?? '' },
    { label: 'entra.evidence.directoryUnreadable', value: why },
  ];
  if (auth.secretId) evidence.push({ label: 'entra.evidence.secretId', value: auth.secretId });
  return expiryOutcome(context, end, evidence, 'file', [
    { kind: 'text', message: msg('entra.secret.fix.updateFile'), target: 'auth:\n  secretExpiresOn: YYYY-MM-DD' },
  ]);
}

export const entraSecretExpiryCheck = defineCheck({
  id: 'entra.secret-expiry',
  area: 'entra',
  title: 'entra.secret-expiry.title',
  needs: ['network', 'admin'],
  // No dependency: without the directory (or even the tenant) it still judges auth.secretExpiresOn.
  steps: 3,
  appliesTo: (account) => {
    const base = office365OAuth(account);
    if (base !== true) return base;
    if (account.auth.tenantId && account.auth.clientId) return true;
    return account.auth.secretExpiresOn ? true : msg('entra.notApplicable.noIds');
  },
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    if (!account.auth.tenantId || !account.auth.clientId)
      return fromFile(context, { status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE', summary: msg('entra.notApplicable.noIds') });
    const read = await readRegistration(context);
    if (!read.ok) {
      if (!('noAccess' in read) && read.failure.kind === 'not-found') return registrationNotFound(context, read.via, read.failure);
      const problem = readProblemOutcome(context, read, NEEDS.applications);
      // The directory refused or could not be asked: the file's date. A broken network stays a failure.
      return problem.status === 'skip' ? fromFile(context, problem) : problem;
    }
    const credentials = read.value.passwordCredentials;
    const evidence: Evidence[] = [...readerEvidence(read.via)];
    const listed = credentials.map((credential) => ({ label: 'entra.evidence.appSecret' as const, value: credentialText(credential) }));
    if (credentials.length === 0) {
      return {
        status: 'fail',
        code: 'ENTRA_APP_NO_SECRETS',
        summary: msg('entra.secret.none', { app: account.auth.clientId }),
        evidence,
        remediation: newSecretFixes(account),
      };
    }
    const found = findCredential(context, credentials);
    if ('missing' in found) {
      if (found.missing === 'keyId') {
        evidence.push({ label: 'entra.evidence.secretId', value: account.auth.secretId ?? '' }, ...listed);
        const byValue = account.auth.clientSecret ? credentials.filter((candidate) => secretHintMatches(account.auth.clientSecret, candidate.hint)) : [];
        const remediation: Remediation[] =
          byValue.length === 1 && byValue[0]
            ? [{ kind: 'text', message: msg('entra.secret.fix.secretIdFromValue', { keyId: byValue[0].keyId }), target: `secretId: ${byValue[0].keyId}` }]
            : [];
        remediation.push({ kind: 'portal', message: msg('entra.secret.fix.findSecretId', { app: account.auth.clientId }) });
        return {
          status: 'fail',
          code: 'ENTRA_SECRET_ID_NOT_FOUND',
          summary: msg('entra.secret.idNotFound', { secretId: account.auth.secretId ?? '', app: account.auth.clientId, count: credentials.length }),
          evidence,
          remediation,
        };
      }
      if (found.missing === 'hint') {
        evidence.push(...listed);
        return {
          status: 'fail',
          code: 'ENTRA_SECRET_NOT_FOUND',
          summary: msg('entra.secret.valueNotFound', { app: account.auth.clientId, count: credentials.length }),
          evidence,
          remediation: newSecretFixes(account),
        };
      }
      evidence.push(...listed);
      return {
        status: 'skip',
        code: 'ENTRA_SECRET_UNIDENTIFIED',
        summary: msg('entra.secret.unidentified', { count: credentials.length }),
        evidence,
        remediation: [{ kind: 'portal', message: msg('entra.secret.fix.findSecretId', { app: account.auth.clientId }) }],
      };
    }
    const { credential, by, sharing } = found;
    evidence.push(
      {
        label: 'entra.evidence.secretKeyId',
        value: `${credential.keyId} (${by === 'keyId' ? 'by Secret ID' : by === 'hint' ? `by the value's first characters${sharing > 1 ? `; ${sharing} secrets share them` : ''}` : 'the only secret'})`,
      },
      { label: 'entra.evidence.secretDescription', value: credential.displayName ?? '—' },
      { label: 'entra.evidence.secretEnd', value: credential.endDateTime ?? '—' },
    );
    if (account.auth.secretExpiresOn) evidence.push({ label: 'entra.evidence.secretExpiresOn', value: account.auth.secretExpiresOn });
    const end = credential.endDateTime ? new Date(credential.endDateTime) : undefined;
    if (!end || Number.isNaN(end.getTime())) return { status: 'pass', summary: msg('entra.secret.noEnd', { keyId: credential.keyId }), evidence };
    return expiryOutcome(context, end, evidence, 'directory');
  },
});
