import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { InternalError } from '../../errors/index.js';
import type { Translator } from '../../i18n/index.js';
import { defaultIncoming, defaultOutgoing } from '../defaults.js';
import { draftToPlain, managedFor, type AccountDraft, type Plain } from './draft.js';
import { accountItemLines } from './render.js';
import { afterLine, applySplices, blockMap, indentStep, lineStart, planMap, Unspliceable, type PlanContext } from './splice.js';
import { matches, verify } from './verify.js';

/**
 * Writing the YAML file for `init`: a new file with a comment above every key (like fixtures/*.example.yaml),
 * or an edit of an existing file that keeps everything the person wrote — comments, blank lines, alignment,
 * other accounts. Edits are spliced into the original text at the nodes' source ranges (the yaml package's
 * Document API re-prints the whole file, re-aligning inline comments); where a splice is not possible
 * (flow mappings such as `auth: { … }`) the Document API does the edit, comments still kept. Every result
 * is parsed back and compared with what was meant before it is returned.
 */

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
