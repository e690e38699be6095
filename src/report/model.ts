import type { Area, CheckResult, Status } from '../core/check.js';
import type { Provider } from '../config/types.js';
import type { Message, MessageKey } from '../core/message.js';
import type { ConfigIssue } from '../errors/index.js';

/** One check's result as reported: the runner's result plus what the reporters print beside it. */
export interface ReportedCheck extends CheckResult {
  readonly title: MessageKey;
  readonly area: Area;
}

export interface ReportedAccount {
  readonly name: string;
  readonly provider: Provider;
  /** In registry order. */
  readonly checks: readonly ReportedCheck[];
  /** Wall time from the account's first check starting to its last one ending, when the runner measured it. */
  readonly durationMs?: number;
  /** With several files: the file (name without folder) the account came from, for the fleet view. */
  readonly source?: string;
}

/** A file of a several-file run that could not be loaded: its accounts were not checked (exit 2). */
export interface ReportedConfigError {
  /** The file's name without folder, as the accounts of the run are named (`acme.yaml`). */
  readonly source: string;
  /** Every problem found, each with file, line and column; never empty. */
  readonly issues: readonly ConfigIssue[];
}

/** A pass from the customer's LAN does not prove that Tactium's servers reach the same hosts: say where from. */
export interface VerifiedFrom {
  readonly hostname: string;
  /** Local addresses the probes used. */
  readonly addresses: readonly string[];
  /** e.g. `linux x64`, `win32 x64`. */
  readonly platform: string;
  /** The HTTPS proxy the identity calls went through, or null. */
  readonly proxy: string | null;
  /** ISO 8601. */
  readonly at: string;
}

/** The input of every reporter; the CLI builds it from the runner's results. */
export interface RunReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly verifiedFrom: VerifiedFrom;
  readonly accounts: readonly ReportedAccount[];
  /** Set when Ctrl-C / SIGTERM stopped the run: the checks that finished are still reported. */
  readonly interrupted: 'SIGINT' | 'SIGTERM' | null;
  /** Files that could not be loaded (their accounts are absent): reported, and the run exits 2. */
  readonly configErrors?: readonly ReportedConfigError[];
}

/** The runner's code for a check that never ran because the run was interrupted (src/runner/run-checks.ts). */
export const NOT_RUN_CODE = 'INTERRUPTED';

/** The short detail of a row: why it was skipped or errored when the runner said so, else the summary. */
export function detailOf(check: CheckResult): Message {
  return (check.status === 'skip' || check.status === 'error') && check.reason ? check.reason : check.summary;
}

/**
 * Whether a check gets an entry under "How to fix": every warn, fail and error; a skip only when it has
 * something to act on (evidence or steps, e.g. "run again with --admin"), not a bare "not applicable".
 */
export function needsFix(check: CheckResult): boolean {
  if (check.status === 'pass') return false;
  if (check.status === 'skip') return check.evidence.length > 0 || check.remediation.length > 0;
  return true;
}

/**
 * A proxy URL without its user information: `http://user:pass@proxy:3128` is a common way to write
 * HTTPS_PROXY, and the password is not a registered Secret.
 */
export function safeProxy(proxy: string | null): string | null {
  if (proxy === null) return null;
  return proxy.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1[redacted]@');
}

// C0 and C1 controls (ESC starts terminal escape sequences) and the bidirectional controls that can make
// text display in another order than it is (CVE-2021-42574 "Trojan Source"): the marks U+200E, U+200F and
// U+061C, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 (Unicode UAX #9).
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from servers (replies, banners, transcripts) made safe to print: control characters become visible
 * escapes, so a hostile reply cannot move the cursor, recolour the terminal or break XML.
 * `multiline` keeps newlines and tabs.
 */
export function printable(text: string, multiline = false): string {
  return text.replace(multiline ? UNPRINTABLE : UNPRINTABLE_ONE_LINE, escapeCharacter);
}

/** `850 ms`, `12.3 s` / `12,3 s`, `2 min 05 s`: the locale only decides the decimal mark. */
export function formatDuration(ms: number, locale: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ms / 100) / 10);
    return `${seconds} s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** Statuses in report order, with the key of their word in `common.ts`. */
export const STATUS_WORD: Readonly<Record<Status, MessageKey>> = {
  pass: 'status.pass',
  warn: 'status.warn',
  fail: 'status.fail',
  skip: 'status.skip',
  error: 'status.error',
};

export const PROVIDER_NAME: Readonly<Record<Provider, MessageKey>> = {
  office365: 'report.provider.office365',
  gmail: 'report.provider.gmail',
  imap: 'report.provider.imap',
};
