import { basename } from 'node:path';
import type { Account, PreflightConfig } from '../../../config/types.js';
import type { Evidence } from '../../../core/check.js';

/**
 * Evidence for one setting and where it came from: `outgoing.port: 465 — cliente.yaml:15` when written in
 * the file, or the same under the "default" label when the loader filled it in (a provider default, or the
 * security that goes with a written port). A key counts as written when the loader marked it explicit or
 * recorded its position. Only the file's name is shown, not its folder: reports travel to Tactium and need
 * not carry the customer's paths.
 */
export function settingEvidence(
  account: Account,
  config: PreflightConfig,
  path: string,
  value: string | number,
  options: { readonly alwaysWritten?: boolean } = {},
): Evidence {
  const shown = `${path}: ${value}`;
  const written = options.alwaysWritten === true || account.explicit.has(path) || account.positions.has(path);
  if (!written) return { label: 'config.evidence.settingDefault', value: shown };
  const where = whereWritten(account, config, path);
  return { label: 'config.evidence.setting', value: where ? `${shown} — ${where}` : shown };
}

/** `cliente.yaml:12` for a key written in the file, or undefined. */
export function whereWritten(account: Account, config: PreflightConfig, path: string): string | undefined {
  const position = account.positions.get(path);
  return position ? `${basename(config.file)}:${position.line}` : undefined;
}
