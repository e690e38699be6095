/**
 * Reading Entra's error answers: the AADSTS number, the OAuth error fields, the description's headline.
 * What each number means is the table in ../providers/microsoft/aadsts.ts. Answer format:
 * https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
 */
import { scrub, scrubAndClip } from '../secrets/redact.js';

/**
 * The AADSTS number of an error answer: `error_codes[0]`, else the `AADSTSnnnn:` prefix of the description
 * (docs/testing.md §Entra stand-in; msal's `errorNo` is a number at run time although typed string).
 */
export function aadstsNumber(codes: unknown, description: unknown): number | undefined {
  if (Array.isArray(codes)) {
    const first = Number(codes[0]);
    if (Number.isInteger(first) && first > 0) return first;
  }
  if (typeof codes === 'number' && Number.isInteger(codes) && codes > 0) return codes;
  if (typeof codes === 'string' && /^\d+$/.test(codes)) return Number(codes);
  if (typeof description === 'string') {
    const match = /AADSTS(\d+)/.exec(description);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** The error answer of Entra's token and discovery endpoints (reference-error-codes, "sample error response"). */
export interface EntraErrorBody {
  readonly error?: string;
  readonly description?: string;
  readonly aadsts?: number;
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly timestamp?: string;
}

/** Reads Entra's error fields off a parsed JSON body, or undefined when the body is not one. */
export function parseEntraError(json: unknown): EntraErrorBody | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const field = (name: string): string | undefined => {
    const value: unknown = Reflect.get(json, name);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const error = field('error');
  const description = field('error_description');
  if (error === undefined && description === undefined) return undefined;
  const aadsts = aadstsNumber(Reflect.get(json, 'error_codes'), description);
  return {
    ...(error !== undefined ? { error } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(aadsts !== undefined ? { aadsts } : {}),
    ...(field('trace_id') !== undefined ? { traceId: field('trace_id') } : {}),
    ...(field('correlation_id') !== undefined ? { correlationId: field('correlation_id') } : {}),
    ...(field('timestamp') !== undefined ? { timestamp: field('timestamp') } : {}),
  };
}

/**
 * The first sentence(s) of Entra's description, without the "Trace ID / Correlation ID / Timestamp"
 * lines (shown as their own evidence) — what a person reads.
 */
export function descriptionHeadline(description: string): string {
  // Scrubbed whole before any cut: an `invalid_client` description may echo the request body, secret included.
  const scrubbed = scrub(description);
  const cut = scrubbed.split(/\r?\n|\s+Trace ID:/)[0] ?? scrubbed;
  return scrubAndClip(cut.trim(), 500);
}
