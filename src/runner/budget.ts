/**
 * The budget clocks of one account's checks (`steps × step timeout + margin` each), which stop while the
 * account waits for another account's login to the same mailbox to end (login-locks.ts). That wait is
 * not the check's own doing and no step of it can hang: the holder is itself a check bounded by its
 * budget, and its connection is closed on every path (at the latest when its account is done). Counting
 * the wait would turn the sixth of six accounts sharing a mailbox into a budget `error` for having
 * queued politely. All the account's running clocks stop, not only the waiting check's: a check that
 * awaits a login stage another check of the account started (exchange.mailbox-access reading
 * incoming.auth's login, smtp.send reading smtp.auth's) is waiting just the same. Each network step keeps
 * its own timeout meanwhile, so nothing can hang unseen.
 */
export class AccountBudgets {
  #waits = 0;
  readonly #clocks = new Set<BudgetClock>();

  /** A wait begins; the function returned ends it (a second call does nothing). */
  beginWait(): () => void {
    if (this.#waits++ === 0) for (const clock of this.#clocks) clock.pause();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.#waits === 0) for (const clock of this.#clocks) clock.resume();
    };
  }

  /** Starts a check's budget of `ms` (stopped at once while the account waits); `onOverrun` fires once when it runs out. */
  start(ms: number, onOverrun: () => void): { stop(): void } {
    const clock = new BudgetClock(ms, () => {
      this.#clocks.delete(clock);
      onOverrun();
    });
    this.#clocks.add(clock);
    if (this.#waits === 0) clock.resume();
    return {
      stop: () => {
        clock.pause();
        this.#clocks.delete(clock);
      },
    };
  }
}

class BudgetClock {
  #remainingMs: number;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #onOverrun: () => void;

  constructor(ms: number, onOverrun: () => void) {
    this.#remainingMs = ms;
    this.#onOverrun = onOverrun;
  }

  resume(): void {
    if (this.#timer) return;
    this.#since = performance.now();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#onOverrun();
    }, this.#remainingMs);
  }

  pause(): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#remainingMs = Math.max(0, this.#remainingMs - (performance.now() - this.#since));
  }
}
