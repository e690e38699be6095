import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../errors/index.js';
import type { Secret } from '../../secrets/secret.js';
import type { PromptSecret } from '../references.js';
import { configSchema, type RawConfig } from '../schema.js';
import type { PreflightConfig } from '../types.js';
import { buildAccount } from './build.js';
import { reportDuplicateNames, reportReferenceShapes, reportRules, reportSecretShapedNames } from './cross-field.js';
import { IssueList, type Tainted } from './issues.js';
import { parseYaml } from './parse.js';
import { readConfigText } from './read.js';
import { reportZodIssue } from './schema-issues.js';
import { resolveAccountSecrets, resolveCaFile } from './secrets.js';

/**
 * YAML file → typed, validated configuration. Every problem is collected and thrown
 * at once as a ConfigError whose issues carry file, 1-based line and column, the dotted path, a message
 * saying what was found and what is expected, and hints (did you mean, single quotes…). No issue ever
 * carries a secret's value.
 */
export interface LoadOptions {
  /** Where `${env:NAME}` references are read; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Asked for a secret whose reference cannot be resolved (variable unset or empty, file unreadable), e.g.
   * by an interactive terminal's masked prompt. Returning undefined (or '') keeps the configuration error.
   */
  readonly promptSecret?: PromptSecret;
  /**
   * `false`: secret references are checked for shape but not resolved, and the accounts carry no secrets
   * (`report --from` and `init` need the file's values, not its credentials). Default true.
   */
  readonly resolveSecrets?: boolean;
}

/**
 * Parses and validates the text of a configuration file; `file` names it in messages and anchors
 * `${file:}` and `tls.caFile` paths. Throws ConfigError with every issue found.
 */
export async function parseConfigText(text: string, file: string, options: LoadOptions = {}): Promise<PreflightConfig> {
  const absolute = resolve(file);
  const baseDir = dirname(absolute);
  const issues = new IssueList(absolute);
  // A BOM is invisible to the person reading the file: drop it so that columns match their editor.
  const body = text.replace(/^\uFEFF/, '');
  const tainted: Tainted = { paths: new Set(), lines: new Set() };
  const { source, data } = parseYaml(body, issues, tainted);

  reportReferenceShapes(data, source, issues, tainted);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) reportZodIssue(issue, data, source, issues, tainted);
  reportRules(data, source, issues, tainted);
  reportDuplicateNames(data, source, issues);
  reportSecretShapedNames(data, source, issues);

  // Secrets: with the file otherwise valid, an unresolvable reference may be asked for; with other problems
  // already found, it is only reported, so that all problems show at once and nobody types a secret for
  // a file that fails anyway.
  const promptSecret = issues.items.length === 0 ? options.promptSecret : undefined;
  const env = options.env ?? process.env;
  const secrets =
    options.resolveSecrets !== false ? await resolveAccountSecrets(data, source, issues, tainted, { baseDir, env, promptSecret }) : new Map<string, Secret>();
  const tls = await resolveCaFile(data, source, issues, tainted, baseDir);

  if (issues.items.length > 0 || !parsed.success) throw new ConfigError(issues.sorted());
  const config: RawConfig = parsed.data;
  return {
    file: absolute,
    ...(config.customer !== undefined ? { customer: config.customer } : {}),
    accounts: config.accounts.map((account, index) => buildAccount(account, index, source, secrets)),
    tls,
  };
}

/** Reads and validates a configuration file (see parseConfigText). */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<PreflightConfig> {
  const absolute = resolve(file);
  return parseConfigText(readConfigText(absolute), absolute, options);
}
