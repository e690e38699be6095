import type { PreflightConfig } from '../config/types.js';
import { UsageError } from '../errors/index.js';
import { msg } from '../i18n/index.js';
import { closestMatch } from './suggest-name.js';

// Apart from the `check` command so that `report --from` selects accounts without loading the checks.

/** `--account a,b`: only these accounts; an unknown name is a usage error with the closest one. */
export function selectAccounts(config: PreflightConfig, wanted: string | undefined): PreflightConfig {
  if (!wanted) return config;
  const names = wanted
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const known = config.accounts.map((account) => account.name);
  const missing = names.filter((name) => !known.includes(name));
  if (missing.length > 0) {
    const name = missing[0]!;
    const suggestion = closestMatch(name, known);
    throw new UsageError(msg('cli.account.unknown', { name, known: known.join(', '), suggestion: suggestion ?? '—' }));
  }
  return { ...config, accounts: config.accounts.filter((account) => names.includes(account.name)) };
}
