import type { TraceEntry, Transcript as TranscriptContract } from '../core/transcript.js';
import { scrubAndClip } from '../secrets/redact.js';

/** Longest line kept in a transcript: hostile servers send megabyte lines. */
const MAX_LINE = 2000;
/** Most entries kept per check, so an endless multi-line reply cannot exhaust memory. */
const MAX_ENTRIES = 2000;

/**
 * Records a redacted protocol transcript for `--trace`. Producers redact at the source (AUTH arguments
 * replaced); `scrubAndClip()` is the second layer for anything that slipped through, before a line is cut.
 */
export class Transcript implements TranscriptContract {
  readonly #entries: TraceEntry[] = [];
  readonly #startedAt = Date.now();
  #dropped = 0;
  constructor(readonly enabled: boolean) {}

  add(direction: TraceEntry['direction'], text: string): void {
    if (!this.enabled) return;
    if (this.#entries.length >= MAX_ENTRIES) {
      this.#dropped++;
      return;
    }
    this.#entries.push({ atMs: Date.now() - this.#startedAt, direction, text: scrubAndClip(text, MAX_LINE, `… (${text.length} chars)`) });
  }

  entries(): readonly TraceEntry[] {
    if (this.#dropped === 0) return [...this.#entries];
    return [...this.#entries, { atMs: Date.now() - this.#startedAt, direction: 'info', text: `… ${this.#dropped} more lines not kept` }];
  }
}
