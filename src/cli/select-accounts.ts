import type { PreflightConfig } from '../config/types.js';
import { UsageError } from '../errors/index.js';
import { msg } from '../i18n/index.js';
import { closestMatch } from './suggest-name.js';

// Apart from the `check` command so that `report --from` selects accounts without loading the checks.

/** `--account a,b`: only these accounts; an unknown name is a usage error with the closest one. */
export function selectAccounts(config: PreflightConfig, wanted: string | undefined): PreflightConfig {
  if (!wanted) return config;
  const names = accountList(wanted);
  const known = config.accounts.map((account) => account.name);
  const missing = names.filter((name) => !known.includes(name));
  if (missing.length > 0) {
    const name = missing[0]!;
    const suggestion = closestMatch(name, known);
    throw new UsageError(msg('cli.account.unknown', { name, known: known.join(', '), suggestion: suggestion ?? '—' }));
  }
  return { ...config, accounts: config.accounts.filter((account) => names.includes(account.name)) };
}

/**
 * `--account a,b` over the files of the run: a name matches an account of any file, or one file's account
 * as `file:account`. A name that matches nothing is a usage error with the closest one.
 */
export function selectFleetAccounts(
  units: ReadonlyArray<{ readonly source: string; readonly config: PreflightConfig }>,
  wanted: string | undefined,
  several: boolean,
): Array<{ source: string; config: PreflightConfig }> {
  if (!wanted) return units.map((unit) => ({ ...unit }));
  if (!several && units.length === 1) return [{ source: units[0]!.source, config: selectAccounts(units[0]!.config, wanted) }];
  const names = accountList(wanted);
  const known = units.flatMap((unit) => unit.config.accounts.flatMap((account) => [account.name, `${unit.source}:${account.name}`]));
  const missing = names.filter((name) => !known.includes(name));
  if (missing.length > 0 && units.length > 0) {
    const name = missing[0]!;
    const suggestion = closestMatch(name, known);
    // A folder of hundreds of customers: the first names are enough to see how they are written.
    const all = [...new Set(known)];
    const shown = all.length > 20 ? `${all.slice(0, 20).join(', ')}, … (${all.length})` : all.join(', ');
    throw new UsageError(msg('cli.account.unknown', { name, known: shown, suggestion: suggestion ?? '—' }));
  }
  return units
    .map((unit) => ({
      source: unit.source,
      config: {
        ...unit.config,
        accounts: unit.config.accounts.filter((account) => names.includes(account.name) || names.includes(`${unit.source}:${account.name}`)),
      },
    }))
    .filter((unit) => unit.config.accounts.length > 0);
}

function accountList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
