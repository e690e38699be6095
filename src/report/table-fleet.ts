import type { ChalkInstance } from 'chalk';
import type { CheckResult } from '../core/check.js';
import type { Provider } from '../config/types.js';
import type { Translator } from '../i18n/index.js';
import { PROVIDER_NAME, STATUS_WORD } from './model.js';
import { symbolsFor, type SymbolSet, type Symbols } from './symbols.js';
import { INDENT, VERDICT_STATUS, clean, columns, cut, fitSegments, padEnd, styleFor, type Segment, type Style } from './table-text.js';
import { VERDICT_KEYS, accountVerdict, isNotApplicable, runVerdict, type Verdict } from './verdict.js';

/** What the headline and the fleet view need of an account: also built from a saved JSON report (the demo). */
export interface AccountOutline {
  readonly name: string;
  readonly provider: Provider;
  readonly checks: readonly Pick<CheckResult, 'status' | 'code'>[];
}

/** An account's checks by status, the ones that do not apply counted apart from the other skips. */
export interface CheckCounts {
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly error: number;
  readonly skip: number;
  readonly notApplicable: number;
}

export function countChecks(checks: readonly Pick<CheckResult, 'status' | 'code'>[]): CheckCounts {
  const counts = { pass: 0, warn: 0, fail: 0, error: 0, skip: 0, notApplicable: 0 };
  for (const check of checks) {
    if (isNotApplicable(check)) counts.notApplicable++;
    else counts[check.status]++;
  }
  return counts;
}

/** `pass 12 · fail 2 · not applicable 15`: the counts that are not zero, problems in their colour. */
function countSegments(counts: CheckCounts, t: Translator, style: Style, which: readonly (keyof CheckCounts)[]): Segment[] {
  return which
    .filter((key) => counts[key] > 0)
    .map((key) => {
      const text = key === 'notApplicable' ? t.t('report.count.notApplicable', { count: counts[key] }) : `${t.t(STATUS_WORD[key])} ${counts[key]}`;
      return { text, styled: key === 'pass' || key === 'skip' || key === 'notApplicable' ? text : style.status(key, text) };
    });
}

function verdictSegment(verdict: Verdict, t: Translator, style: Style, symbols: Symbols): Segment {
  const status = VERDICT_STATUS[verdict];
  const text = `${symbols.status[status]} ${t.t(VERDICT_KEYS[verdict])}`;
  return { text, styled: style.bold(style.status(status, text)) };
}

/** `saudavel · IMAP/POP3 + SMTP · ✔ ready · pass 12 · not applicable 15`, wrapped between its parts. */
export function accountHeadline(account: AccountOutline, t: Translator, style: Style, symbols: Symbols, width: number): string[] {
  const name = `${clean(account.name)} ${symbols.separator} ${t.t(PROVIDER_NAME[account.provider])}`;
  const segments: Segment[] = [
    { text: name, styled: style.bold(name) },
    verdictSegment(accountVerdict(account.checks), t, style, symbols),
    ...countSegments(countChecks(account.checks), t, style, ['pass', 'warn', 'fail', 'error', 'skip', 'notApplicable']),
  ];
  return fitSegments(segments, ` ${symbols.separator} `, width, INDENT);
}

/**
 * The fleet view that closes a run: the run's verdict and how many accounts are ready, then one line per
 * account — its verdict and what is wrong — so the accounts that are not ready are found without scrolling.
 */
export function renderFleet(accounts: readonly AccountOutline[], t: Translator, style: Style, symbols: Symbols, width: number): string[] {
  const verdicts = accounts.map((account) => accountVerdict(account.checks));
  const ready = verdicts.filter((verdict) => verdict === 'ready' || verdict === 'ready-with-warnings').length;
  const label = `${t.t('report.fleet.verdict')}:`;
  const verdict = verdictSegment(runVerdict(verdicts), t, style, symbols);
  const lines = fitSegments(
    [
      { text: `${label} ${verdict.text}`, styled: `${style.bold(label)} ${verdict.styled ?? verdict.text}` },
      { text: t.t('report.fleet.ready', { ready, total: accounts.length }) },
    ],
    ` ${symbols.separator} `,
    width,
    INDENT,
  );
  const names = accounts.map((account) => clean(account.name));
  const nameWidth = Math.min(Math.max(0, ...names.map(columns)), Math.floor(width / 2));
  const verdictWidth = Math.max(...verdicts.map((verdict) => columns(t.t(VERDICT_KEYS[verdict]))));
  const markWidth = Math.max(...Object.values(symbols.status).map(columns));
  accounts.forEach((account, index) => {
    const verdict = verdicts[index]!;
    const status = VERDICT_STATUS[verdict];
    const rest = `${padEnd(names[index]!, nameWidth)}  ${padEnd(t.t(VERDICT_KEYS[verdict]), verdictWidth)}`;
    const room = width - (columns(INDENT) + markWidth + 1 + columns(rest)) - 2;
    const problems = countSegments(countChecks(account.checks), t, style, ['fail', 'error', 'warn', 'skip']);
    const plain = problems.map((segment) => segment.text).join(` ${symbols.separator} `);
    // The problems are coloured only when they fit whole; cut, they are plain text.
    const tail =
      plain === ''
        ? ''
        : columns(plain) <= room
          ? problems.map((segment) => segment.styled ?? segment.text).join(` ${symbols.separator} `)
          : cut(plain, Math.max(1, room), symbols.ellipsis);
    const mark = style.status(status, padEnd(symbols.status[status], markWidth));
    lines.push(tail === '' ? `${INDENT}${mark} ${rest}`.trimEnd() : `${INDENT}${mark} ${rest}  ${tail}`);
  });
  return lines;
}

export interface OverviewOptions {
  readonly chalk: ChalkInstance | null;
  readonly symbols: SymbolSet;
  readonly width: number;
}

/** The short view of a run: each account's headline, then the fleet view (what `npm run demo` prints). */
export function renderOverview(accounts: readonly AccountOutline[], t: Translator, options: OverviewOptions): string {
  const style = styleFor(options.chalk);
  const symbols = symbolsFor(options.symbols);
  const lines = [
    ...accounts.flatMap((account) => accountHeadline(account, t, style, symbols, options.width)),
    '',
    ...renderFleet(accounts, t, style, symbols, options.width),
  ];
  return `${lines.join('\n')}\n`;
}
