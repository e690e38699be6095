import { scrubAndClip } from '../../secrets/redact.js';
import { hasSecretShape, maskSecretShaped, SECRET_SHAPE_MASK } from '../../secrets/shape.js';
import { SECRET_KEYS } from '../types.js';

/** Paths into the parsed data (`['accounts', 0, 'auth', 'password']`) and values as messages show them. */

export type Segment = string | number;

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);

/** `accounts[0].outgoing.port` */
export function formatPath(segments: readonly Segment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text.length === 0 ? shownKey(segment) : `.${shownKey(segment)}`;
  }
  return text;
}

/**
 * A key of the file as messages and paths show it. Keys come from the file like values do: a secret pasted
 * on a line of its own with a colon after it (`xyz8Q~…:`) is a key, and "unknown key" would print it. A
 * secret-shaped key is masked like a value (see describeFound), a very long one cut.
 */
export function shownKey(key: string): string {
  // A secret may also sit inside a longer key (`clientSecret xyz8Q~…:`, `{ xyz8Q~…: x }`).
  if (hasSecretShape(key) || key.split(/[\s{}[\],:"']+/).some(hasSecretShape)) return maskSecretShaped(key);
  // `password:Summer2024` (no space after the colon) or `password=Summer2024` is one key to YAML, and
  // what follows the separator was meant as the value: only the name before it is shown.
  const glued = gluedKey(key);
  if (glued) return `${glued.name}…`;
  return key.length > 80 ? scrubAndClip(key, 77, '…') : key;
}

/** A key written with its value glued to it (`password:x`, `password=x`, `password x`): the name and the value. */
export function gluedKey(key: string): { readonly name: string; readonly value: string } | undefined {
  const match = /^([^:=\s]*)\s*[:=\s]\s*(\S[^]*)$/.exec(key.trim());
  return match ? { name: match[1]!, value: match[2]! } : undefined;
}

export function isSecretPath(segments: readonly Segment[]): boolean {
  return segments.length === 4 && segments[0] === 'accounts' && segments[2] === 'auth' && SECRET_KEY_SET.has(String(segments[3]));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function dataAt(data: unknown, segments: readonly Segment[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isPlainObject(current)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** A value as shown in a message: strings quoted (control characters visible), collections elided. */
export function describeFound(value: unknown): string {
  if (typeof value === 'string') {
    // A secret pasted under a key that is not for one (a client secret's value as its Secret ID) is not
    // registered as a secret: its shape alone keeps it out of the message.
    if (hasSecretShape(value)) return JSON.stringify(maskSecretShaped(value));
    // Scrubbed before the cut: a literal secret in the wrong key is registered, but only matches whole.
    const shown = value.length > 80 ? scrubAndClip(value, 77, '…') : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return '[…]';
  if (isPlainObject(value)) return '{…}';
  return String(value);
}

/** True when `describeFound` hid the value because it has a secret's shape. */
export function isMaskedFound(found: unknown): boolean {
  return typeof found === 'string' && found.endsWith(`${SECRET_SHAPE_MASK}"`);
}
