import { basename, extname } from 'node:path';
import type { Status } from '../core/check.js';
import type { PreflightConfig, Provider } from '../config/types.js';
import { checkTitleKey, type Translator } from '../i18n/index.js';
import { PROVIDER_NAME } from '../report/model.js';
import type { ReportJson, ReportJsonCheck } from '../report/report-schema.js';
import { accountVerdict, runVerdict, signInNeeded, type Verdict as Readiness } from '../report/verdict.js';
import { handoffItems } from './items.js';
import { ITEM_PROOF, proofOf, verdictOf, type ItemKey, type Proof, type Verdict } from './proof.js';

/**
 * The handoff sheet (`report`) as data, in the order it is read: the customer, the overall verdict and one
 * line per account; then per account what the customer sends (each item beside the verdict of the checks
 * that prove it, ITEM_PROOF) and what is still to do, in the customer's words; the technician's detail
 * (evidence, commands) in an appendix; a sign-off block. Built from a JSON report (a fresh run is rendered
 * to the same shape first), so a saved report and a fresh run give the same sheet.
 */

export interface SheetItem {
  readonly key: ItemKey;
  readonly label: string;
  readonly value: string | null;
  /** The value is a translated word (e.g. the OAuth flow), not a fact to copy. */
  readonly worded: boolean;
  readonly secret: boolean;
  readonly verdict: Verdict;
  /** The checks that decided the verdict, with their status (for the appendix). */
  readonly checks: readonly { readonly id: string; readonly status: Status }[];
}

/** One line of "still to do", in the customer's words. */
export interface SheetTodo {
  readonly verdict: Verdict;
  /** What it is about (an item's label, a check's title), or null for a line about several items. */
  readonly subject: string | null;
  readonly text: string;
}

export interface SheetFix {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  readonly code: string | null;
  readonly summary: string;
  readonly evidence: readonly { readonly label: string; readonly value: string }[];
  readonly remediation: readonly { readonly kind: string; readonly text: string; readonly target: string | null }[];
}

export interface SheetAccount {
  readonly name: string;
  readonly provider: Provider;
  readonly providerLabel: string;
  readonly mailbox: string;
  /** The account's readiness, as `check` reports it. */
  readonly verdict: Readiness;
  readonly items: readonly SheetItem[];
  /** Labels of the items the file does not give (to ask the customer for). */
  readonly missing: readonly string[];
  readonly todo: readonly SheetTodo[];
  /** The appendix: every check that failed, warned, errored, or was skipped with something to do, with its fix. */
  readonly toFix: readonly SheetFix[];
  /** False when the saved report has no results for this account: nothing of it is verified. */
  readonly inReport: boolean;
}

export interface HandoffSheet {
  readonly locale: Translator['locale'];
  /** `customer:` of the file, else the file's name. */
  readonly customer: string;
  /** The run's readiness: the worst of its accounts'. */
  readonly verdict: Readiness;
  /** Who checked (`--technician`), or null for blank lines to sign. */
  readonly technician: string | null;
  /** When the sheet was made (ISO 8601). */
  readonly generatedAt: string;
  /** The tool that made the sheet. */
  readonly tool: { readonly name: string; readonly version: string };
  /** Where the results come from: this run, or a saved JSON report. */
  readonly source: { readonly kind: 'run' } | { readonly kind: 'saved'; readonly file: string };
  /** The verification: its start, the version that ran it, an interruption, the machine it ran on. */
  readonly verification: {
    readonly startedAt: string;
    readonly toolVersion: string;
    readonly interrupted: 'SIGINT' | 'SIGTERM' | null;
    readonly verifiedFrom: ReportJson['verifiedFrom'];
  };
  readonly accounts: readonly SheetAccount[];
}

/** Whether a result gets an entry in the appendix: like the reports' "How to fix" (model.needsFix). */
function needsFix(check: ReportJsonCheck): boolean {
  if (check.status === 'pass') return false;
  if (check.status === 'skip') return check.evidence.length > 0 || check.remediation.length > 0;
  return true;
}

export interface BuildSheetOptions {
  readonly t: Translator;
  readonly source: HandoffSheet['source'];
  readonly tool: HandoffSheet['tool'];
  readonly now: Date;
  readonly technician?: string;
}

/** The customer's name for the sheet: `customer:`, else the file's name without its extension. */
export function customerOf(config: Pick<PreflightConfig, 'customer' | 'file'>): string {
  if (config.customer) return config.customer;
  const name = basename(config.file);
  return name.slice(0, name.length - extname(name).length) || name;
}

/** The check ids a proof names (without failure codes). */
function checkIdsOf(proof: Proof): Set<string> {
  return new Set([...(proof.proves ?? []), ...(proof.confirms ?? []), ...(proof.flags ?? [])].map((entry) => entry.split(':')[0]!));
}

/** The sheet for every account of `config`, verdicts taken from `report` (matched by account name). */
export function buildHandoffSheet(config: PreflightConfig, report: ReportJson, options: BuildSheetOptions): HandoffSheet {
  const { t } = options;
  // A title in the sheet's language when the check is known; a saved report's own words otherwise.
  const titleOf = (check: ReportJsonCheck) => {
    const key = checkTitleKey(check.id);
    return key ? t.t(key) : check.title;
  };
  const accounts = config.accounts.map((account): SheetAccount => {
    const reported = report.accounts.find((candidate) => candidate.name === account.name && candidate.provider === account.provider);
    const checks = reported?.checks ?? [];
    const counted = new Set<string>();
    const unverified: Record<'admin' | 'login' | 'other', string[]> = { admin: [], login: [], other: [] };
    const todo: SheetTodo[] = [];
    const items = handoffItems(account).map((item): SheetItem => {
      const proof: Proof = ITEM_PROOF[item.key];
      const label = t.t(item.key);
      // Nothing given, nothing verified: a check that passes without the value says nothing of it.
      const absent = !item.secret && item.value === null;
      const decided = absent ? { verdict: 'not-verified' as const, counted: [] } : proofOf(proof, checks);
      for (const check of decided.counted) counted.add(check.id);
      if (decided.verdict === 'error') todo.push({ verdict: 'error', subject: label, text: t.t('handoff.todo.error') });
      else if (decided.verdict === 'fail' || decided.verdict === 'warn') todo.push({ verdict: decided.verdict, subject: label, text: t.t(proof.todo) });
      else if (decided.verdict === 'not-verified' && !absent) {
        const ids = checkIdsOf(proof);
        const needs = checks.filter((check) => ids.has(check.id)).map((check) => signInNeeded(check));
        unverified[needs.includes('admin') ? 'admin' : needs.includes('login') ? 'login' : 'other'].push(label);
      }
      return {
        key: item.key,
        label,
        value: item.display ? t.message(item.display) : item.value,
        worded: item.display !== undefined,
        secret: item.secret,
        verdict: decided.verdict,
        checks: decided.counted.map((check) => ({ id: check.id, status: check.status })),
      };
    });
    const missing = items.filter((item) => !item.secret && item.value === null).map((item) => item.label);
    // A failure no item owns (a test message refused, a secret written in the file) still needs doing: one
    // line names them all, the technician's appendix has each with its evidence.
    const unowned = checks.filter((check) => !counted.has(check.id) && (check.status === 'fail' || check.status === 'warn' || check.status === 'error'));
    if (unowned.length > 0) {
      todo.push({
        verdict: verdictOf(unowned.map((check) => check.status)),
        subject: null,
        text: t.t('handoff.todo.checks', { checks: unowned.map((check) => titleOf(check)).join(' · ') }),
      });
    }
    if (missing.length > 0) todo.unshift({ verdict: 'not-verified', subject: null, text: t.t('handoff.todo.missing', { items: missing.join(' · ') }) });
    if (reported) {
      for (const [reason, key] of [
        ['admin', 'handoff.todo.needsAdmin'],
        ['login', 'handoff.todo.needsLogin'],
        ['other', 'handoff.todo.notVerified'],
      ] as const) {
        if (unverified[reason].length > 0) todo.push({ verdict: 'not-verified', subject: null, text: t.t(key, { items: unverified[reason].join(' · ') }) });
      }
    }
    return {
      name: account.name,
      provider: account.provider,
      providerLabel: t.t(PROVIDER_NAME[account.provider]),
      mailbox: account.mailbox,
      verdict: reported ? accountVerdict(checks) : 'not-verified',
      items,
      missing,
      todo,
      toFix: checks.filter(needsFix).map((check) => ({
        id: check.id,
        title: titleOf(check),
        status: check.status,
        code: check.code,
        summary: check.status === 'skip' || check.status === 'error' ? (check.reason ?? check.summary) : check.summary,
        evidence: check.evidence,
        remediation: check.remediation,
      })),
      inReport: reported !== undefined,
    };
  });
  return {
    locale: t.locale,
    customer: customerOf(config),
    verdict: runVerdict(accounts.map((account) => account.verdict)),
    technician: options.technician?.trim() || null,
    generatedAt: options.now.toISOString(),
    tool: options.tool,
    source: options.source,
    verification: {
      startedAt: report.startedAt,
      toolVersion: report.tool.version,
      interrupted: report.interrupted,
      verifiedFrom: report.verifiedFrom,
    },
    accounts,
  };
}
