import { inspect } from 'node:util';
import { registerSecretValue } from './redact.js';

/** Where a secret value came from: the file itself, an environment variable, a file, or a prompt. */
export type SecretSource = 'inline' | 'env' | 'file' | 'prompt' | 'runtime';

const REDACTED = '[redacted]';

/**
 * A secret value (password, client secret, token, authorization code).
 * Interpolation, JSON.stringify and console.log all print `[redacted]`; only `reveal()` gives the value,
 * and only probes call it, at the point where the value is handed to a protocol library.
 * Every Secret registers its value with the process-wide redactor, so even a leak through a library's
 * error message is scrubbed on the way out.
 */
export class Secret {
  readonly #value: string;
  constructor(
    value: string,
    readonly source: SecretSource,
    /** The reference as written (`${env:NAME}`, `${file:path}`), for messages; never the value. */
    readonly reference?: string,
  ) {
    this.#value = value;
    registerSecretValue(value);
  }
  reveal(): string {
    return this.#value;
  }
  get isEmpty(): boolean {
    return this.#value.length === 0;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
