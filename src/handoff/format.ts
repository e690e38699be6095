import type { Status } from '../core/check.js';
import type { MessageKey } from '../core/message.js';
import { printable } from '../report/model.js';
import { symbolsFor } from '../report/symbols.js';
import { scrub } from '../secrets/redact.js';
import type { Verdict as Readiness } from '../report/verdict.js';
import type { Verdict } from './proof.js';
import type { SheetAccount } from './sheet.js';

/** What the Markdown and HTML sheets share: words, symbols, dates, and the last redaction pass. */

export interface RenderSheetOptions {
  /** The technician's appendix (evidence, commands); left out for a customer's copy. */
  readonly appendix?: boolean;
}

const STATUS_SYMBOLS = symbolsFor('unicode').status;

export const VERDICT_SYMBOL: Readonly<Record<Verdict, string>> = {
  pass: STATUS_SYMBOLS.pass,
  warn: STATUS_SYMBOLS.warn,
  fail: STATUS_SYMBOLS.fail,
  error: STATUS_SYMBOLS.error,
  'not-verified': STATUS_SYMBOLS.skip,
};

export const VERDICT_WORD: Readonly<Record<Verdict, MessageKey>> = {
  pass: 'handoff.verdict.pass',
  warn: 'handoff.verdict.warn',
  fail: 'handoff.verdict.fail',
  error: 'handoff.verdict.error',
  'not-verified': 'handoff.verdict.notVerified',
};

/** The readiness of an account or of the run, as the table report shows it. */
export const READINESS_SYMBOL: Readonly<Record<Readiness, string>> = {
  ready: STATUS_SYMBOLS.pass,
  'ready-with-warnings': STATUS_SYMBOLS.warn,
  'not-ready': STATUS_SYMBOLS.fail,
  'not-verified': STATUS_SYMBOLS.skip,
};

/** The CSS class of a readiness, as the item verdicts' colours. */
export const READINESS_CLASS: Readonly<Record<Readiness, Verdict>> = {
  ready: 'pass',
  'ready-with-warnings': 'warn',
  'not-ready': 'fail',
  'not-verified': 'not-verified',
};

export function statusSymbol(status: Status): string {
  return STATUS_SYMBOLS[status];
}

/** Secrets out (the third redaction layer, docs/architecture.md), then control and bidi characters made visible. */
export function clean(text: string, multiline = false): string {
  return printable(scrub(text), multiline);
}

/** `27 de novembro de 2026 09:14 BRT` / `November 27, 2026 at 09:14 UTC`; the ISO text when unparseable. */
export function formatWhen(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** Whether the account has anything for the appendix: a check behind an item, or a fix. */
export function hasDetail(account: SheetAccount): boolean {
  return account.toFix.length > 0 || account.items.some((item) => item.checks.length > 0);
}
