/**
 * Per-account memo shared by the checks of one account (expo-doctor's `cache`): one SMTP session that
 * connect → tls → auth → send continue, one token for the Entra checks. Things that hold sockets register
 * a disposer, and the runner disposes them when the account is done or the run is interrupted.
 */
export class RunMemo {
  readonly #values = new Map<string, unknown>();
  readonly #disposers: Array<() => unknown> = [];

  get<T>(key: string): T | undefined {
    return this.#values.get(key) as T | undefined;
  }

  set<T>(key: string, value: T): T {
    this.#values.set(key, value);
    return value;
  }

  /** Computes once per account; concurrent callers share the same promise. */
  once<T>(key: string, factory: () => Promise<T>): Promise<T> {
    const existing = this.#values.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const created = factory();
    this.#values.set(key, created);
    return created;
  }

  onDispose(disposer: () => unknown): void {
    this.#disposers.push(disposer);
  }

  async dispose(): Promise<void> {
    const disposers = this.#disposers.splice(0).reverse();
    for (const disposer of disposers) {
      try {
        await disposer();
      } catch {
        // Closing a socket that is already gone is not worth reporting.
      }
    }
    this.#values.clear();
  }
}
