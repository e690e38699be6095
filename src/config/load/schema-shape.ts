import { z } from 'zod';
import { configSchema } from '../schema.js';
import type { Segment } from './paths.js';

// ---- The schema's shape, for "allowed keys here" and "did you mean" -------------------------------------

function unwrapSchema(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}

/** The zod schema of the value at `segments`, or undefined where the file has a key the schema does not know. */
export function schemaAt(segments: readonly Segment[]): unknown {
  let current: unknown = configSchema;
  for (const segment of segments) {
    const unwrapped = unwrapSchema(current);
    if (typeof segment === 'number') current = unwrapped instanceof z.ZodArray ? unwrapped.element : undefined;
    else current = unwrapped instanceof z.ZodObject && Object.hasOwn(unwrapped.shape, segment) ? unwrapped.shape[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return unwrapSchema(current);
}

export function allowedKeysAt(segments: readonly Segment[]): string[] {
  const schema = schemaAt(segments);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Where each key of the file may be written: '' (top level), 'account', or a mapping name such as 'auth'. */
export const KEY_HOMES: ReadonlyMap<string, readonly string[]> = (() => {
  const homes = new Map<string, string[]>();
  const add = (key: string, home: string) => homes.set(key, [...(homes.get(key) ?? []), home]);
  for (const key of allowedKeysAt([])) add(key, '');
  for (const key of allowedKeysAt(['accounts', 0])) add(key, 'account');
  for (const mapping of ['auth', 'admin', 'incoming', 'outgoing', 'endpoints']) {
    for (const key of allowedKeysAt(['accounts', 0, mapping])) add(key, mapping);
  }
  for (const key of allowedKeysAt(['tls'])) add(key, 'tls');
  return homes;
})();

export function homeOf(segments: readonly Segment[]): string {
  if (segments.length === 0) return '';
  if (segments.length === 2 && segments[0] === 'accounts') return 'account';
  const last = segments[segments.length - 1];
  return typeof last === 'string' ? last : '';
}
