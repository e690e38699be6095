import { dirname, resolve } from 'node:path';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import { z } from 'zod';
import { ConfigError, InternalError, type ConfigIssue } from '../errors/index.js';
import { msg } from '../i18n/index.js';
import type { Message, MessageKey } from '../core/message.js';
import { registerSecretValue, scrubAndClip } from '../secrets/redact.js';
import type { Secret } from '../secrets/secret.js';
import { conventionalPort, defaultEndpoints, defaultIncoming, defaultOutgoing } from './defaults.js';
import { mentionsReference, parseReference, readCaFile, resolveRelative, resolveSecret, type PromptSecret } from './references.js';
import { checkAccountRules, valueAt } from './rules.js';
import { configSchema, type RawAccount, type RawConfig } from './schema.js';
import { MAX_CONFIG_BYTES, readTextFile } from './text-file.js';
import { suggest } from './suggest.js';
import {
  SECRET_KEYS,
  type Account,
  type AuthConfig,
  type Cloud,
  type Endpoint,
  type IncomingProtocol,
  type PreflightConfig,
  type SecretKey,
  type Security,
  type SourcePosition,
} from './types.js';

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

type Segment = string | number;

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);

/** `accounts[0].outgoing.port` */
export function formatPath(segments: readonly Segment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text.length === 0 ? segment : `.${segment}`;
  }
  return text;
}

function isSecretPath(segments: readonly Segment[]): boolean {
  return segments.length === 4 && segments[0] === 'accounts' && segments[2] === 'auth' && SECRET_KEY_SET.has(String(segments[3]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dataAt(data: unknown, segments: readonly Segment[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isPlainObject(current)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** A value as shown in a message: strings quoted (control characters visible), collections elided. */
function describeFound(value: unknown): string {
  if (typeof value === 'string') {
    // Scrubbed before the cut: a literal secret in the wrong key is registered, but only matches whole.
    const shown = value.length > 80 ? scrubAndClip(value, 77, '…') : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return '[…]';
  if (isPlainObject(value)) return '{…}';
  return String(value);
}

// ---- The schema's shape, for "allowed keys here" and "did you mean" -------------------------------------

function unwrapSchema(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}

/** The zod schema of the value at `segments`, or undefined where the file has a key the schema does not know. */
function schemaAt(segments: readonly Segment[]): unknown {
  let current: unknown = configSchema;
  for (const segment of segments) {
    const unwrapped = unwrapSchema(current);
    if (typeof segment === 'number') current = unwrapped instanceof z.ZodArray ? unwrapped.element : undefined;
    else current = unwrapped instanceof z.ZodObject && Object.hasOwn(unwrapped.shape, segment) ? unwrapped.shape[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return unwrapSchema(current);
}

function allowedKeysAt(segments: readonly Segment[]): string[] {
  const schema = schemaAt(segments);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Where each key of the file may be written: '' (top level), 'account', or a mapping name such as 'auth'. */
const KEY_HOMES: ReadonlyMap<string, readonly string[]> = (() => {
  const homes = new Map<string, string[]>();
  const add = (key: string, home: string) => homes.set(key, [...(homes.get(key) ?? []), home]);
  for (const key of allowedKeysAt([])) add(key, '');
  for (const key of allowedKeysAt(['accounts', 0])) add(key, 'account');
  for (const mapping of ['auth', 'admin', 'incoming', 'outgoing', 'endpoints']) {
    for (const key of allowedKeysAt(['accounts', 0, mapping])) add(key, mapping);
  }
  for (const key of allowedKeysAt(['tls'])) add(key, 'tls');
  return homes;
})();

function homeOf(segments: readonly Segment[]): string {
  if (segments.length === 0) return '';
  if (segments.length === 2 && segments[0] === 'accounts') return 'account';
  const last = segments[segments.length - 1];
  return typeof last === 'string' ? last : '';
}

// ---- Positions -----------------------------------------------------------------------------------------

interface Located {
  readonly keyNode?: Node;
  readonly valueNode?: Node;
}

class SourceMap {
  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
    readonly lines: LineCounter,
  ) {}

  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private resolveNode(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /** The key and value nodes at `segments`, or undefined where the path leaves the document. */
  locate(segments: readonly Segment[]): Located | undefined {
    let current: unknown = this.doc.contents;
    let located: Located = { valueNode: this.doc.contents ?? undefined };
    for (const segment of segments) {
      current = this.resolveNode(current);
      if (typeof segment === 'number') {
        if (!isSeq(current)) return undefined;
        const item = current.items[segment];
        if (item === undefined) return undefined;
        located = { valueNode: isNode(item) ? item : undefined };
        current = item;
      } else {
        if (!isMap(current)) return undefined;
        const pair = findPair(current.items, segment);
        if (!pair) return undefined;
        located = { keyNode: isNode(pair.key) ? pair.key : undefined, valueNode: isNode(pair.value) ? pair.value : undefined };
        current = pair.value;
      }
    }
    return located;
  }

  private start(node: Node | undefined): number | undefined {
    return node?.range ? node.range[0] : undefined;
  }

  /** Where the thing named by `segments` is written: its key, or the item itself; else its nearest ancestor. */
  anchor(segments: readonly Segment[]): SourcePosition {
    for (let length = segments.length; length >= 0; length--) {
      const located = this.locate(segments.slice(0, length));
      const offset = this.start(located?.keyNode) ?? this.start(located?.valueNode);
      if (offset !== undefined) return this.position(offset);
    }
    return { line: 1, column: 1 };
  }

  /** Where the value at `segments` starts (its key when the value is empty). */
  value(segments: readonly Segment[]): SourcePosition {
    const located = this.locate(segments);
    const node = located?.valueNode;
    if (node?.range && node.range[1] > node.range[0]) return this.position(node.range[0]);
    return this.anchor(segments);
  }
}

function findPair(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((pair) => (isScalar(pair.key) ? String(pair.key.value) === key : String(pair.key) === key));
}

// ---- Issues --------------------------------------------------------------------------------------------

class IssueList {
  readonly items: ConfigIssue[] = [];
  constructor(readonly file: string) {}

  add(segments: readonly Segment[], position: SourcePosition, message: Message, hints: readonly Message[] = []): void {
    const path = formatPath(segments);
    // zod may report one value twice (e.g. an http:// URL fails both the protocol and the pattern check).
    const repeated = this.items.some(
      (issue) => issue.path === path && issue.line === position.line && issue.column === position.column && issue.message.key === message.key,
    );
    if (repeated) return;
    this.items.push({
      file: this.file,
      line: position.line,
      column: position.column,
      path,
      message,
      ...(hints.length > 0 ? { hints } : {}),
    });
  }

  sorted(): ConfigIssue[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

// ---- YAML syntax and the double-quote/backslash trap ----------------------------------------------------

/** Problems after which the document is still what the user meant, so validation goes on. */
const SOFT_YAML_ERRORS: ReadonlySet<string> = new Set(['DUPLICATE_KEY', 'BAD_DQ_ESCAPE']);

function yamlErrorMessage(error: YAMLError, text: string): Message {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      // yaml points at the key's first character; the key runs to its colon (or closing quote).
      return msg('configfile.yaml.duplicateKey', { key: /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\r\n]*?)\s*:(?:\s|$)/.exec(text.slice(error.pos[0]))?.[1] ?? text.slice(error.pos[0], error.pos[1]) });
    case 'BAD_DQ_ESCAPE':
      return msg('configfile.yaml.badEscape');
    case 'TAB_AS_INDENT':
      return msg('configfile.yaml.tabIndent');
    case 'MULTIPLE_DOCS':
      return msg('configfile.yaml.multipleDocuments');
    default:
      return msg('configfile.yaml.syntax', { detail: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') });
  }
}

/** Escapes a person writing a Windows path or DOMAIN\user does not mean: anything but \\ \" \/, \x.., \u...., \U........ and a line continuation. */
function unintendedEscapes(inner: string): string[] {
  const found: string[] = [];
  for (let index = 0; index < inner.length; index++) {
    if (inner[index] !== '\\') continue;
    const next = inner[index + 1] ?? '';
    const rest = inner.slice(index + 2);
    if (next === '\\' || next === '"' || next === '/' || next === '\n' || next === '\r') {
      index++;
      continue;
    }
    if ((next === 'x' && /^[0-9a-fA-F]{2}/.test(rest)) || (next === 'u' && /^[0-9a-fA-F]{4}/.test(rest)) || (next === 'U' && /^[0-9a-fA-F]{8}/.test(rest))) {
      index++;
      continue;
    }
    if (!found.includes(`\\${next}`)) found.push(`\\${next}`);
    index++;
  }
  return found;
}

/** The single-quoted form of what was written between double quotes, backslashes kept literally. */
function singleQuoted(inner: string): string {
  return `'${inner.replace(/\\(["\\])/g, '$1').replace(/'/g, "''")}'`;
}

function segmentsFromAncestors(ancestors: readonly unknown[], key: unknown): Segment[] | undefined {
  const segments: Segment[] = [];
  const chain = [...ancestors];
  for (let index = 0; index < chain.length; index++) {
    const node = chain[index];
    if (isPair(node)) {
      if (!isScalar(node.key)) return undefined;
      segments.push(String(node.key.value));
    } else if (isSeq(node)) {
      const child = chain[index + 1];
      if (child !== undefined) segments.push(node.items.indexOf(child));
      else if (typeof key === 'number') segments.push(key);
    }
  }
  return segments;
}

interface Tainted {
  /** Paths whose value is known to be wrong already (an escape problem): no further messages about them. */
  readonly paths: Set<string>;
  /** Lines with a YAML error, where schema messages would only repeat it. */
  readonly lines: Set<number>;
}

function checkDoubleQuotedBackslashes(source: SourceMap, issues: IssueList, yamlIssues: Map<YAMLError, ConfigIssue>, tainted: Tainted): void {
  visit(source.doc, {
    Scalar(key, node, ancestors) {
      const range = node.range;
      if (key === 'key' || node.type !== 'QUOTE_DOUBLE' || !range) return;
      const within = (error: YAMLError) => error.code === 'BAD_DQ_ESCAPE' && error.pos[0] >= range[0] && error.pos[0] < range[1];
      const raw = source.text.slice(range[0], range[1]);
      const inner = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
      const escapes = unintendedEscapes(inner);
      if (escapes.length === 0) return;
      const segments = segmentsFromAncestors(ancestors, key) ?? [];
      const isLiteralSecret = isSecretPath(segments) && parseReference(inner).type === 'literal';
      const hint = isLiteralSecret ? msg('configfile.hint.singleQuotesSecret') : msg('configfile.hint.singleQuotes', { suggestion: singleQuoted(inner) });
      tainted.paths.add(formatPath(segments));
      // yaml reported it (e.g. \U not followed by 8 hex digits): add the hint to that error.
      const reported = [...yamlIssues.entries()].find(([error]) => within(error));
      if (reported) {
        const [error, issue] = reported;
        const index = issues.items.indexOf(issue);
        const updated: ConfigIssue = { ...issue, path: formatPath(segments), hints: [...(issue.hints ?? []), hint] };
        issues.items[index] = updated;
        yamlIssues.set(error, updated);
        // Several bad escapes in one value: one message is enough.
        for (const [other, otherIssue] of yamlIssues) {
          if (other !== error && within(other)) {
            issues.items.splice(issues.items.indexOf(otherIssue), 1);
            yamlIssues.delete(other);
          }
        }
        return;
      }
      // Silent: \t, \n, \a… were turned into control characters.
      issues.add(segments, source.position(range[0]), msg('configfile.escape.changed', { escapes: escapes.join(' ') }), [hint]);
    },
  });
}

// ---- Schema issues -------------------------------------------------------------------------------------

type ZodIssue = z.core.$ZodIssue;

const FORMAT_MESSAGES: Readonly<Record<string, MessageKey>> = {
  guid: 'configfile.format.guid',
  email: 'configfile.format.email',
  host: 'configfile.format.host',
  'https-url': 'configfile.format.httpsUrl',
  'redirect-uri': 'configfile.format.redirectUri',
  tenant: 'configfile.format.tenant',
  date: 'configfile.format.date',
};

const UNION_MESSAGES: Readonly<Record<string, MessageKey>> = {
  tenantId: 'configfile.format.tenant',
  redirectUri: 'configfile.format.redirectUri',
};

/** For a host written as a URL or with a port (`imaps://outlook.office365.com:993`), the host alone. */
function hostOnly(value: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `x://${value}`;
  try {
    const host = new URL(candidate).hostname;
    return host.length > 0 && host !== value ? host : undefined;
  } catch {
    return undefined;
  }
}

function unknownKeyHints(key: string, segments: readonly Segment[]): Message[] {
  const allowed = allowedKeysAt(segments);
  const suggestion = suggest(key, allowed);
  if (suggestion) return [msg('configfile.hint.didYouMean', { suggestion })];
  const homes = (KEY_HOMES.get(key) ?? []).filter((home) => home !== homeOf(segments));
  if (homes.length === 0) return [];
  if (homes.includes('account')) return [msg('configfile.hint.belongsAccount', { key })];
  if (homes.includes('')) return [msg('configfile.hint.belongsTop', { key })];
  return [msg('configfile.hint.belongsUnder', { key, parent: homes.map((home) => `${home}:`).join(' / ') })];
}

function typeIssue(expected: string, value: unknown, segments: readonly Segment[]): { message: Message; hints: Message[] } {
  const found = describeFound(value);
  const hints: Message[] = [];
  if (isSecretPath(segments)) {
    return { message: msg('configfile.type.secret'), hints: [msg('configfile.hint.quoteSecret')] };
  }
  switch (expected) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') hints.push(msg('configfile.hint.quote', { value: String(value) }));
      return { message: msg('configfile.type.string', { found }), hints };
    case 'number':
    case 'int':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) hints.push(msg('configfile.hint.unquote', { value: value.trim() }));
      if (typeof value === 'number' && segments[segments.length - 1] === 'port') return { message: msg('configfile.port', { found }), hints };
      if (typeof value === 'number') return { message: msg('configfile.type.integer', { found }), hints };
      return { message: msg('configfile.type.number', { found }), hints };
    case 'object':
      return { message: msg('configfile.type.mapping', { found }), hints };
    case 'array':
      if (formatPath(segments) === 'accounts') hints.push(msg('configfile.hint.listDash'));
      return { message: msg('configfile.type.list', { found }), hints };
    default:
      return { message: msg('configfile.invalid', { detail: `expected ${expected}` }), hints };
  }
}

function reportZodIssue(issue: ZodIssue, data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const segments = issue.path.filter((segment): segment is Segment => typeof segment === 'string' || typeof segment === 'number');
  const path = formatPath(segments);
  if (tainted.paths.has(path)) return;
  const value = dataAt(data, segments);
  const secret = isSecretPath(segments);
  const last = segments[segments.length - 1];
  const keyName = typeof last === 'string' ? last : path;

  const addAtValue = (message: Message, hints: readonly Message[] = []) => {
    const position = source.value(segments);
    if (!tainted.lines.has(position.line)) issues.add(segments, position, message, hints);
  };
  const addMissing = () => {
    if (path === 'version') issues.add(segments, source.anchor([]), msg('configfile.version.missing'));
    else issues.add(segments, source.anchor(segments.slice(0, -1)), msg('configfile.required', { key: keyName }));
  };

  if (issue.code !== 'unrecognized_keys' && value === undefined) return addMissing();
  if (issue.code !== 'unrecognized_keys' && value === null) return addAtValue(msg('configfile.value.null'));

  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const keySegments = [...segments, key];
        const position = source.anchor(keySegments);
        if (tainted.lines.has(position.line)) continue;
        issues.add(keySegments, position, msg('configfile.unknownKey', { key, allowed: allowedKeysAt(segments).join(', ') }), unknownKeyHints(key, segments));
      }
      return;
    case 'invalid_value': {
      if (path === 'version') {
        const hints = value === '1' ? [msg('configfile.hint.unquote', { value: '1' })] : [];
        return addAtValue(msg('configfile.version.unsupported', { found: describeFound(value) }), hints);
      }
      const allowed = issue.values.map(String);
      const suggestion = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return addAtValue(
        msg('configfile.enum', { found: describeFound(value), allowed: allowed.join(', ') }),
        suggestion ? [msg('configfile.hint.didYouMean', { suggestion })] : [],
      );
    }
    case 'invalid_type': {
      const { message, hints } = typeIssue(issue.expected, value, segments);
      return addAtValue(message, hints);
    }
    case 'invalid_format': {
      if (secret) return addAtValue(msg('configfile.invalid.secret'));
      const key = FORMAT_MESSAGES[issue.message];
      const found = describeFound(value);
      if (!key) return addAtValue(msg('configfile.invalid', { detail: issue.message }));
      const hints: Message[] = [];
      if (issue.message === 'host' && typeof value === 'string') {
        const host = hostOnly(value);
        if (host) hints.push(msg('configfile.hint.hostOnly', { host }));
      }
      return addAtValue(msg(key, { found }), hints);
    }
    case 'invalid_union': {
      const nested = issue.errors.flat();
      if (nested.length > 0 && nested.every((inner) => inner.code === 'invalid_type')) {
        const first = nested[0]!;
        const { message, hints } = typeIssue(first.code === 'invalid_type' ? first.expected : 'string', value, segments);
        return addAtValue(message, hints);
      }
      const key = UNION_MESSAGES[keyName];
      return addAtValue(key ? msg(key, { found: describeFound(value) }) : msg('configfile.invalid', { detail: issue.message }));
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'number') return addAtValue(msg('configfile.port', { found: describeFound(value) }));
      if (issue.origin === 'string') return addAtValue(msg('configfile.value.emptyString'));
      if (issue.origin === 'array') return addAtValue(msg('configfile.accounts.empty'));
      return addAtValue(msg('configfile.invalid', { detail: issue.message }));
    default:
      return addAtValue(secret ? msg('configfile.invalid.secret') : msg('configfile.invalid', { detail: issue.message }));
  }
}

// ---- Cross-field rules, names, references --------------------------------------------------------------

function splitKey(dotted: string): string[] {
  return dotted.length === 0 ? [] : dotted.split('.');
}

function reportRules(data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return;
  accounts.forEach((account, index) => {
    if (!isPlainObject(account)) return;
    const base: Segment[] = ['accounts', index];
    for (const violation of checkAccountRules(account)) {
      const hints = violation.hints.map((key) => msg(key));
      const first = [...base, ...splitKey(violation.keys[0]!)];
      if (violation.kind === 'require') {
        const parent = first.slice(0, -1);
        const segments = violation.keys.length === 1 ? first : parent;
        issues.add(segments, source.anchor(parent), msg(violation.message, { keys: violation.keys.join(', ') }), hints);
      } else if (violation.kind === 'forbid') {
        issues.add(first, source.anchor(first), msg(violation.message, { keys: violation.keys.join(', ') }), hints);
      } else if (!tainted.paths.has(formatPath(first))) {
        issues.add(first, source.value(first), msg(violation.message, { found: describeFound(valueAt(account, violation.keys[0]!)) }), hints);
      }
    }
  });
}

function reportDuplicateNames(data: unknown, source: SourceMap, issues: IssueList): void {
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return;
  const seen = new Map<string, number>();
  accounts.forEach((account, index) => {
    const name = isPlainObject(account) ? account.name : undefined;
    if (typeof name !== 'string' || name.length === 0) return;
    const first = seen.get(name.toLowerCase());
    if (first === undefined) {
      seen.set(name.toLowerCase(), index);
      return;
    }
    const firstLine = source.value(['accounts', first, 'name']).line;
    issues.add(['accounts', index, 'name'], source.value(['accounts', index, 'name']), msg('configfile.accounts.duplicateName', { name, line: firstLine }));
  });
}

/** References outside secret keys, malformed references in them; and every literal secret registered for scrubbing. */
function reportReferenceShapes(data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const walk = (value: unknown, segments: Segment[]) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, [...segments, index]));
    if (isPlainObject(value)) return Object.entries(value).forEach(([key, item]) => walk(item, [...segments, key]));
    if (isSecretPath(segments)) {
      if (typeof value === 'number' || typeof value === 'boolean') registerSecretValue(String(value));
      if (typeof value !== 'string') return;
      const parsed = parseReference(value);
      if (parsed.type === 'literal') registerSecretValue(value);
      if (parsed.type === 'malformed' && parsed.pastedValue) registerSecretValue(parsed.pastedValue);
      if (parsed.type === 'malformed' && !tainted.paths.has(formatPath(segments))) {
        const hints = parsed.pastedValue
          ? [msg(parsed.pastedIn === 'file' ? 'configfile.hint.pastedFileValue' : 'configfile.hint.pastedValue')]
          : parsed.suggestion
            ? [msg('configfile.hint.didYouMean', { suggestion: parsed.suggestion })]
            : [];
        issues.add(segments, source.value(segments), msg('configfile.ref.malformed', { found: describeFound(value) }), hints);
      }
      return;
    }
    // Unknown keys are reported as such; a reference under one (a misspelt secret key) adds nothing.
    if (typeof value === 'string' && mentionsReference(value) && schemaAt(segments) !== undefined && !tainted.paths.has(formatPath(segments))) {
      issues.add(segments, source.value(segments), msg('configfile.ref.notSecret', { found: describeFound(value), keys: SECRET_KEYS.join(', ') }));
      // Its shape (e-mail, GUID…) is wrong too, but saying so would only repeat this.
      tainted.paths.add(formatPath(segments));
    }
  };
  walk(data, []);
}

// ---- Building the typed configuration ------------------------------------------------------------------

/** The security a conventional port implies, so that writing only `port: 465` does not pair it with STARTTLS. */
function securityForPort(protocol: IncomingProtocol | 'smtp', port: number): Security | undefined {
  for (const security of ['tls', 'starttls'] as const) {
    if (conventionalPort(protocol, security) === port) return security;
  }
  // Port 25 (relay / submission on Office 365) speaks STARTTLS: RFC 3207.
  return protocol === 'smtp' && port === 25 ? 'starttls' : undefined;
}

function fillEndpoint(
  written: { host?: string; port?: number; security?: Security } | undefined,
  defaults: Endpoint | undefined,
  protocol: IncomingProtocol | 'smtp',
  where: string,
): Endpoint {
  const security = written?.security ?? (written?.port !== undefined ? securityForPort(protocol, written.port) : undefined) ?? defaults?.security;
  const port = written?.port ?? (written?.security !== undefined ? conventionalPort(protocol, written.security) : defaults?.port);
  const host = written?.host ?? defaults?.host;
  // The rules require all three for providers without defaults, so this is a bug if it happens.
  if (host === undefined || port === undefined || security === undefined) throw new InternalError(`config: ${where} has no host/port/security after validation`);
  return { host, port, security };
}

function collectKeys(source: SourceMap, node: unknown, prefix: string, explicit: Set<string>, positions: Map<string, SourcePosition>): void {
  const resolved = isAlias(node) ? node.resolve(source.doc) : node;
  if (!isMap(resolved)) return;
  for (const pair of resolved.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const dotted = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value);
    explicit.add(dotted);
    positions.set(dotted, source.position(pair.key.range[0]));
    collectKeys(source, pair.value, dotted, explicit, positions);
  }
}

function buildAccount(raw: RawAccount, index: number, source: SourceMap, secrets: ReadonlyMap<string, Secret>): Account {
  const cloud: Cloud = raw.provider === 'office365' ? (raw.cloud ?? 'global') : 'global';
  const protocol: IncomingProtocol = raw.incoming?.protocol ?? 'imap';
  const incoming = fillEndpoint(raw.incoming, defaultIncoming(raw.provider, cloud, protocol), protocol, `accounts[${index}].incoming`);
  const outgoing = fillEndpoint(raw.outgoing, defaultOutgoing(raw.provider, cloud), 'smtp', `accounts[${index}].outgoing`);
  const endpoints = { ...defaultEndpoints(cloud) };
  for (const key of ['login', 'graph', 'googleToken'] as const) {
    const value = raw.endpoints?.[key];
    if (value !== undefined) endpoints[key] = value;
  }

  const { clientSecret: _clientSecret, password: _password, refreshToken: _refreshToken, accessToken: _accessToken, ...plainAuth } = raw.auth;
  const auth: { -readonly [K in keyof AuthConfig]: AuthConfig[K] } = { ...plainAuth };
  for (const key of SECRET_KEYS) {
    const secret = secrets.get(`${index}.${key}`);
    if (secret) auth[key] = secret;
  }

  const explicit = new Set<string>();
  const positions = new Map<string, SourcePosition>();
  const located = source.locate(['accounts', index]);
  positions.set('', source.anchor(['accounts', index]));
  collectKeys(source, located?.valueNode, '', explicit, positions);

  return {
    name: raw.name,
    provider: raw.provider,
    mailbox: raw.mailbox,
    auth,
    ...(raw.admin ? { admin: { ...raw.admin } } : {}),
    incoming: { protocol, ...incoming },
    outgoing,
    cloud,
    endpoints,
    explicit,
    positions,
  };
}

// ---- Entry points --------------------------------------------------------------------------------------

function checkStructure(source: SourceMap, issues: IssueList): boolean {
  const contents = source.doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    issues.add([], { line: 1, column: 1 }, msg('configfile.empty'));
    return false;
  }
  if (!isMap(contents)) {
    const position = contents.range ? source.position(contents.range[0]) : { line: 1, column: 1 };
    issues.add([], position, msg(isSeq(contents) ? 'configfile.notMapping.list' : 'configfile.notMapping.scalar'));
    return false;
  }
  return true;
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
  const lines = new LineCounter();
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const source = new SourceMap(body, doc, lines);
  const tainted: Tainted = { paths: new Set(), lines: new Set() };

  const yamlIssues = new Map<YAMLError, ConfigIssue>();
  for (const error of doc.errors) {
    const position = source.position(error.pos[0]);
    issues.add([], position, yamlErrorMessage(error, body));
    yamlIssues.set(error, issues.items[issues.items.length - 1]!);
    if (error.code !== 'DUPLICATE_KEY') tainted.lines.add(position.line);
  }
  checkDoubleQuotedBackslashes(source, issues, yamlIssues, tainted);
  if (doc.errors.some((error) => !SOFT_YAML_ERRORS.has(error.code))) throw new ConfigError(issues.sorted());
  if (!checkStructure(source, issues)) throw new ConfigError(issues.sorted());

  // An alias inside the node it names (`accounts: &a [*a]`) makes an endless structure that every later
  // step would recurse into: refuse it where it is written.
  let cyclic = false;
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        cyclic = true;
        issues.add([], source.position(node.range?.[0] ?? 0), msg('configfile.yaml.aliasCycle', { alias: `*${node.source}` }));
      }
    },
  });
  if (cyclic) throw new ConfigError(issues.sorted());

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    issues.add([], { line: 1, column: 1 }, msg('configfile.yaml.syntax', { detail: error instanceof Error ? error.message : String(error) }));
    throw new ConfigError(issues.sorted());
  }

  reportReferenceShapes(data, source, issues, tainted);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) reportZodIssue(issue, data, source, issues, tainted);
  reportRules(data, source, issues, tainted);
  reportDuplicateNames(data, source, issues);

  // Secrets: with the file otherwise valid, an unresolvable reference may be asked for; with other problems
  // already found, it is only reported, so that all problems show at once and nobody types a secret for
  // a file that fails anyway.
  const promptSecret = issues.items.length === 0 ? options.promptSecret : undefined;
  const env = options.env ?? process.env;
  const secrets = new Map<string, Secret>();
  const accounts = dataAt(data, ['accounts']);
  if (Array.isArray(accounts) && options.resolveSecrets !== false) {
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
  }

  let caFile: string | undefined;
  let extraCa: string[] = [];
  const caValue = dataAt(data, ['tls', 'caFile']);
  if (typeof caValue === 'string' && caValue.length > 0 && !mentionsReference(caValue) && !tainted.paths.has('tls.caFile')) {
    caFile = resolveRelative(baseDir, caValue);
    const read = await readCaFile(caFile);
    if (read.ok) extraCa = read.value;
    else issues.add(['tls', 'caFile'], source.value(['tls', 'caFile']), read.message, read.hints);
  }

  if (issues.items.length > 0 || !parsed.success) throw new ConfigError(issues.sorted());
  const config: RawConfig = parsed.data;
  return {
    file: absolute,
    accounts: config.accounts.map((account, index) => buildAccount(account, index, source, secrets)),
    tls: { ...(caFile !== undefined ? { caFile } : {}), extraCa },
  };
}

/**
 * The text of a configuration file, decoded by its byte order mark (Notepad's "Unicode" and PowerShell's
 * `Out-File` write UTF-16 with one; see text-file.ts), else UTF-8. Refuses at once, before reading it
 * whole, anything but an ordinary file of at most MAX_CONFIG_BYTES. Throws ConfigError.
 */
export function readConfigText(file: string): string {
  const absolute = resolve(file);
  const problem = (message: Message, line = 0, column = 0) => new ConfigError([{ file: absolute, line, column, path: '', message }]);
  const read = readTextFile(absolute, MAX_CONFIG_BYTES);
  if (!read.ok) {
    switch (read.problem) {
      case 'missing':
        throw problem(msg('configfile.read.missing'));
      case 'folder':
        throw problem(msg('configfile.read.directory'));
      case 'too-large':
        throw problem(msg('configfile.read.tooLarge', { size: read.size, max: read.max }));
      case 'unreadable':
        throw problem(msg('configfile.read.unreadable', { reason: read.detail }));
      default:
        throw problem(msg('configfile.read.notAFile'));
    }
  }
  // Older editors save Windows-1252 ("ANSI"): garbage to a UTF-8 reader, so say which it is instead of
  // failing later on mangled characters.
  if (read.invalid && (read.encoding === 'utf8' || read.encoding === 'utf8-bom')) {
    const replaced = read.text.indexOf('\uFFFD');
    const before = read.text.slice(0, Math.max(replaced, 0));
    const line = before.split('\n').length;
    const column = replaced - (before.lastIndexOf('\n') + 1) + 1;
    throw problem(msg('configfile.read.notUtf8'), line, Math.max(column, 1));
  }
  return read.text;
}

/** Reads and validates a configuration file (see parseConfigText). */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<PreflightConfig> {
  const absolute = resolve(file);
  return parseConfigText(readConfigText(absolute), absolute, options);
}
