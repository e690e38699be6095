import { createTranslator, resolveLocale, type Translator } from '../i18n/index.js';

/**
 * Whom the words are for:
 * - `operator`: the person running the tool (messages, prompts, the report): `--lang`, else the
 *   environment's (LC_ALL, LC_MESSAGES, LANG), else the operating system's;
 * - `on-site`: what is made for the on-site setup in Brazil (the `init` wizard, the handoff sheet):
 *   `--lang`, else pt-BR whatever the machine says.
 */
export type Audience = 'operator' | 'on-site';

/**
 * The operating system's locale when no variable names one (Windows; `LANG=C.UTF-8` in containers).
 * Every Intl service resolves the same ICU default locale; PluralRules loads the least locale data
 * (~5 ms against ~15 ms for DateTimeFormat, measured by `npm run bench`), and this runs on every start.
 */
function systemLocale(): string | undefined {
  return new Intl.PluralRules().resolvedOptions().locale;
}

/**
 * The one place the CLI decides a language; everything below it is handed the translator. A `--lang`
 * that names neither language is ignored here (commander reports it as a usage error).
 */
export function translatorFor(
  audience: Audience,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  osLocale: () => string | undefined = systemLocale,
): Translator {
  const known = flag && /^(pt|en)/i.test(flag) ? flag : undefined;
  if (audience === 'on-site') return createTranslator(resolveLocale(known ?? 'pt-BR', env, osLocale));
  return createTranslator(resolveLocale(known, env, osLocale));
}
