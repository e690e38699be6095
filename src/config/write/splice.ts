import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { parseReference } from '../references.js';
import { commentLines } from './comments.js';
import type { Plain } from './draft.js';
import { pairLines, scalarText, type RenderContext } from './render.js';

// ---- Editing an existing file ----------------------------------------------------------------------------

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly order: number;
}

export class Unspliceable extends Error {}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line on which the content ending at `offset` ends (after its comment). */
export function afterLine(text: string, offset: number): number {
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

export function blockMap(node: unknown): YAMLMap {
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

export interface PlanContext {
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
export function planMap(map: YAMLMap, want: Plain, prefix: string, context: PlanContext): number {
  const { text } = context;
  const column = keyColumn(text, map);
  const indent = ' '.repeat(column);
  let remaining = map.items.length;
  const additions: Plain = {};

  const deletePair = (pair: Pair) => {
    const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const end =
      (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value.range?.[1] : undefined) ??
      (isScalar(pair.key) ? pair.key.range?.[1] : undefined);
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

export function applySplices(text: string, splices: readonly Splice[]): string {
  // From the end, so earlier offsets stay valid; at one offset the later-planned goes first, which leaves
  // an inner mapping's new keys above its parent's.
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.order - a.order);
  let result = text;
  for (const splice of ordered) result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  return result;
}

/** Indentation step of nested mappings in this file (2 unless the person used another). */
export function indentStep(text: string, account: YAMLMap): number {
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
