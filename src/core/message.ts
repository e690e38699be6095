/**
 * A user-facing message not yet translated: checks return these, reporters translate them (i18n/index.ts).
 * The key set is the English catalogue's, read as a type only: the catalogue is plain data that imports
 * nothing, so naming its keys here adds no dependency at run time and no cycle.
 */
import type { en } from '../i18n/catalogs/en/index.js';

export type MessageKey = keyof typeof en;
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}
