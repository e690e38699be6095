/**
 * Process-wide redaction: every secret value the run resolves is registered here, and everything that
 * leaves the process (stdout, stderr, report files, traces) passes through `scrub()`.
 *
 * A secret is found in three ways:
 * - as it is, and as base64 at any byte alignment (a token sits inside a larger SASL blob such as
 *   XOAUTH2's `user=…\x01auth=Bearer <token>\x01\x01`);
 * - in a decoded view of the text, where every escape a hostile or merely echoing server may use stands for
 *   the character it encodes: `%XX` (either hex case, UTF-8 sequences, form encoding's `+` for a space —
 *   `URLSearchParams` escapes `~ ! ' ( ) *`, and every Azure client secret holds a `~`), JSON's `\uXXXX` and
 *   `\"`-style escapes, `\xHH`, HTML's `&#126;` / `&#x7E;` / `&amp;`. Each character may be escaped or not,
 *   so a secret escaped only in part is found as well; the view is decoded twice more for text encoded twice
 *   (a form body inside a JSON string inside an HTML page).
 * - a secret shorter than WHOLE_TOKEN_BELOW characters only as a whole token: a password `atend` must not
 *   rewrite `atendimento@contoso.com.br` (and so hint at itself).
 *
 * Text is cut for output only through `scrubAndClip()`: cutting first would leave the head of a secret that
 * no longer matches anything.
 */
const MIN_LENGTH = 4;
/** Shorter secrets are redacted only where they are not glued to letters or digits (see `isWholeToken`). */
const WHOLE_TOKEN_BELOW = 8;
/**
 * Forms longer than this are removed by plain search, not in the regular expression: V8 refuses to compile
 * one holding a literal of some 40 000 characters ("Regular expression too large"), which a secret read
 * from a big `${file:}` would make, and scrub() must never throw (it runs on the crash path too).
 */
const LONG_FORM = 1024;
/** Decoding rounds of the escaped view: once per layer of encoding (form in JSON in HTML is three). */
const DECODE_ROUNDS = 3;
/**
 * Longer texts are scrubbed a run of whole lines at a time: the decoded views map every character back to
 * the text (8 bytes each), which for a fleet's 23 MB JSON report was 190 MB at once. Lines are a safe cut:
 * no escape, base64 form or secret without a newline spans one (see `scrub`).
 */
const CHUNK = 64 * 1024;

/** Registered values, each with whether it is matched only as a whole token. */
const values = new Map<string, boolean>();
/** Forms removed wherever they occur: long values as they are, and the base64 cores of every value. */
const substringForms = new Set<string>();
/** Whether a registered value holds a newline: then text is scrubbed whole, never cut at lines. */
let multiline = false;
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

export function registerSecretValue(value: string): void {
  if (typeof value !== 'string' || value.length < MIN_LENGTH || values.has(value)) return;
  const wholeToken = [...value].length < WHOLE_TOKEN_BELOW;
  values.set(value, wholeToken);
  if (value.includes('\n')) multiline = true;
  if (!wholeToken) substringForms.add(value);
  for (const form of base64Forms(value)) {
    substringForms.add(form);
    substringForms.add(form.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
  }
  compiled = undefined;
}

/** A half-open range of the text to replace. */
type Span = readonly [start: number, end: number];

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Whether `found` (a short secret at `start` of `text`) stands on its own: an edge of the secret that is a
 * letter or digit must not touch another letter or digit (like `\b`, for every script). So `PASS atend`,
 * `"atend"`, `pass=atend&` and `atend.` are the secret, `atendimento` is a word.
 */
function isWholeToken(text: string, start: number, found: string): boolean {
  const end = start + found.length;
  if (start > 0 && WORD_CHARACTER.test(found[0]!) && WORD_CHARACTER.test(text[start - 1]!)) return false;
  if (end < text.length && WORD_CHARACTER.test(found[found.length - 1]!) && WORD_CHARACTER.test(text[end]!)) return false;
  return true;
}

/** Every occurrence of `needle` in `text` (overlapping ones too), as spans; short secrets as whole tokens. */
function addOccurrences(spans: Span[], text: string, needle: string, wholeToken: boolean, map?: Decoded): void {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (wholeToken && !isWholeToken(text, at, needle)) continue;
    spans.push(map ? [map.starts[at]!, map.ends[at + needle.length - 1]!] : [at, at + needle.length]);
  }
}

function addSubstringSpans(spans: Span[], text: string): void {
  if (!compiled) {
    // Longest first, so that a value is not half-replaced by a shorter form of another.
    const sorted = [...substringForms].sort((a, b) => b.length - a.length);
    const short = sorted.filter((form) => form.length <= LONG_FORM).map(escapeRegExp);
    compiled = { long: sorted.filter((form) => form.length > LONG_FORM), pattern: short.length > 0 ? new RegExp(short.join('|'), 'g') : undefined };
  }
  for (const form of compiled.long) addOccurrences(spans, text, form, false);
  if (!compiled.pattern) return;
  // Every match, overlapping ones too: where the tail of one secret is the head of another, both are found
  // (matchAll would resume after the first and leave the rest of the second).
  const pattern = compiled.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    spans.push([match.index, match.index + match[0].length]);
    pattern.lastIndex = match.index + 1;
  }
}

/**
 * The text with escapes decoded, and for each decoded UTF-16 unit the range of the source it came from.
 * `+` stays `+` (it is a space only in form encoding): the caller also looks for the secret with its
 * spaces written as `+`.
 */
interface Decoded {
  readonly text: string;
  readonly starts: ArrayLike<number>;
  readonly ends: ArrayLike<number>;
}

const HEX2 = /^[0-9a-f]{2}$/i;
const HEX4 = /^[0-9a-f]{4}$/i;
const JSON_SHORT: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', "'": "'", b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Bytes of a `%XX` run starting at `at` that form one UTF-8 character, or undefined. */
function percentCharacter(text: string, at: number): { readonly character: string; readonly length: number } | undefined {
  const byteAt = (index: number): number | undefined =>
    text[index] === '%' && HEX2.test(text.slice(index + 1, index + 3)) ? Number.parseInt(text.slice(index + 1, index + 3), 16) : undefined;
  const lead = byteAt(at);
  if (lead === undefined) return undefined;
  if (lead < 0x80) return { character: String.fromCharCode(lead), length: 3 };
  const count = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
  if (count < 0) return undefined;
  const bytes = [lead];
  for (let index = 1; index <= count; index++) {
    const next = byteAt(at + index * 3);
    if (next === undefined || next < 0x80 || next > 0xbf) return undefined;
    bytes.push(next);
  }
  const character = Buffer.from(bytes).toString('utf8');
  return character.includes('\ufffd') ? undefined : { character, length: (count + 1) * 3 };
}

/** The escape at `at` and what it stands for, or undefined when the character there is only itself. */
function escapeAt(text: string, at: number): { readonly character: string; readonly length: number } | undefined {
  const first = text[at];
  if (first === '%') return percentCharacter(text, at);
  if (first === '\\') {
    const kind = text[at + 1];
    if (kind === undefined) return undefined;
    if ((kind === 'u' || kind === 'U') && HEX4.test(text.slice(at + 2, at + 6)))
      return { character: String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16)), length: 6 };
    if ((kind === 'x' || kind === 'X') && HEX2.test(text.slice(at + 2, at + 4)))
      return { character: String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 4), 16)), length: 4 };
    const short = JSON_SHORT[kind];
    return short === undefined ? undefined : { character: short, length: 2 };
  }
  if (first === '&') {
    const entity = /^&(?:#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}))|(amp|lt|gt|quot|apos));?/i.exec(text.slice(at, at + 16));
    if (!entity) return undefined;
    const named = entity[3];
    if (named !== undefined) {
      // Named references need their semicolon (`&amp` inside a URL is a parameter name, not `&`).
      if (!entity[0].endsWith(';')) return undefined;
      return { character: NAMED_ENTITIES[named.toLowerCase()]!, length: entity[0].length };
    }
    const codePoint = entity[1] !== undefined ? Number.parseInt(entity[1], 16) : Number.parseInt(entity[2]!, 10);
    if (codePoint > 0x10ffff) return undefined;
    return { character: String.fromCodePoint(codePoint), length: entity[0].length };
  }
  return undefined;
}

const MAY_ESCAPE = /[%\\&]/;
const ESCAPE_START = /[%\\&]/g;

/** One round of decoding; undefined when nothing in `text` was an escape. */
function decodeOnce(text: string): Decoded | undefined {
  // Every escape is longer than what it stands for, so the decoded text is never longer than the source.
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const chunks: string[] = [];
  let length = 0;
  let copied = 0;
  let changed = false;
  const copy = (to: number): void => {
    if (to <= copied) return;
    chunks.push(text.slice(copied, to));
    for (let index = copied; index < to; index++, length++) {
      starts[length] = index;
      ends[length] = index + 1;
    }
    copied = to;
  };
  ESCAPE_START.lastIndex = 0;
  for (let match = ESCAPE_START.exec(text); match; match = ESCAPE_START.exec(text)) {
    const at = match.index;
    if (at < copied) continue;
    const escape = escapeAt(text, at);
    if (!escape) continue;
    copy(at);
    changed = true;
    chunks.push(escape.character);
    for (let unit = 0; unit < escape.character.length; unit++, length++) {
      starts[length] = at;
      ends[length] = at + escape.length;
    }
    copied = at + escape.length;
    ESCAPE_START.lastIndex = copied;
  }
  if (!changed) return undefined;
  copy(text.length);
  return { text: chunks.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** The decoded views of `text`, each mapped to ranges of `text` itself (none when it holds no escape). */
function decodedViews(text: string): Decoded[] {
  const views: Decoded[] = [];
  let current: Decoded | undefined;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const source = current?.text ?? text;
    if (!MAY_ESCAPE.test(source)) break;
    const next = decodeOnce(source);
    if (!next) break;
    if (current) {
      // Map back through the previous rounds to ranges of the original text.
      const previous = current;
      current = {
        text: next.text,
        starts: Int32Array.from(next.starts, (start) => previous.starts[start]!),
        ends: Int32Array.from(next.ends, (end) => previous.ends[end - 1]!),
      };
    } else current = next;
    views.push(current);
  }
  return views;
}

function addDecodedSpans(spans: Span[], text: string): void {
  if (!MAY_ESCAPE.test(text) && !text.includes('+')) return;
  const views = decodedViews(text);
  // Form encoding's `+` is read as itself by the decoder: the secret is also looked for with `+` spaces.
  if (views.length === 0 && text.includes('+')) {
    const starts = Int32Array.from({ length: text.length }, (_, index) => index);
    views.push({ text, starts, ends: starts.map((index) => index + 1) });
  }
  for (const view of views) {
    for (const [value, wholeToken] of values) {
      addOccurrences(spans, view.text, value, wholeToken, view);
      if (value.includes(' ')) addOccurrences(spans, view.text, value.replace(/ /g, '+'), wholeToken, view);
    }
  }
}

/**
 * Removes every registered secret (in any of the forms above) from `text`. Never throws: it runs on the
 * crash path too. Should the decoded view ever fail, the plain forms are still removed; should that fail
 * too, nothing of the text is shown.
 */
export function scrub(text: string): string {
  if (values.size === 0 || typeof text !== 'string' || text.length === 0) return text;
  if (text.length <= CHUNK || multiline) return scrubWhole(text);
  // Cut right after a newline. A match never contains one: the secret has none, its base64 forms have
  // none, no escape the decoder reads holds a raw one, and a short secret's word edge is the same at a
  // newline as at the start of a chunk. So the result is the same as for the whole text.
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start + CHUNK);
    const end = newline === -1 ? text.length : newline + 1;
    parts.push(scrubWhole(text.slice(start, end)));
    start = end;
  }
  return parts.join('');
}

function scrubWhole(text: string): string {
  try {
    return redactSpans(text, true);
  } catch {
    try {
      return redactSpans(text, false);
    } catch {
      return REDACTION_MARK;
    }
  }
}

function redactSpans(text: string, decoded: boolean): string {
  const spans: Span[] = [];
  addSubstringSpans(spans, text);
  for (const [value, wholeToken] of values) if (wholeToken) addOccurrences(spans, text, value, true);
  if (decoded) addDecodedSpans(spans, text);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let result = '';
  let at = 0;
  let open: [number, number] | undefined;
  for (const [start, end] of spans) {
    if (open && start < open[1]) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open) {
      result += text.slice(at, open[0]) + REDACTION_MARK;
      at = open[1];
    }
    open = [start, end];
  }
  if (open) {
    result += text.slice(at, open[0]) + REDACTION_MARK;
    at = open[1];
  }
  return result + text.slice(at);
}

/**
 * The one way to shorten text for output: secrets are removed first, then the text is cut to at most `max`
 * UTF-16 units (never inside a redaction mark or a surrogate pair) and `ellipsis` appended when it was cut.
 * Cutting before scrubbing would leave the head of a secret straddling the cut, which matches nothing.
 */
export function scrubAndClip(text: string, max: number, ellipsis = ''): string {
  const scrubbed = scrub(text);
  if (scrubbed.length <= max) return scrubbed;
  let cut = Math.max(0, max);
  // Back off to the start of a mark the cut would split, so no `[reda` remains.
  const mark = scrubbed.lastIndexOf(REDACTION_MARK, cut - 1);
  if (mark !== -1 && mark < cut && mark + REDACTION_MARK.length > cut) cut = mark;
  const code = scrubbed.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${scrubbed.slice(0, cut)}${ellipsis}`;
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
  values.clear();
  substringForms.clear();
  multiline = false;
  compiled = undefined;
}
