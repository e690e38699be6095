import type { Message } from '../core/message.js';

/** One problem in the configuration file, located. `message` is translated when printed. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the key, e.g. `accounts[0].outgoing.port`. */
  readonly path: string;
  readonly message: Message;
  /** Optional extra lines (did you mean, the single-quote hint…). */
  readonly hints?: readonly Message[];
}

/** Bad command-line usage → exit 2. */
export class UsageError extends Error {
  constructor(readonly detail: Message) {
    super(detail.key);
    this.name = 'UsageError';
  }
}

/** The person stopped at a prompt (Ctrl-C or Esc) → exit 130, with a one-line message of what was not done. */
export class CancelledError extends Error {
  constructor(readonly detail: Message) {
    super(detail.key);
    this.name = 'CancelledError';
  }
}

/** One or more problems in the YAML file → exit 2, all reported at once. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`${issues.length} configuration problem(s)`);
    this.name = 'ConfigError';
  }
}

/** A bug in tactium-preflight → exit 3 with a request to report it. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
