import { translate } from '../i18n/index.js';
import type { MessageKey } from '../core/message.js';
import { GOOGLE_CLIENT_ID_PATTERN, GUID_PATTERN } from './schema.js';
import type { AuthMethod, OAuthFlow, Provider } from './types.js';

/**
 * Cross-field rules of an account (required and forbidden keys per provider, auth method and flow), kept as
 * data so that one table drives both the loader's messages and the JSON Schema's `if`/`then` clauses: an
 * editor and `check` give the same verdict. Keys are dotted and relative to the account (`auth.clientSecret`).
 */
export interface RuleCondition {
  readonly provider?: readonly Provider[];
  readonly method?: readonly AuthMethod[];
  readonly flow?: readonly OAuthFlow[];
  /** The rule is waived when this key is written (e.g. `auth.accessToken`: a token to test replaces the sign-in secrets). */
  readonly unless?: string;
}

/** A value that must have a shape, with a sharper message when it has a known wrong shape instead. */
export interface RuleMatch {
  readonly key: string;
  readonly pattern: RegExp;
  readonly lookalike?: { readonly pattern: RegExp; readonly message: MessageKey; readonly hints?: readonly MessageKey[] };
}

export interface ConfigRule {
  readonly id: string;
  readonly when: RuleCondition;
  /** Keys that must be written. Missing ones are reported together, at their parent mapping. */
  readonly require?: readonly string[];
  /** Keys that must not be written. Present ones are reported together, at the first of them. */
  readonly forbid?: readonly string[];
  readonly match?: RuleMatch;
  /** Takes `{keys}` (require/forbid: the keys concerned) or `{found}` (match: the value written). */
  readonly message: MessageKey;
  readonly hints?: readonly MessageKey[];
}

export const CONFIG_RULES: readonly ConfigRule[] = [
  {
    id: 'office365.oauth2.ids',
    when: { provider: ['office365'], method: ['oauth2'] },
    require: ['auth.tenantId', 'auth.clientId'],
    message: 'configfile.rule.office365Ids',
  },
  {
    id: 'office365.oauth2.flow',
    when: { provider: ['office365'], method: ['oauth2'] },
    require: ['auth.flow'],
    message: 'configfile.rule.office365Flow',
  },
  {
    id: 'office365.application.secret',
    when: { provider: ['office365'], method: ['oauth2'], flow: ['application'], unless: 'auth.accessToken' },
    require: ['auth.clientSecret'],
    message: 'configfile.rule.applicationSecret',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'office365.delegated.secret',
    when: { provider: ['office365'], method: ['oauth2'], flow: ['delegated'], unless: 'auth.accessToken' },
    require: ['auth.clientSecret', 'auth.redirectUri'],
    message: 'configfile.rule.delegatedSecret',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'office365.password',
    when: { provider: ['office365'], method: ['password'] },
    require: ['auth.password'],
    message: 'configfile.rule.office365Password',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'office365.clientId',
    when: { provider: ['office365'] },
    match: {
      key: 'auth.clientId',
      pattern: GUID_PATTERN,
      lookalike: { pattern: GOOGLE_CLIENT_ID_PATTERN, message: 'configfile.rule.office365ClientIdGoogle', hints: ['configfile.hint.providerGmail'] },
    },
    message: 'configfile.rule.office365ClientIdGuid',
  },
  {
    id: 'gmail.azure-fields',
    when: { provider: ['gmail'] },
    forbid: ['auth.tenantId', 'auth.objectId', 'auth.secretId'],
    message: 'configfile.rule.gmailAzure',
    hints: ['configfile.hint.gmailOAuthClient', 'configfile.hint.gmailAppPassword'],
  },
  {
    id: 'gmail.password',
    when: { provider: ['gmail'], method: ['password'] },
    require: ['auth.password'],
    message: 'configfile.rule.gmailPassword',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'gmail.oauth2',
    when: { provider: ['gmail'], method: ['oauth2'], unless: 'auth.accessToken' },
    // No auth.refreshToken yet is normal on site: `check --login` obtains one (gmail.credentials says so).
    require: ['auth.clientId', 'auth.clientSecret'],
    message: 'configfile.rule.gmailOAuth',
    hints: ['configfile.hint.gmailOAuthClient', 'configfile.hint.secretReference'],
  },
  {
    id: 'gmail.clientId',
    when: { provider: ['gmail'] },
    match: {
      key: 'auth.clientId',
      pattern: GOOGLE_CLIENT_ID_PATTERN,
      lookalike: { pattern: GUID_PATTERN, message: 'configfile.rule.gmailClientIdAzure', hints: ['configfile.hint.gmailOAuthClient'] },
    },
    message: 'configfile.rule.gmailClientIdGoogle',
  },
  {
    id: 'imap.incoming',
    when: { provider: ['imap'] },
    require: ['incoming.host', 'incoming.port', 'incoming.security'],
    message: 'configfile.rule.imapServers',
  },
  {
    id: 'imap.outgoing',
    when: { provider: ['imap'] },
    require: ['outgoing.host', 'outgoing.port', 'outgoing.security'],
    message: 'configfile.rule.imapServers',
  },
  {
    id: 'imap.oauth2',
    when: { provider: ['imap'], method: ['oauth2'] },
    require: ['auth.accessToken'],
    message: 'configfile.rule.imapOAuth',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'imap.password',
    when: { provider: ['imap'], method: ['password'] },
    require: ['auth.password'],
    message: 'configfile.rule.imapPassword',
    hints: ['configfile.hint.secretReference'],
  },
  {
    id: 'office365-only',
    when: { provider: ['gmail', 'imap'] },
    forbid: ['auth.flow', 'cloud'],
    message: 'configfile.rule.office365Only',
  },
];

/** One broken rule for one account, before it is located in the file. Keys are relative to the account. */
export interface RuleViolation {
  readonly rule: ConfigRule;
  readonly kind: 'require' | 'forbid' | 'match';
  /** The keys concerned: missing (require), present (forbid), or the one key (match). */
  readonly keys: readonly string[];
  readonly message: MessageKey;
  readonly hints: readonly MessageKey[];
}

type Plain = Readonly<Record<string, unknown>>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted key of a plain object, or undefined. */
export function valueAt(account: unknown, dotted: string): unknown {
  let current: unknown = account;
  for (const segment of dotted.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function isWritten(account: unknown, dotted: string): boolean {
  const parts = dotted.split('.');
  const parent = parts.length > 1 ? valueAt(account, parts.slice(0, -1).join('.')) : account;
  return isPlainObject(parent) && Object.prototype.hasOwnProperty.call(parent, parts[parts.length - 1]!);
}

function matchesCondition(account: unknown, when: RuleCondition): boolean {
  const checks: Array<[readonly string[] | undefined, string]> = [
    [when.provider, 'provider'],
    [when.method, 'auth.method'],
    [when.flow, 'auth.flow'],
  ];
  for (const [allowed, key] of checks) {
    if (allowed === undefined) continue;
    const value = valueAt(account, key);
    if (typeof value !== 'string' || !allowed.includes(value)) return false;
  }
  return !(when.unless !== undefined && isWritten(account, when.unless));
}

/**
 * Applies the rules to one account as parsed from YAML (before or after schema validation: values of the
 * wrong type are left to the schema's own messages).
 */
export function checkAccountRules(account: unknown, rules: readonly ConfigRule[] = CONFIG_RULES): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const rule of rules) {
    if (!matchesCondition(account, rule.when)) continue;
    const hints = rule.hints ?? [];
    if (rule.require) {
      // Missing keys are grouped by parent mapping, since that is where each group is reported.
      const missing = rule.require.filter((key) => !isWritten(account, key));
      const groups = new Map<string, string[]>();
      for (const key of missing) {
        const parent = key.split('.').slice(0, -1).join('.');
        groups.set(parent, [...(groups.get(parent) ?? []), key]);
      }
      for (const keys of groups.values()) violations.push({ rule, kind: 'require', keys, message: rule.message, hints });
    }
    if (rule.forbid) {
      const present = rule.forbid.filter((key) => isWritten(account, key));
      if (present.length > 0) violations.push({ rule, kind: 'forbid', keys: present, message: rule.message, hints });
    }
    if (rule.match) {
      const value = valueAt(account, rule.match.key);
      if (typeof value === 'string' && value.length > 0 && !rule.match.pattern.test(value)) {
        const lookalike = rule.match.lookalike;
        const isLookalike = lookalike !== undefined && lookalike.pattern.test(value);
        violations.push({
          rule,
          kind: 'match',
          keys: [rule.match.key],
          message: isLookalike ? lookalike.message : rule.message,
          hints: isLookalike ? (lookalike.hints ?? []) : hints,
        });
      }
    }
  }
  return violations;
}

// ---- JSON Schema emission -------------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `schema.properties[key]`, created as an empty schema when absent. */
function childSchema(schema: JsonSchema, key: string): JsonSchema {
  const properties = isRecord(schema.properties) ? schema.properties : (schema.properties = {});
  const existing = properties[key];
  if (isRecord(existing)) return existing;
  const created: JsonSchema = {};
  properties[key] = created;
  return created;
}

function setProperty(schema: JsonSchema, key: string, value: unknown): void {
  const properties = isRecord(schema.properties) ? schema.properties : (schema.properties = {});
  properties[key] = value;
}

/** Builds `{properties: {...}}` nesting for dotted keys, calling `leaf` with the parent schema and the last segment. */
function nest(keys: readonly string[], leaf: (schema: JsonSchema, key: string) => void): JsonSchema {
  const root: JsonSchema = {};
  for (const key of keys) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = childSchema(node, part);
    leaf(node, parts[parts.length - 1]!);
  }
  return root;
}

function requireKeys(schema: JsonSchema, key: string): void {
  const required: unknown[] = Array.isArray(schema.required) ? schema.required : (schema.required = []);
  if (!required.includes(key)) required.push(key);
}

function conditionSchema(when: RuleCondition): JsonSchema {
  const oneOrMany = (values: readonly string[]): JsonSchema => (values.length === 1 ? { const: values[0] } : { enum: [...values] });
  const schema: JsonSchema = {};
  const auth: JsonSchema = {};
  const properties: Record<string, JsonSchema> = {};
  const authProperties: Record<string, JsonSchema> = {};
  if (when.provider) {
    properties.provider = oneOrMany(when.provider);
    requireKeys(schema, 'provider');
  }
  if (when.method) {
    authProperties.method = oneOrMany(when.method);
    requireKeys(auth, 'method');
  }
  if (when.flow) {
    authProperties.flow = oneOrMany(when.flow);
    requireKeys(auth, 'flow');
  }
  if (when.unless) {
    const [first, ...rest] = when.unless.split('.');
    if (rest.length === 0) schema.not = { required: [first] };
    else if (first === 'auth' && rest.length === 1) auth.not = { required: rest };
    else throw new Error(`rules: unsupported 'unless' key ${when.unless}`);
  }
  if (Object.keys(authProperties).length > 0) auth.properties = authProperties;
  if (Object.keys(auth).length > 0) {
    properties.auth = auth;
    requireKeys(schema, 'auth');
  }
  schema.properties = properties;
  return schema;
}

function thenSchema(rule: ConfigRule): JsonSchema {
  const parts: JsonSchema[] = [];
  if (rule.require) {
    const required = nest(rule.require, requireKeys);
    // Intermediate mappings must exist too (e.g. `incoming` for `incoming.host`).
    addIntermediateRequired(required, rule.require);
    parts.push(required);
  }
  if (rule.forbid) {
    parts.push(nest(rule.forbid, (schema, key) => setProperty(schema, key, false)));
  }
  if (rule.match) {
    const source = rule.match.pattern.source;
    parts.push(nest([rule.match.key], (schema, key) => setProperty(schema, key, { type: 'string', pattern: source })));
  }
  return parts.length === 1 ? parts[0]! : { allOf: parts };
}

function addIntermediateRequired(schema: JsonSchema, keys: readonly string[]): void {
  for (const key of keys) {
    const parts = key.split('.');
    let node = schema;
    for (const part of parts.slice(0, -1)) {
      requireKeys(node, part);
      node = childSchema(node, part);
    }
  }
}

/** The English text of a rule, for the JSON Schema's `description` (editors show it on hover). */
function describeRule(rule: ConfigRule): string {
  const keys = [...(rule.require ?? []), ...(rule.forbid ?? []), ...(rule.match ? [rule.match.key] : [])].join(', ');
  return translate('en', rule.message, { keys, found: rule.match ? `${rule.match.key}` : '' });
}

/** Says `type: object` wherever object keywords are used, as strict validators (ajv strictTypes) expect. */
function typed(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  if (('required' in schema || 'properties' in schema) && !('type' in schema)) result.type = 'object';
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isRecord(value)) {
      result.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, isRecord(property) ? typed(property) : property]));
    } else if ((key === 'not' || key === 'if' || key === 'then') && isRecord(value)) {
      result[key] = typed(value);
    } else if (key === 'allOf' && Array.isArray(value)) {
      result.allOf = value.map((item: unknown) => (isRecord(item) ? typed(item) : item));
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** The rules as JSON Schema `if`/`then` clauses, to be placed in the account schema's `allOf`. */
export function rulesAsJsonSchema(rules: readonly ConfigRule[] = CONFIG_RULES): JsonSchema[] {
  return rules.map((rule) =>
    typed({
      $comment: `rule ${rule.id}`,
      description: describeRule(rule),
      if: conditionSchema(rule.when),
      then: thenSchema(rule),
    }),
  );
}
