import { isPair, isScalar, isSeq, visit, type YAMLError } from 'yaml';
import type { ConfigIssue } from '../../errors/index.js';
import { msg } from '../../i18n/index.js';
import { parseReference } from '../references.js';
import type { IssueList, Tainted } from './issues.js';
import { formatPath, isSecretPath, type Segment } from './paths.js';
import type { SourceMap } from './source-map.js';

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

export function checkDoubleQuotedBackslashes(source: SourceMap, issues: IssueList, yamlIssues: Map<YAMLError, ConfigIssue>, tainted: Tainted): void {
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
