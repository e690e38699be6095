import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourcePosition } from '../types.js';
import type { Segment } from './paths.js';

// ---- Positions -----------------------------------------------------------------------------------------

interface Located {
  readonly keyNode?: Node;
  readonly valueNode?: Node;
}

export class SourceMap {
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
