import type { TraceEntry } from '../core/transcript.js';
import type { Translator } from '../i18n/index.js';
import { detailOf, formatDuration, type ReportedCheck } from './model.js';
import type { Symbols } from './symbols.js';
import { INDENT, clean, columns, wrapWords, type Style } from './table-text.js';

const TRACE_MARK: Readonly<Record<TraceEntry['direction'], string>> = { client: 'C: ', server: 'S: ', tls: 'TLS', info: '-- ' };

export interface EntryOptions {
  readonly trace: boolean;
  readonly verbose: boolean;
  readonly width: number;
}

/** One check's entry under "How to fix" / "Details": summary, code, evidence, steps, transcript. */
export function renderEntry(check: ReportedCheck, t: Translator, options: EntryOptions, style: Style, symbols: Symbols): string[] {
  const { width } = options;
  const pad = `${INDENT}${INDENT}`;
  const inner = `${pad}${INDENT}`;
  // The title wraps under itself, so the heading fits the width however long the title.
  const head = `${INDENT}${symbols.status[check.status]} ${check.id} ${symbols.separator} `;
  const styledHead = `${INDENT}${style.status(check.status, symbols.status[check.status])} ${style.bold(check.id)} ${symbols.separator} `;
  const titleLines = wrapWords(t.t(check.title), Math.max(1, width - columns(head)));
  const lines = titleLines.map((line, index) => (index === 0 ? styledHead + line : ' '.repeat(columns(head)) + line));
  for (const line of wrapWords(clean(t.message(detailOf(check))), width - pad.length)) lines.push(pad + line);

  const facts: string[] = [];
  if (check.code) facts.push(t.t('report.code', { code: clean(check.code) }));
  if (options.verbose) facts.push(t.t('report.duration', { duration: formatDuration(check.durationMs, t.locale) }));
  if (facts.length > 0) lines.push(pad + style.dim(facts.join(` ${symbols.separator} `)));

  if (check.evidence.length > 0) {
    lines.push(`${pad}${t.t('report.evidence')}`);
    for (const item of check.evidence) {
      const prefix = `${symbols.bullet} `;
      const text = `${t.t(item.label)}: ${clean(item.value, true)}`;
      wrapWords(text, width - inner.length - prefix.length).forEach((line, index) => {
        lines.push(inner + (index === 0 ? prefix : ' '.repeat(prefix.length)) + line);
      });
    }
  }

  if (check.remediation.length > 0) {
    lines.push(`${pad}${t.t('report.steps')}`);
    check.remediation.forEach((step, index) => {
      const number = `${index + 1}. `;
      const hanging = ' '.repeat(number.length);
      wrapWords(clean(t.message(step.message)), width - inner.length - number.length).forEach((line, lineIndex) => {
        lines.push(inner + (lineIndex === 0 ? number : hanging) + line);
      });
      // The target on lines of its own, never wrapped, so it can be copied and pasted as is; a YAML snippet
      // keeps its lines (a one-line escape would print `tls:\n  caFile: …`, which no editor accepts).
      if (step.target !== undefined) for (const line of clean(step.target, true).split('\n')) lines.push(`${inner}${hanging}${INDENT}${style.command(line)}`);
    });
  }

  if (options.trace && (check.trace.length > 0 || check.status !== 'skip')) {
    lines.push(`${pad}${t.t('report.trace')}`);
    // A skip never talked to a server: saying so on every skipped check would be noise.
    if (check.trace.length === 0 && check.status !== 'skip') lines.push(inner + style.dim(t.t('report.trace.empty')));
    for (const entry of check.trace) {
      const at = `+${(entry.atMs / 1000).toFixed(3)}s`;
      lines.push(`${inner}${style.dim(at)} ${TRACE_MARK[entry.direction]} ${clean(entry.text)}`);
    }
  }
  return lines;
}
