import type { Status } from '../core/check.js';

/** `unicode` where the console can show it; `ascii` for older Windows consoles (the CLI decides). */
export type SymbolSet = 'unicode' | 'ascii';

export interface Symbols {
  readonly status: Readonly<Record<Status, string>>;
  /** Starts an evidence line. */
  readonly bullet: string;
  /** Separates the parts of a heading ("smtp.tls · Outgoing TLS"). */
  readonly separator: string;
  /** Ends a detail cut to the terminal's width. */
  readonly ellipsis: string;
}

// Text-presentation characters only (no emoji), each one terminal column wide.
const UNICODE: Symbols = {
  status: { pass: '✔', warn: '▲', fail: '✖', skip: '○', error: '‼' },
  bullet: '•',
  separator: '·',
  ellipsis: '…',
};

// Same width for every status so the columns line up.
const ASCII: Symbols = {
  status: { pass: '[ok]', warn: '[!!]', fail: '[xx]', skip: '[--]', error: '[ER]' },
  bullet: '-',
  separator: '-',
  ellipsis: '...',
};

export function symbolsFor(set: SymbolSet): Symbols {
  return set === 'ascii' ? ASCII : UNICODE;
}

/**
 * Typographic punctuation of the catalogues, in ASCII, for consoles that cannot show it (a Brazilian
 * Windows conhost uses code page 850: “quotes”, ’, …, — and › become "?"). Portuguese letters (ç, ã, é)
 * exist in code page 850 and stay; the status symbols are handled by `symbolsFor`.
 */
const ASCII_PUNCTUATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"'],
  [/[\u2018\u2019\u201A]/g, "'"],
  [/\u2026/g, '...'],
  [/[\u2014\u2013\u2212]/g, '-'],
  [/\u203A/g, '>'],
  [/\u2039/g, '<'],
  [/\u2192/g, '->'],
  [/[\u2022\u00B7]/g, '-'],
  [/\u00D7/g, 'x'],
  [/[\u00A0\u202F\u2009]/g, ' '],
  [/\u2714/g, '[ok]'],
  [/\u2716/g, '[xx]'],
  [/\u25B2/g, '[!!]'],
  [/\u25CB/g, '[--]'],
  [/\u203C/g, '[ER]'],
];

export function asciiPunctuation(text: string): string {
  let result = text;
  for (const [pattern, replacement] of ASCII_PUNCTUATION) result = result.replace(pattern, replacement);
  return result;
}
