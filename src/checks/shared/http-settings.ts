import type { CheckContext } from '../../core/check.js';
import type { HttpSettings } from '../../probes/https/client.js';

/** A check's identity requests run with its step timeout, abort signal, trust anchors, resolver and transcript. */
export function httpSettings(context: CheckContext): HttpSettings {
  return {
    timeoutMs: context.options.stepTimeoutMs,
    signal: context.signal,
    extraCa: context.services.extraCa,
    resolver: context.services.dns,
    transcript: context.transcript,
  };
}
