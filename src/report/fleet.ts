import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import { printable, type ReportedAccount, type RunReport } from './model.js';
import { accountVerdict, runVerdict, VERDICT_KEYS, type Verdict } from './verdict.js';

/**
 * The fleet view: what a support team reads on Monday after checking every customer's file at once —
 * which customers are not ready (and which files could not even be read), which client secrets expire soon.
 */

/** The check whose result carries the client secret's expiry, and how far ahead it warns. */
const SECRET_EXPIRY_CHECK = 'entra.secret-expiry';
const SECRET_CODES: ReadonlySet<string> = new Set(['ENTRA_SECRET_EXPIRING', 'ENTRA_SECRET_EXPIRED']);
const DAYS_LEFT_LABEL = 'entra.evidence.secretDaysLeft';
/** Evidence labels that hold the end date, most exact first (the directory's, then the file's). */
const END_LABELS = ['entra.evidence.secretEnd', 'entra.evidence.secretExpiresOn'];

export function verdictOfAccount(account: ReportedAccount): Verdict {
  return accountVerdict(account.checks);
}

/** The run's verdict: the worst of its accounts; a file that could not be loaded proved nothing. */
export function verdictOfRun(report: RunReport): Verdict {
  const broken: Verdict[] = (report.configErrors ?? []).map(() => 'not-verified');
  return runVerdict([...report.accounts.map(verdictOfAccount), ...broken]);
}

export interface ExpiringSecret {
  readonly account: string;
  /** YYYY-MM-DD, or null when the check did not say. */
  readonly date: string | null;
  /** Whole days left; negative when already expired. */
  readonly days: number;
}

/** Client secrets that expire within the check's warning window (30 days), or already have, soonest first. */
export function expiringSecrets(report: RunReport): ExpiringSecret[] {
  const found: ExpiringSecret[] = [];
  for (const account of report.accounts) {
    const check = account.checks.find((candidate) => candidate.id === SECRET_EXPIRY_CHECK);
    if (!check || check.code === null || !SECRET_CODES.has(check.code)) continue;
    const value = (label: string) => check.evidence.find((item) => item.label === label)?.value;
    const days = Number(value(DAYS_LEFT_LABEL));
    const end = END_LABELS.map(value).find((text) => text !== undefined && /^\d{4}-\d{2}-\d{2}/.test(text));
    found.push({ account: account.name, date: end ? end.slice(0, 10) : null, days: Number.isFinite(days) ? days : 0 });
  }
  return found.sort((a, b) => a.days - b.days || a.account.localeCompare(b.account));
}

/** The customer an account belongs to: its file with several files, else the run as a whole. */
function customerOf(account: ReportedAccount): string {
  return account.source ?? '';
}

/** Lines closing a several-file table: the files that could not be read, the customers not ready, the secrets. */
export function renderFleet(report: RunReport, t: Translator): string {
  const lines: string[] = [`${t.t('report.fleet.title')}`];
  const clean = (text: string) => printable(scrub(text));

  for (const error of report.configErrors ?? []) {
    const first = error.issues[0]!;
    const where = first.line > 0 ? `${first.file}:${first.line}:${first.column}` : first.file;
    const what = first.path.length > 0 ? `${first.path}: ${t.message(first.message)}` : t.message(first.message);
    const more = error.issues.length > 1 ? ` ${t.t('report.fleet.moreIssues', { count: error.issues.length - 1 })}` : '';
    lines.push(`  ${t.t('report.fleet.configError', { file: clean(error.source) })}: ${clean(`${where}  ${what}`)}${more}`);
  }

  const byCustomer = new Map<string, { verdict: Verdict; accounts: string[] }>();
  for (const account of report.accounts) {
    const verdict = verdictOfAccount(account);
    const customer = customerOf(account);
    const entry = byCustomer.get(customer) ?? { verdict: 'ready' as Verdict, accounts: [] };
    entry.verdict = runVerdict([entry.verdict, verdict]);
    if (verdict === 'not-ready' || verdict === 'not-verified') entry.accounts.push(`${clean(account.name)} (${t.t(VERDICT_KEYS[verdict])})`);
    byCustomer.set(customer, entry);
  }
  const notReady = [...byCustomer.values()].filter((entry) => entry.accounts.length > 0);
  if (notReady.length === 0 && (report.configErrors ?? []).length === 0) lines.push(`  ${t.t('report.fleet.allReady', { count: byCustomer.size })}`);
  else if (notReady.length > 0) {
    lines.push(`  ${t.t('report.fleet.notReady', { count: notReady.length, total: byCustomer.size })}`);
    for (const entry of notReady) lines.push(`    ${entry.accounts.join(', ')}`);
  }

  const secrets = expiringSecrets(report);
  if (secrets.length === 0) lines.push(`  ${t.t('report.fleet.noSecretsExpiring')}`);
  else {
    lines.push(`  ${t.t('report.fleet.secretsExpiring', { count: secrets.length })}`);
    for (const secret of secrets) {
      const when = secret.days < 0 ? t.t('report.fleet.secretExpired', { days: -secret.days }) : t.t('report.fleet.secretDaysLeft', { days: secret.days });
      lines.push(`    ${clean(secret.account)}  ${secret.date ?? '—'}  ${when}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
