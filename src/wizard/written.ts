/** Reading an account as written in the file (plain YAML data), for the wizard's proposals. */

/** An account as written in the file (plain YAML data), when the person edits it. */
export type WrittenAccount = Readonly<Record<string, unknown>>;

export function read(account: WrittenAccount | undefined, path: string): unknown {
  let current: unknown = account;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function readString(account: WrittenAccount | undefined, path: string): string | undefined {
  const value = read(account, path);
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
