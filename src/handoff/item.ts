import type { Security } from '../config/types.js';
import type { Message } from '../core/message.js';
import type { ItemKey } from './proof.js';

/** One thing the customer sends to Tactium, as the sheet lists it. */
export interface HandoffItem {
  /** The item's label, and its row in ITEM_PROOF (the checks that prove it). */
  readonly key: ItemKey;
  /** What to send, as written in the file; `null` for a secret (never printed) or something not given. */
  readonly value: string | null;
  /** A value that is a word to translate rather than a fact (e.g. the OAuth flow). */
  readonly display?: Message;
  readonly secret: boolean;
}

export const SECURITY_WORDS: Readonly<Record<Security, string>> = { tls: 'SSL/TLS', starttls: 'STARTTLS', none: 'none' };
