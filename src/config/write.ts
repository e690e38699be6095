import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Pair, type YAMLMap } from 'yaml';
import { InternalError } from '../errors/index.js';
import type { Translator } from '../i18n/index.js';
import type { MessageKey } from '../core/message.js';
import { defaultIncoming, defaultOutgoing } from './defaults.js';
import { parseReference } from './references.js';
import type { AuthMethod, Cloud, IncomingProtocol, OAuthFlow, Provider, SecretKey, Security } from './types.js';

/**
 * Writing the YAML file for `init`: a new file with a comment above every key (like fixtures/*.example.yaml),
 * or an edit of an existing file that keeps everything the person wrote — comments, blank lines, alignment,
 * other accounts. Edits are spliced into the original text at the nodes' source ranges (the yaml package's
 * Document API re-prints the whole file, re-aligning inline comments); where a splice is not possible
 * (flow mappings such as `auth: { … }`) the Document API does the edit, comments still kept. Every result
 * is parsed back and compared with what was meant before it is returned.
 */

export const AUTH_KEYS = [
  'method', 'flow', 'tenantId', 'clientId', 'objectId', 'secretId', 'clientSecret', 'secretExpiresOn',
  'redirectUri', 'username', 'password', 'refreshToken', 'accessToken',
] as const;
export type AuthKey = (typeof AUTH_KEYS)[number];

/** One account as the wizard built it: the values to write, secrets as references (or insisted literals). */
export interface AccountDraft {
  readonly name: string;
  readonly provider: Provider;
  readonly mailbox: string;
  readonly auth: { readonly method: AuthMethod; readonly flow?: OAuthFlow } & Readonly<Partial<Record<Exclude<AuthKey, 'method' | 'flow'>, string>>>;
  readonly admin?: { readonly user?: string };
  readonly incoming: { readonly protocol: IncomingProtocol; readonly host: string; readonly port: number; readonly security: Security };
  readonly outgoing: { readonly host: string; readonly port: number; readonly security: Security };
  readonly cloud?: Cloud;
  /** Secret keys whose value is the secret itself, written only because the person insisted and confirmed. */
  readonly literalSecrets: readonly SecretKey[];
}

type Plain = { [key: string]: PlainValue };
type PlainValue = string | number | Plain;

/** The keys `init` owns in an account; anything else the person wrote (endpoints, admin.clientId…) is kept. */
const MANAGED: readonly string[] = [
  'name', 'provider', 'mailbox',
  ...AUTH_KEYS.filter((key) => key !== 'accessToken').map((key) => `auth.${key}`),
  'admin.user',
  'incoming.protocol', 'incoming.host', 'incoming.port', 'incoming.security',
  'outgoing.host', 'outgoing.port', 'outgoing.security',
  'cloud',
];

function managedFor(draft: AccountDraft): string[] {
  // A token someone wrote by hand for testing stays unless the wizard asked for one (imap + oauth2).
  return draft.auth.accessToken !== undefined ? [...MANAGED, 'auth.accessToken'] : [...MANAGED];
}

/** The draft as the plain object the YAML should parse back to. */
export function draftToPlain(draft: AccountDraft): Plain {
  const auth: Plain = {};
  for (const key of AUTH_KEYS) {
    const value = draft.auth[key];
    if (value !== undefined && value !== '') auth[key] = value;
  }
  const plain: Plain = { name: draft.name, provider: draft.provider, mailbox: draft.mailbox, auth };
  if (draft.admin?.user) plain.admin = { user: draft.admin.user };
  plain.incoming = { ...draft.incoming };
  plain.outgoing = { ...draft.outgoing };
  if (draft.cloud !== undefined) plain.cloud = draft.cloud;
  return plain;
}

// ---- Comments --------------------------------------------------------------------------------------------

/** The comment written above a key, chosen for this account's provider and method. */
function commentFor(path: string, draft: AccountDraft): MessageKey | undefined {
  const office = draft.provider === 'office365';
  const literal = (key: SecretKey) => draft.literalSecrets.includes(key);
  switch (path) {
    case 'name': return 'wizard.yaml.name';
    case 'provider': return 'wizard.yaml.provider';
    case 'mailbox': return 'wizard.yaml.mailbox';
    case 'auth': return 'wizard.yaml.auth';
    case 'auth.method': return office ? 'wizard.yaml.method.office365' : draft.provider === 'gmail' ? 'wizard.yaml.method.gmail' : 'wizard.yaml.method.imap';
    case 'auth.flow': return 'wizard.yaml.flow';
    case 'auth.tenantId': return 'wizard.yaml.tenantId';
    case 'auth.clientId': return office ? 'wizard.yaml.clientId.office365' : 'wizard.yaml.clientId.gmail';
    case 'auth.objectId': return 'wizard.yaml.objectId';
    case 'auth.secretId': return 'wizard.yaml.secretId';
    case 'auth.clientSecret': return literal('clientSecret') ? 'wizard.yaml.literalSecret' : office ? 'wizard.yaml.clientSecret.office365' : 'wizard.yaml.clientSecret.gmail';
    case 'auth.secretExpiresOn': return 'wizard.yaml.secretExpiresOn';
    case 'auth.redirectUri': return office ? 'wizard.yaml.redirectUri' : 'wizard.yaml.redirectUri.gmail';
    case 'auth.username': return 'wizard.yaml.username';
    case 'auth.password': return literal('password') ? 'wizard.yaml.literalSecret' : draft.provider === 'gmail' ? 'wizard.yaml.password.gmail' : 'wizard.yaml.password';
    case 'auth.refreshToken': return literal('refreshToken') ? 'wizard.yaml.literalSecret' : 'wizard.yaml.refreshToken';
    case 'auth.accessToken': return literal('accessToken') ? 'wizard.yaml.literalSecret' : 'wizard.yaml.accessToken';
    case 'admin': return 'wizard.yaml.admin';
    case 'admin.user': return office ? 'wizard.yaml.admin.office365' : 'wizard.yaml.admin.gmail';
    case 'incoming': return 'wizard.yaml.incoming';
    case 'incoming.protocol': return 'wizard.yaml.incoming.protocol';
    case 'incoming.host': return 'wizard.yaml.host';
    case 'incoming.port': return 'wizard.yaml.incoming.port';
    case 'incoming.security': return 'wizard.yaml.incoming.security';
    case 'outgoing': return 'wizard.yaml.outgoing';
    case 'outgoing.host': return 'wizard.yaml.host';
    case 'outgoing.port': return office ? 'wizard.yaml.outgoing.port.office365' : 'wizard.yaml.outgoing.port';
    case 'outgoing.security': return 'wizard.yaml.outgoing.security';
    case 'cloud': return 'wizard.yaml.cloud';
    default: return undefined;
  }
}

function commentLines(text: string, indent: string): string[] {
  return text.split('\n').map((line) => `${indent}# ${line}`.trimEnd());
}

// ---- Rendering new lines ---------------------------------------------------------------------------------

interface RenderContext {
  readonly draft: AccountDraft;
  readonly t: Translator;
  /** Spaces per nesting level. */
  readonly step: number;
}

/** A scalar as YAML: literal secrets single-quoted (no escapes at all), the rest as the yaml package prints it. */
function scalarText(path: string, value: string | number, context: RenderContext): string {
  const key = path.split('.').pop() as string;
  const literal = path.startsWith('auth.') && (context.draft.literalSecrets as readonly string[]).includes(key);
  if (literal && typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** `key: value` lines (with the comment above each) for the entries of `plain`, at `indent`. */
function pairLines(plain: Plain, prefix: string, indent: string, context: RenderContext): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(plain)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const comment = commentFor(path, context.draft);
    if (comment) lines.push(...commentLines(context.t.t(comment), indent));
    if (typeof value === 'object') {
      lines.push(`${indent}${key}:`, ...pairLines(value, path, indent + ' '.repeat(context.step), context));
    } else {
      lines.push(`${indent}${key}: ${scalarText(path, value, context)}`);
    }
  }
  return lines;
}

/** The account as a sequence item starting at column 0 (`- name: …`), with its heading comment. */
function accountItemLines(draft: AccountDraft, t: Translator, step: number): string[] {
  const context: RenderContext = { draft, t, step };
  const { name, ...rest } = draftToPlain(draft);
  const heading = t.t('wizard.yaml.accountHeading', { name: draft.name, provider: t.t(`report.provider.${draft.provider}`) });
  const lines = [`# --- ${heading} ---`, ...commentLines(t.t('wizard.yaml.name'), ''), `- name: ${scalarText('name', name as string, context)}`];
  lines.push(...pairLines(rest, '', '  ', context));
  return lines;
}

/** Where the published JSON Schema is, as the editor should read it from the file's folder. */
export function schemaReference(file: string): string {
  const schema = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));
  const path = relative(dirname(resolve(file)), schema);
  // Another drive on Windows: only an absolute URL works.
  if (isAbsolute(path)) return pathToFileURL(schema).href;
  const posix = path.split('\\').join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}

/** A complete new file: header, version, the account, and the optional `tls:` commented out. */
export function renderNewConfig(draft: AccountDraft, t: Translator, file: string, now: Date = new Date()): string {
  const item = accountItemLines(draft, t, 2).map((line) => (line ? `  ${line}` : line));
  const lines = [
    `# yaml-language-server: $schema=${schemaReference(file)}`,
    '#',
    ...commentLines(t.t('wizard.yaml.header', { date: now.toISOString().slice(0, 10) }), ''),
    '#',
    `#   tactium-preflight check ${basename(file)}`,
    '#',
    ...commentLines(t.t('wizard.yaml.secretsNote'), ''),
    '',
    ...commentLines(t.t('wizard.yaml.version'), ''),
    'version: 1',
    '',
    ...commentLines(t.t('wizard.yaml.accounts'), ''),
    'accounts:',
    '',
    ...item,
    '',
    ...commentLines(t.t('wizard.yaml.tls'), ''),
    '# tls:',
    '#   caFile: ./corporate-root.pem',
    '',
  ];
  const text = lines.join('\n');
  verify(text, { version: 1, accounts: [draftToPlain(draft)] }, 'new file');
  return text;
}

// ---- Editing an existing file ----------------------------------------------------------------------------

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly order: number;
}

class Unspliceable extends Error {}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line on which the content ending at `offset` ends (after its comment). */
function afterLine(text: string, offset: number): number {
  let position = offset;
  while (position > 0 && /[\s]/.test(text[position - 1]!)) position--;
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyName(pair) === key);
}

function blockMap(node: unknown): YAMLMap {
  if (!isMap(node) || node.flow || !node.range) throw new Unspliceable('not a block mapping');
  return node;
}

/** Column of the keys of a block map (the first key's). */
function keyColumn(text: string, map: YAMLMap): number {
  const first = map.items[0];
  const start = first && isScalar(first.key) ? first.key.range?.[0] : undefined;
  if (start === undefined) throw new Unspliceable('empty mapping');
  return start - lineStart(text, start);
}

/** The comment lines directly above a key at the same indentation: its own explanation, removed with it. */
function ownCommentStart(text: string, start: number, indent: number): number {
  let current = start;
  for (;;) {
    const previousEnd = current - 1;
    if (previousEnd <= 0) return current;
    const previousStart = lineStart(text, previousEnd);
    const line = text.slice(previousStart, previousEnd);
    if (!new RegExp(`^ {${indent}}#`).test(line)) return current;
    current = previousStart;
  }
}

interface PlanContext {
  readonly text: string;
  readonly render: RenderContext;
  readonly managed: ReadonlySet<string>;
  readonly splices: Splice[];
}

function addSplice(context: PlanContext, start: number, end: number, text: string): void {
  context.splices.push({ start, end, text, order: context.splices.length });
}

function scalarChanged(node: unknown, value: string | number, literal: boolean): boolean {
  if (!isScalar(node)) return true;
  if (node.value !== value) return true;
  // The same value, but a literal secret must be single-quoted so no escape changes it.
  return literal && node.type !== 'QUOTE_SINGLE';
}

/**
 * Plans the splices that turn `map` (at dotted `prefix`) into `want` for the managed keys; returns how
 * many keys the map has afterwards.
 */
function planMap(map: YAMLMap, want: Plain, prefix: string, context: PlanContext): number {
  const { text } = context;
  const column = keyColumn(text, map);
  const indent = ' '.repeat(column);
  let remaining = map.items.length;
  const additions: Plain = {};

  const deletePair = (pair: Pair) => {
    const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const end = (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value.range?.[1] : undefined) ?? (isScalar(pair.key) ? pair.key.range?.[1] : undefined);
    if (keyStart === undefined || end === undefined) throw new Unspliceable('no range');
    const start = lineStart(text, keyStart);
    if (text.slice(start, keyStart).trim() !== '') throw new Unspliceable('key shares its line');
    addSplice(context, ownCommentStart(text, start, column), afterLine(text, end), '');
    remaining--;
  };

  const childPaths = new Set<string>();
  for (const path of context.managed) {
    if (prefix && !path.startsWith(`${prefix}.`)) continue;
    const rest = prefix ? path.slice(prefix.length + 1) : path;
    childPaths.add(rest.split('.')[0]!);
  }

  for (const key of childPaths) {
    const path = prefix ? `${prefix}.${key}` : key;
    const pair = findPair(map, key);
    const wanted = want[key];
    const isLeaf = context.managed.has(path);
    if (isLeaf) {
      if (typeof wanted === 'object') throw new Unspliceable('leaf became a mapping');
      if (!pair) {
        if (wanted !== undefined) additions[key] = wanted;
        continue;
      }
      if (wanted === undefined) {
        deletePair(pair);
        continue;
      }
      const literal = path.startsWith('auth.') && (context.render.draft.literalSecrets as readonly string[]).includes(key);
      if (!scalarChanged(pair.value, wanted, literal)) continue;
      const node = pair.value;
      if (!isScalar(node) || !node.range || node.range[1] <= node.range[0] || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        throw new Unspliceable('value not a simple scalar');
      }
      addSplice(context, node.range[0], node.range[1], scalarText(path, wanted, context.render));
      // A secret that becomes a literal gets the warning above it, like a new key would.
      if (literal && !(isScalar(node) && typeof node.value === 'string' && parseReference(node.value).type === 'literal')) {
        const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (keyStart !== undefined && text.slice(lineStart(text, keyStart), keyStart).trim() === '') {
          const at = lineStart(text, keyStart);
          addSplice(context, at, at, `${commentLines(context.render.t.t('wizard.yaml.literalSecret'), indent).join('\n')}\n`);
        }
      }
      continue;
    }
    // A mapping the wizard owns keys of (auth, admin, incoming, outgoing).
    const wantedMap = typeof wanted === 'object' ? wanted : {};
    if (!pair) {
      if (Object.keys(wantedMap).length > 0) additions[key] = wantedMap;
      continue;
    }
    const child = blockMap(pair.value);
    const before = context.splices.length;
    const left = planMap(child, wantedMap, path, context);
    if (left === 0) {
      // Deleting its last keys would leave `admin:` with a null value: the whole mapping goes instead.
      context.splices.length = before;
      deletePair(pair);
    }
  }

  if (Object.keys(additions).length > 0) {
    const last = map.items[map.items.length - 1]!;
    const end = (isScalar(last.value) || isMap(last.value) || isSeq(last.value) ? last.value.range?.[1] : undefined) ?? map.range![1];
    const lines = pairLines(additions, prefix, indent, context.render);
    const at = afterLine(text, end);
    addSplice(context, at, at, `${at === text.length && !text.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`);
    remaining += Object.keys(additions).length;
  }
  return remaining;
}

function applySplices(text: string, splices: readonly Splice[]): string {
  // From the end, so earlier offsets stay valid; at one offset the later-planned goes first, which leaves
  // an inner mapping's new keys above its parent's.
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.order - a.order);
  let result = text;
  for (const splice of ordered) result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  return result;
}

/** Indentation step of nested mappings in this file (2 unless the person used another). */
function indentStep(text: string, account: YAMLMap): number {
  for (const pair of account.items) {
    if (isMap(pair.value) && !pair.value.flow) {
      try {
        return Math.max(1, keyColumn(text, pair.value) - keyColumn(text, account));
      } catch {
        // empty: look further
      }
    }
  }
  return 2;
}

function parseForEdit(text: string): Document.Parsed {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (doc.errors.length > 0) throw new InternalError(`write: the file does not parse: ${doc.errors[0]!.message}`);
  return doc;
}

function accountsSeq(doc: Document.Parsed) {
  const accounts = doc.get('accounts', true);
  if (!isSeq(accounts)) throw new InternalError('write: `accounts` is not a list');
  return accounts;
}

/**
 * In an edit, a provider default the file did not write stays unwritten: the loader fills it in the same
 * way (defaults.ts), and the person's file changes only where an answer changed something.
 */
function withoutUnwrittenDefaults(plain: Plain, written: Record<string, unknown>, draft: AccountDraft): Plain {
  const result: Plain = { ...plain };
  const section = (key: string): Record<string, unknown> => {
    const value = written[key];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const cloud = draft.cloud ?? 'global';
  if (draft.provider === 'office365' && draft.cloud === 'global' && !('cloud' in written)) delete result.cloud;
  const defaults: Record<'incoming' | 'outgoing', Record<string, string | number> | undefined> = {
    incoming: (() => {
      const endpoint = defaultIncoming(draft.provider, cloud, draft.incoming.protocol);
      return endpoint ? { protocol: 'imap', ...endpoint } : { protocol: 'imap' };
    })(),
    outgoing: defaultOutgoing(draft.provider, cloud),
  };
  for (const key of ['incoming', 'outgoing'] as const) {
    const wanted = result[key];
    const fallback = defaults[key];
    if (typeof wanted !== 'object' || !fallback) continue;
    const kept: Plain = {};
    for (const [name, value] of Object.entries(wanted)) {
      if (!(name in section(key)) && fallback[name] === value) continue;
      kept[name] = value;
    }
    if (Object.keys(kept).length > 0) result[key] = kept;
    else delete result[key];
  }
  return result;
}

/** The whole file's data after the edit, to compare the result with. */
function expectedAfterReplace(doc: Document.Parsed, index: number, draft: AccountDraft, plain: Plain): unknown {
  const data = doc.toJS() as { accounts: Array<Record<string, unknown>> };
  const account = JSON.parse(JSON.stringify(data.accounts[index]!)) as Record<string, unknown>;
  for (const path of managedFor(draft)) {
    const [first, second] = path.split('.') as [string, string | undefined];
    const wanted = second === undefined ? plain[first] : (plain[first] as Plain | undefined)?.[second];
    if (second === undefined) {
      if (wanted === undefined) delete account[first];
      else account[first] = wanted;
      continue;
    }
    const parent = (typeof account[first] === 'object' && account[first] !== null ? account[first] : {}) as Record<string, unknown>;
    if (wanted === undefined) delete parent[second];
    else parent[second] = wanted;
    if (Object.keys(parent).length === 0) delete account[first];
    else account[first] = parent;
  }
  data.accounts[index] = account;
  return data;
}

/** JSON with sorted keys: the same data whatever the key order (and whichever realm built the objects). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

function verify(text: string, expected: unknown, what: string): void {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (doc.errors.length > 0 || canonical(doc.toJS()) !== canonical(expected)) throw new InternalError(`write: the ${what} does not read back as written`);
}

function matches(text: string, expected: unknown): boolean {
  try {
    verify(text, expected, 'edit');
    return true;
  } catch {
    return false;
  }
}

/** Document API edit: comments of untouched nodes kept, the file re-printed. For what cannot be spliced. */
function documentEdit(text: string, edit: (doc: Document.Parsed) => void): string {
  const doc = parseForEdit(text);
  edit(doc);
  return doc.toString({ lineWidth: 0 });
}

/** Sets a scalar in place when there is one (its comments stay with it), else adds a new node. */
function setWithQuoting(doc: Document.Parsed, path: readonly (string | number)[], value: string | number, literal: boolean): void {
  const existing = doc.getIn(path, true);
  if (isScalar(existing)) {
    if (existing.value !== value) existing.value = value;
    if (literal) existing.type = 'QUOTE_SINGLE';
    return;
  }
  const node = doc.createNode(value);
  if (literal && isScalar(node)) node.type = 'QUOTE_SINGLE';
  doc.setIn(path, node);
}

/** Replaces the managed keys of account `index` with the draft's; everything else in the file stays. */
export function replaceAccount(text: string, index: number, draft: AccountDraft, t: Translator): string {
  const doc = parseForEdit(text);
  const written = (doc.toJS() as { accounts: Array<Record<string, unknown>> }).accounts[index] ?? {};
  const plain = withoutUnwrittenDefaults(draftToPlain(draft), written, draft);
  const expected = expectedAfterReplace(doc, index, draft, plain);
  const account = accountsSeq(doc).items[index];
  try {
    const map = blockMap(account);
    const context: PlanContext = { text, render: { draft, t, step: indentStep(text, map) }, managed: new Set(managedFor(draft)), splices: [] };
    planMap(map, plain, '', context);
    const spliced = applySplices(text, context.splices);
    if (matches(spliced, expected)) return spliced;
  } catch (error) {
    if (!(error instanceof Unspliceable)) throw error;
  }
  const edited = documentEdit(text, (target) => {
    for (const path of managedFor(draft)) {
      const segments = path.split('.');
      const wanted = segments.length === 1 ? plain[segments[0]!] : (plain[segments[0]!] as Plain | undefined)?.[segments[1]!];
      const full = ['accounts', index, ...segments];
      if (wanted === undefined) {
        if (target.hasIn(full)) target.deleteIn(full);
        if (segments.length === 2) {
          const parent = target.getIn(['accounts', index, segments[0]!], true);
          if (isMap(parent) && parent.items.length === 0) target.deleteIn(['accounts', index, segments[0]!]);
        }
      } else if (typeof wanted !== 'object') {
        setWithQuoting(target, full, wanted, segments[0] === 'auth' && (draft.literalSecrets as readonly string[]).includes(segments[1]!));
      }
    }
  });
  verify(edited, expected, 'edited file');
  return edited;
}

/** Appends the draft as a new account at the end of `accounts:`, in the list's own indentation. */
export function appendAccount(text: string, draft: AccountDraft, t: Translator): string {
  const doc = parseForEdit(text);
  const data = doc.toJS() as { accounts: unknown[] };
  const expected = { ...data, accounts: [...data.accounts, draftToPlain(draft)] };
  const seq = accountsSeq(doc);
  const last = seq.items[seq.items.length - 1];
  const first = seq.items[0];
  if (!seq.flow && isMap(last) && last.range && isMap(first) && first.range) {
    const dash = text.lastIndexOf('-', first.range[0]);
    const indent = dash - lineStart(text, dash);
    if (dash >= 0 && text.slice(lineStart(text, dash), dash).trim() === '') {
      const lines = accountItemLines(draft, t, indentStep(text, first)).map((line) => (line ? ' '.repeat(indent) + line : line));
      const at = afterLine(text, last.range[1]);
      const spliced = `${text.slice(0, at)}${at === text.length && !text.endsWith('\n') ? '\n' : ''}\n${lines.join('\n')}\n${text.slice(at)}`;
      if (matches(spliced, expected)) return spliced;
    }
  }
  const plain = draftToPlain(draft);
  const edited = documentEdit(text, (target) => {
    const node = target.createNode(plain);
    const accounts = target.get('accounts', true);
    if (!isSeq(accounts)) throw new InternalError('write: `accounts` is not a list');
    accounts.items.push(node);
    for (const key of draft.literalSecrets) {
      const scalar = target.getIn(['accounts', accounts.items.length - 1, 'auth', key], true);
      if (isScalar(scalar)) scalar.type = 'QUOTE_SINGLE';
    }
  });
  verify(edited, expected, 'edited file');
  return edited;
}
