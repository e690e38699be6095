/**
 * A user-facing message not yet translated: checks return these, reporters translate them (i18n/index.ts).
 * The key set is the English catalogue's, read as a type only: the catalogue is plain data that imports
 * nothing, so naming its keys here adds no dependency at run time and no cycle.
 *
 * The parameters are typed too: each English string's `{name}` placeholders are read at the type level, so
 * `msg(key, params)` must pass exactly those names, and a placeholder the code does not fill (or a parameter
 * the string does not use) fails `tsc` instead of showing a raw `{name}` to the customer.
 */
import type { en } from '../i18n/catalogs/en/index.js';

export type MessageKey = keyof typeof en;
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

type WordChar =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z'
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z'
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '_';

/** True when S is one or more `\w` characters: the runtime fills `{\w+}` only (`{env:NAME}` is literal text). */
type IsWord<S extends string> = S extends `${infer C}${infer Rest}` ? (C extends WordChar ? (Rest extends '' ? true : IsWord<Rest>) : false) : false;

/**
 * The placeholder names of a template, as the runtime's `/\{(\w+)\}/g` finds them. When the text between a
 * `{` and the next `}` holds another `{`, the scan restarts at that inner brace, as the regular expression does.
 */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}`
  ? P extends `${string}{${infer Inner}`
    ? Placeholders<`{${Inner}}${R}`>
    : (IsWord<P> extends true ? P : never) | Placeholders<R>
  : never;

/** The parameters a key's English string needs: exactly its placeholder names. */
export type ParamsOf<K extends MessageKey> = { readonly [P in Placeholders<(typeof en)[K]>]: string | number };

/**
 * The trailing arguments after a key: none (or an empty object) when its string has no placeholder, else
 * exactly its placeholders. Spread as `...params: MessageArgs<K>` so that the parameters stay required.
 * A key typed as any `MessageKey` at all (a key carried in a Message, or read from a table typed that
 * wide) cannot be checked statically: it takes any parameters, as before; the runtime leaves an unfilled
 * placeholder visible rather than inventing a value.
 */
export type MessageArgs<K extends MessageKey> = [MessageKey] extends [K]
  ? [params?: MessageParams]
  : [Placeholders<(typeof en)[K]>] extends [never]
    ? [params?: Readonly<Record<string, never>>]
    : [params: ParamsOf<K>];
