import type { ChalkInstance } from 'chalk';
import type { Status } from '../core/check.js';
import { scrub } from '../secrets/redact.js';
import { printable } from './model.js';
import type { Verdict } from './verdict.js';

export interface Style {
  status(status: Status, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  command(text: string): string;
}

export function styleFor(chalk: ChalkInstance | null): Style {
  if (!chalk) {
    const plain = (text: string): string => text;
    return { status: (_status, text) => text, bold: plain, dim: plain, command: plain };
  }
  const colours: Record<Status, ChalkInstance> = {
    pass: chalk.green,
    warn: chalk.yellow,
    fail: chalk.red,
    skip: chalk.gray,
    error: chalk.magenta,
  };
  return {
    status: (status, text) => colours[status](text),
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    command: (text) => chalk.cyan(text),
  };
}

/** The status whose symbol and colour a verdict is shown with. */
export const VERDICT_STATUS: Readonly<Record<Verdict, Status>> = {
  ready: 'pass',
  'ready-with-warnings': 'warn',
  'not-ready': 'fail',
  'not-verified': 'skip',
};

export const INDENT = '  ';

/** Terminal columns of plain text (code points; the catalogues hold no wide characters). */
export function columns(text: string): number {
  return [...text].length;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

/** Word wrap at spaces; a word longer than the line stays whole (a host, a code, a URL is never cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      if (line === '') line = word;
      else if (columns(line) + 1 + columns(word) <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}

/** One line of plain text cut to `width` columns, ending in `ellipsis` when something was left out. */
export function cut(text: string, width: number, ellipsis: string): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  if (characters.length <= width) return characters.join('');
  return (
    characters
      .slice(0, Math.max(0, width - columns(ellipsis)))
      .join('')
      .trimEnd() + ellipsis
  );
}

/** Untrusted text made safe for the terminal: secrets removed before wrapping or cutting could split one. */
export function clean(text: string, multiline = false): string {
  return printable(scrub(text), multiline);
}

/** A piece of a line: its plain text decides where lines break, its styled text is what is printed. */
export interface Segment {
  readonly text: string;
  readonly styled?: string;
}

/**
 * Segments joined by `separator`, a new line (indented by `indent`) when the next one would pass `width`;
 * a segment is never split, so one longer than the line (a long name) stands alone and may pass it.
 */
export function fitSegments(segments: readonly Segment[], separator: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let plain = '';
  let styled = '';
  for (const segment of segments) {
    const shown = segment.styled ?? segment.text;
    if (plain === '') {
      plain = segment.text;
      styled = shown;
    } else if (columns(plain) + columns(separator) + columns(segment.text) <= width) {
      plain += separator + segment.text;
      styled += separator + shown;
    } else {
      lines.push(styled);
      plain = indent + segment.text;
      styled = indent + shown;
    }
  }
  if (plain !== '') lines.push(styled);
  return lines;
}
