import type { Status } from '../checks/types.js';

/** `unicode` where the console can show it; `ascii` for older Windows consoles (the CLI decides). */
export type SymbolSet = 'unicode' | 'ascii';

export interface Symbols {
  readonly status: Readonly<Record<Status, string>>;
  /** Starts an evidence line. */
  readonly bullet: string;
  /** Separates the parts of a heading ("smtp.tls · Outgoing TLS"). */
  readonly separator: string;
}

// Text-presentation characters only (no emoji), each one terminal column wide.
const UNICODE: Symbols = {
  status: { pass: '✔', warn: '▲', fail: '✖', skip: '○', error: '‼' },
  bullet: '•',
  separator: '·',
};

// Same width for every status so the columns line up.
const ASCII: Symbols = {
  status: { pass: '[ok]', warn: '[!!]', fail: '[xx]', skip: '[--]', error: '[ER]' },
  bullet: '-',
  separator: '-',
};

export function symbolsFor(set: SymbolSet): Symbols {
  return set === 'ascii' ? ASCII : UNICODE;
}
