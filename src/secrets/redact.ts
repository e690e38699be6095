/**
 * Process-wide redaction: every secret value the run resolves is registered here, and everything that
 * leaves the process (stdout, stderr, report files, traces) passes through `scrub()`.
 * Besides the raw value it removes the forms a secret takes on the wire: base64 (at any byte alignment,
 * because a token sits inside a larger SASL blob such as XOAUTH2's `user=…\x01auth=Bearer <token>\x01\x01`)
 * and URL/form encoding (token endpoint bodies, redirect URLs).
 */
const MIN_LENGTH = 4;
/**
 * Forms longer than this are removed by plain search, not in the regular expression: V8 refuses to compile
 * one holding a literal of some 40 000 characters ("Regular expression too large"), which a secret read
 * from a big `${file:}` would make, and scrub() must never throw (it runs on the crash path too).
 */
const LONG_FORM = 1024;
const patterns = new Set<string>();
let compiled: { readonly long: readonly string[]; readonly pattern: RegExp | undefined } | undefined;

export const REDACTION_MARK = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The stable middle of base64(prefix + secret) for each of the three alignments. */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    // Drop the characters influenced by the unknown prefix bytes and by the unknown suffix.
    const start = Math.ceil((shift * 8) / 6);
    const usableBits = padded.length * 8;
    const end = Math.floor(usableBits / 6);
    const core = encoded.slice(start, end);
    if (core.length >= MIN_LENGTH) forms.push(core);
  }
  return forms;
}

function encodedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(encodeURIComponent(value));
  forms.add(encodeURIComponent(value).replace(/%20/g, '+'));
  forms.add(JSON.stringify(value).slice(1, -1));
  for (const form of base64Forms(value)) {
    forms.add(form);
    forms.add(form.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
  }
  return [...forms].filter((form) => form.length >= MIN_LENGTH);
}

export function registerSecretValue(value: string): void {
  if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
  let added = false;
  for (const form of encodedForms(value)) {
    if (!patterns.has(form)) {
      patterns.add(form);
      added = true;
    }
  }
  if (added) compiled = undefined;
}

/** Removes every registered secret (and its encoded forms) from `text`. */
export function scrub(text: string): string {
  if (patterns.size === 0 || text.length === 0) return text;
  if (!compiled) {
    // Longest first, so that a value is not half-replaced by a shorter form of another.
    const sorted = [...patterns].sort((a, b) => b.length - a.length);
    const short = sorted.filter((form) => form.length <= LONG_FORM).map(escapeRegExp);
    compiled = { long: sorted.filter((form) => form.length > LONG_FORM), pattern: short.length > 0 ? new RegExp(short.join('|'), 'g') : undefined };
  }
  let result = text;
  for (const form of compiled.long) if (result.includes(form)) result = result.split(form).join(REDACTION_MARK);
  return compiled.pattern ? result.replace(compiled.pattern, REDACTION_MARK) : result;
}

/** Scrubs every string inside a JSON-like value (used for report objects before serialisation). */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item);
    return out as T;
  }
  return value;
}

/** For tests only: forget every registered value. */
export function resetRedactionForTests(): void {
  patterns.clear();
  compiled = undefined;
}
