import { en } from './catalogs/en/index.js';
import { ptBR } from './catalogs/pt-BR/index.js';
import type { Area } from '../core/check.js';
import type { Message, MessageKey, MessageParams } from '../core/message.js';

export type Locale = 'pt-BR' | 'en';

export const LOCALES: readonly Locale[] = ['pt-BR', 'en'];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'pt-BR': ptBR };

/** Builds a Message; a tiny helper so that checks read naturally: `msg('smtp.tls.expired', { days })`. */
export function msg(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? catalogs.en[key];
  if (template === undefined) return key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale: what reporters and the CLI receive. */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  message(message: Message): string;
}

export function createTranslator(locale: Locale): Translator {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    message: (message) => translate(locale, message.key, message.params),
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
