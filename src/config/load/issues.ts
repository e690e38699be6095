import type { ConfigIssue } from '../../errors/index.js';
import type { Message } from '../../core/message.js';
import type { SourcePosition } from '../types.js';
import { msg } from '../../i18n/index.js';
import { formatPath, isMaskedFound, type Segment } from './paths.js';

// ---- Issues --------------------------------------------------------------------------------------------

export class IssueList {
  readonly items: ConfigIssue[] = [];
  constructor(readonly file: string) {}

  add(segments: readonly Segment[], position: SourcePosition, message: Message, hints: readonly Message[] = []): void {
    const path = formatPath(segments);
    // zod may report one value twice (e.g. an http:// URL fails both the protocol and the pattern check).
    const repeated = this.items.some(
      (issue) => issue.path === path && issue.line === position.line && issue.column === position.column && issue.message.key === message.key,
    );
    if (repeated) return;
    // The value was hidden for its shape: say why, and what to do about a secret that sat in the file.
    const all = isMaskedFound(message.params?.found) ? [...hints, msg('configfile.hint.secretShaped')] : hints;
    this.items.push({
      file: this.file,
      line: position.line,
      column: position.column,
      path,
      message,
      ...(all.length > 0 ? { hints: all } : {}),
    });
  }

  sorted(): ConfigIssue[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

export interface Tainted {
  /** Paths whose value is known to be wrong already (an escape problem): no further messages about them. */
  readonly paths: Set<string>;
  /** Lines with a YAML error, where schema messages would only repeat it. */
  readonly lines: Set<number>;
}
