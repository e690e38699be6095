import { parseDocument } from 'yaml';
import { InternalError } from '../../errors/index.js';

/** Every text the writer returns is parsed back and compared with the data it was meant to hold. */

/** JSON with sorted keys: the same data whatever the key order (and whichever realm built the objects). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

export function verify(text: string, expected: unknown, what: string): void {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (doc.errors.length > 0 || canonical(doc.toJS()) !== canonical(expected)) throw new InternalError(`write: the ${what} does not read back as written`);
}

export function matches(text: string, expected: unknown): boolean {
  try {
    verify(text, expected, 'edit');
    return true;
  } catch {
    return false;
  }
}
