import type { Secret } from '../../secrets/secret.js';
import { mentionsReference, parseReference, readCaFile, resolveRelative, resolveSecret, type PromptSecret } from '../references.js';
import { SECRET_KEYS, type SecretKey } from '../types.js';
import type { IssueList, Tainted } from './issues.js';
import { dataAt, formatPath, isPlainObject, type Segment } from './paths.js';
import type { SourceMap } from './source-map.js';

// ---- Resolving what the file refers to: secrets and the CA file -------------------------------------------

/**
 * The secret of each account's secret keys, by `index.key`. A reference that cannot be resolved is asked
 * for through `promptSecret` when there is one, else reported at its value.
 */
export async function resolveAccountSecrets(
  data: unknown,
  source: SourceMap,
  issues: IssueList,
  tainted: Tainted,
  context: { readonly baseDir: string; readonly env: NodeJS.ProcessEnv; readonly promptSecret: PromptSecret | undefined },
): Promise<Map<string, Secret>> {
  const { baseDir, env, promptSecret } = context;
  const secrets = new Map<string, Secret>();
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return secrets;
  for (const [index, account] of accounts.entries()) {
    const name = isPlainObject(account) && typeof account.name === 'string' ? account.name : `accounts[${index}]`;
    for (const key of SECRET_KEYS) {
      const segments: Segment[] = ['accounts', index, 'auth', key];
      const value = dataAt(data, segments);
      if (typeof value !== 'string' || value.length === 0 || tainted.paths.has(formatPath(segments))) continue;
      if (parseReference(value).type === 'malformed') continue;
      const resolved = await resolveSecret(value, { baseDir, env, account: name, key, ...(promptSecret ? { promptSecret } : {}) });
      if (resolved.ok) secrets.set(`${index}.${key satisfies SecretKey}`, resolved.value);
      else issues.add(segments, source.value(segments), resolved.message, resolved.hints);
    }
  }
  return secrets;
}

/** `tls.caFile`, resolved against the file's folder, and the certificates it holds; a problem is reported. */
export async function resolveCaFile(
  data: unknown,
  source: SourceMap,
  issues: IssueList,
  tainted: Tainted,
  baseDir: string,
): Promise<{ caFile?: string; extraCa: string[] }> {
  let caFile: string | undefined;
  let extraCa: string[] = [];
  const caValue = dataAt(data, ['tls', 'caFile']);
  if (typeof caValue === 'string' && caValue.length > 0 && !mentionsReference(caValue) && !tainted.paths.has('tls.caFile')) {
    caFile = resolveRelative(baseDir, caValue);
    const read = await readCaFile(caFile);
    if (read.ok) extraCa = read.value;
    else issues.add(['tls', 'caFile'], source.value(['tls', 'caFile']), read.message, read.hints);
  }
  return { ...(caFile !== undefined ? { caFile } : {}), extraCa };
}
