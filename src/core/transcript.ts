/** One line of a protocol exchange: client, server, TLS event or note; `atMs` from the transcript start. */
export interface TraceEntry {
  readonly atMs: number;
  readonly direction: 'client' | 'server' | 'tls' | 'info';
  readonly text: string;
}

/**
 * The redacting recorder of protocol exchanges for `--trace` that probes, identity requests and checks
 * write to; runner/transcript.ts implements it (redaction lives with the secrets, not here).
 */
export interface Transcript {
  readonly enabled: boolean;
  add(direction: TraceEntry['direction'], text: string): void;
  entries(): readonly TraceEntry[];
}
