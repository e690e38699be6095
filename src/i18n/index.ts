import { en } from './catalogs/en/index.js';
import { ptBR } from './catalogs/pt-BR/index.js';
import type { Area } from '../core/check.js';
import type { Message, MessageArgs, MessageKey, MessageParams, Placeholders } from '../core/message.js';

export type Locale = 'pt-BR' | 'en';

export const LOCALES: readonly Locale[] = ['pt-BR', 'en'];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'pt-BR': ptBR };

/**
 * The keys whose pt-BR string fills other placeholders than the English one (`{host}` where English has
 * `{server}`): the parameters are typed from English, so such a string would show a raw `{host}`.
 */
type PlaceholderMismatch = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [Placeholders<(typeof ptBR)[K]>]
    ? [Placeholders<(typeof ptBR)[K]>] extends [Placeholders<(typeof en)[K]>]
      ? never
      : K
    : K;
}[MessageKey];
type Expect<T extends true> = T;
/** Fails tsc, naming the keys, when a pt-BR string's placeholders differ from English. */
export type PlaceholderParity = Expect<[PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch>;

/** Builds a Message; a tiny helper so that checks read naturally: `msg('smtp.tls.expired', { days })`. */
export function msg<K extends MessageKey>(key: K, ...[params]: MessageArgs<K>): Message {
  return params ? { key, params } : { key };
}

/** Typed like `msg`: the parameters must be exactly the placeholders of the key's English string. */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...[params]: MessageArgs<K>): string {
  return fill(locale, key, params);
}

/** The untyped core of `translate`, for a Message already built (its parameters were checked by `msg`). */
function fill(locale: Locale, key: MessageKey, params: MessageParams | undefined): string {
  const template = catalogs[locale][key] ?? catalogs.en[key];
  if (template === undefined) return key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** A translator bound to one locale: what reporters and the CLI receive. */
export interface Translator {
  readonly locale: Locale;
  t<K extends MessageKey>(key: K, ...params: MessageArgs<K>): string;
  message(message: Message): string;
}

export function createTranslator(locale: Locale): Translator {
  return {
    locale,
    t: (key, ...params) => translate(locale, key, ...params),
    message: (message) => fill(locale, message.key, message.params),
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The areas of check ids: other `.title` keys (the report's, the sheet's) belong to no check. */
const CHECK_AREAS: Readonly<Record<Area, true>> = { config: true, dns: true, smtp: true, incoming: true, entra: true, exchange: true, gmail: true };

/**
 * A check's title key is its id then `.title` (`entra.admin-user` → `entra.admin-user.title`), so a title is
 * found from the id alone: `report --from` titles a saved report's checks without loading the checks (and
 * their protocol and identity modules). `undefined` for an id that is no check's in this version (a report
 * from another version, or a hand-edited one, keeps its own words). src/checks/registry.test.ts holds every
 * check's `title` to this key.
 */
export function checkTitleKey(id: string): MessageKey | undefined {
  const area = id.slice(0, id.indexOf('.'));
  const key = `${id}.title`;
  return Object.hasOwn(CHECK_AREAS, area) && isMessageKey(key) ? key : undefined;
}

/** For tests: every key of each catalogue. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}

/**
 * The locale rule: `--lang`, else LC_ALL / LC_MESSAGES / LANG, else the operating system's locale
 * through Intl (a Brazilian Windows machine sets no LANG but Intl reports pt-BR). `pt*` → pt-BR.
 */
export function resolveLocale(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  systemLocale: () => string | undefined = () => Intl.DateTimeFormat().resolvedOptions().locale,
): Locale {
  if (flag) return normaliseLocale(flag);
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    // "C" and "POSIX" say nothing about language; fall through to the next source.
    if (value && value !== 'C' && value !== 'POSIX' && !value.startsWith('C.')) return normaliseLocale(value);
  }
  return normaliseLocale(systemLocale() ?? 'en');
}

export function normaliseLocale(value: string): Locale {
  return value.trim().toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}
