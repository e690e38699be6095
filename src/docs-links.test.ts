/**
 * Comments must point only at what a clone of the repository has. The team's working notes (the product
 * specification, the style guide and the research notes on providers and test servers) live outside the
 * repository, so a comment citing them leaves a maintainer with a dead end: vendor facts belong in
 * docs/provider-facts.md, test-server facts in docs/testing.md, the layers in docs/architecture.md, and
 * short rules in the comment itself. This test reads every comment of the code and tests (with the
 * TypeScript parser, so strings and regular expressions are never mistaken for comments) and checks that
 * - no comment names one of the outside documents;
 * - every `docs/<file>.md` a comment names exists, and every `§<section>` after it is a heading of that file;
 * - a `§<section>` (other than a numbered one, as in "RFC 6749 §10.12") follows a `docs/<file>.md` in the
 *   same comment, so the reader knows which document it is in.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['src', 'sandbox', 'bench', 'scripts', 'test'];
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const THIS_FILE = fileURLToPath(import.meta.url);

/** Names of documents outside the repository, in any comment (built from parts so this file passes itself). */
const PRODUCT_NOTES = 'SP' + 'EC';
const HOUSE_NOTES = 'STY' + 'LE';
const OUTSIDE_NAMES = ['provid' + 'ers', 'test-serv' + 'ers', 'entra-stand' + 'in', PRODUCT_NOTES, HOUSE_NOTES].map((name) => `${name}.md`);
const OUTSIDE_PATTERNS: readonly RegExp[] = [
  new RegExp(`(?:${OUTSIDE_NAMES.map((name) => name.replace('.', '\\.')).join('|')})`, 'i'),
  /\.\.\/shared\/(?:SPEC|STYLE|reference|hooks)/,
  /shared\/reference/,
  // The bare names, upper case, as the notes were cited (the name, then "§Reports" or "§7.4").
  new RegExp(`\\b${PRODUCT_NOTES}\\b`),
  new RegExp(`\\b${HOUSE_NOTES}\\b`),
];

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) found.push(path);
    }
  };
  if (existsSync(folder)) walk(folder);
  return found;
}

interface Comment {
  readonly line: number;
  /** The comment's words: markers stripped, lines joined, adjacent `//` lines merged into one comment. */
  readonly text: string;
}

/** Every comment of a file, found by the TypeScript parser. */
function commentsOf(path: string, source: string): Comment[] {
  const kind = /\.(?:js|mjs|cjs)$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, kind);
  const ranges = new Map<number, ts.CommentRange>();
  const collect = (list: readonly ts.CommentRange[] | undefined): void => {
    for (const range of list ?? []) ranges.set(range.pos, range);
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(source, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(source, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(file);
  collect(ts.getLeadingCommentRanges(source, file.endOfFileToken.getFullStart()));

  const sorted = [...ranges.values()].sort((a, b) => a.pos - b.pos);
  const groups: ts.CommentRange[][] = [];
  for (const range of sorted) {
    const previous = groups.at(-1)?.at(-1);
    const adjacentLines =
      previous !== undefined &&
      previous.kind === ts.SyntaxKind.SingleLineCommentTrivia &&
      range.kind === ts.SyntaxKind.SingleLineCommentTrivia &&
      /^[ \t]*\r?\n[ \t]*$/.test(source.slice(previous.end, range.pos));
    if (adjacentLines) groups.at(-1)?.push(range);
    else groups.push([range]);
  }
  return groups.map((group) => {
    const first = group[0] as ts.CommentRange;
    const words = group
      .map((range) => source.slice(range.pos, range.end))
      .join('\n')
      .replace(/^\/\*\*?|\*\/$/g, '')
      .split(/\r?\n/)
      .map((line) => line.replace(/^\s*(?:\/\/+|\*+(?!\/))?/, ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { line: file.getLineAndCharacterOfPosition(first.pos).line + 1, text: words };
  });
}

const headingsCache = new Map<string, string[]>();
/** The section names of docs/<file>.md (its `##`… headings), longest first; undefined when it does not exist. */
function headingsOf(document: string): string[] | undefined {
  const path = join(ROOT, 'docs', document);
  if (!existsSync(path)) return undefined;
  let headings = headingsCache.get(path);
  if (!headings) {
    headings = [...readFileSync(path, 'utf8').matchAll(/^#{2,6}[ \t]+(.+?)[ \t]*$/gm)].map((match) => match[1] as string);
    headings.sort((a, b) => b.length - a.length);
    headingsCache.set(path, headings);
  }
  return headings;
}

/**
 * What is wrong with the document and section references of one text. In a comment, a bare `§<section>`
 * belongs to the last `docs/<file>.md` named before it in the same comment. In a docs page (`home`), it
 * belongs to the page itself, unless it continues a list right after another document's reference
 * ("docs/testing.md §Dovecot, §SMTP").
 */
function referenceProblems(text: string, lookup: (name: string) => string[] | undefined, home?: string): string[] {
  const problems: string[] = [];
  const open = (name: string): { name: string; headings: string[] } | undefined => {
    const headings = lookup(name);
    return headings ? { name, headings } : undefined;
  };
  const own = home === undefined ? undefined : open(home);
  let current = own;
  let lastEnd = -1;
  const tokens = /docs\/([A-Za-z0-9._-]+\.md)|§(?=\S)/g;
  for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
    if (match[1] !== undefined) {
      current = open(match[1]);
      if (!current) problems.push(`docs/${match[1]} does not exist`);
      lastEnd = match.index + match[0].length;
      continue;
    }
    const rest = text.slice(match.index + 1);
    // A numbered section of a standard (RFC 6749 §10.12, CommonMark §6.1), or a placeholder (§<section>).
    if (/^[\d<]/.test(rest)) continue;
    const chained = lastEnd >= 0 && /^[\s,;]*(?:and\s+)?$/.test(text.slice(lastEnd, match.index));
    const target = home !== undefined && !chained ? own : current;
    if (!target) {
      problems.push(`"§${rest.slice(0, 30)}…" names no document (write docs/<file>.md §<section>)`);
      continue;
    }
    const heading = target.headings.find((name) => rest.startsWith(name) && !/^[\p{L}\p{N}]/u.test(rest.slice(name.length)));
    if (!heading) problems.push(`docs/${target.name} has no section "§${rest.slice(0, 30)}…"`);
    else lastEnd = match.index + 1 + heading.length;
  }
  return problems;
}

const files = SCANNED.flatMap((folder) => sourceFiles(join(ROOT, folder))).filter((path) => path !== THIS_FILE);

describe('comments point only inside the repository', () => {
  it('finds the code and test files to read', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((path) => path.endsWith(join('src', 'checks', 'registry.ts')))).toBe(true);
    expect(files.some((path) => path.endsWith('.mjs'))).toBe(true);
  });

  it('never cites a document that lives outside the repository', () => {
    const offenders: string[] = [];
    for (const path of files) {
      const source = readFileSync(path, 'utf8');
      for (const comment of commentsOf(path, source)) {
        const hit = OUTSIDE_PATTERNS.map((candidate) => candidate.exec(comment.text)).find((found) => found !== null);
        if (!hit) continue;
        const from = Math.max(0, hit.index - 50);
        offenders.push(`${relative(ROOT, path)}:${comment.line}: …${comment.text.slice(from, hit.index + 60)}…`);
      }
      // Test titles and other strings: the file names cannot be an identifier, so they are looked for anywhere.
      const named = OUTSIDE_PATTERNS.slice(0, 3).find((pattern) => pattern.test(source));
      if (named && !offenders.some((line) => line.startsWith(`${relative(ROOT, path)}:`))) offenders.push(`${relative(ROOT, path)}: ${named}`);
    }
    expect(offenders).toEqual([]);
  });

  it('names only docs/<file>.md files that exist, and only sections they have', () => {
    const problems: string[] = [];
    for (const path of files) {
      for (const comment of commentsOf(path, readFileSync(path, 'utf8'))) {
        for (const problem of referenceProblems(comment.text, headingsOf)) problems.push(`${relative(ROOT, path)}:${comment.line}: ${problem}`);
      }
    }
    for (const page of readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, 'docs', page), 'utf8').replace(/\s+/g, ' ');
      for (const problem of referenceProblems(text, headingsOf, page)) problems.push(`docs/${page}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const sample = [
      '/** Exit codes (SP' + 'EC §Exit codes). */',
      'const a = 1; // see ../shared/reference/providers' + '.md §1.9',
      '',
      '// Port 465 (docs/provider-facts.md',
      '// §Microsoft hosts and ports), RFC 8314 §3.3.',
      'const text = "a string with docs/missing.md is no comment";',
    ].join('\n');
    const comments = commentsOf('sample.ts', sample);
    expect(comments.map((comment) => comment.text)).toEqual([
      'Exit codes (SP' + 'EC §Exit codes).',
      'see ../shared/reference/providers' + '.md §1.9',
      'Port 465 (docs/provider-facts.md §Microsoft hosts and ports), RFC 8314 §3.3.',
    ]);
    expect(comments.filter((comment) => OUTSIDE_PATTERNS.some((pattern) => pattern.test(comment.text)))).toHaveLength(2);
    expect(referenceProblems(comments[2]?.text ?? '', headingsOf)).toEqual([]);
    expect(referenceProblems('docs/missing.md §Anything', headingsOf)).toContain('docs/missing.md does not exist');
    expect(referenceProblems('docs/provider-facts.md §No such section', headingsOf)).toEqual(['docs/provider-facts.md has no section "§No such section…"']);
    expect(referenceProblems('the trap of §Exchange permissions', headingsOf)).toHaveLength(1);
    expect(referenceProblems('docs/provider-facts.md §Exchange permissions, §XOAUTH2 and §AADSTS codes', headingsOf)).toEqual([]);
    // In a docs page a bare section is the page's own, unless it continues another document's list.
    expect(referenceProblems('see §Dovecot; docs/provider-facts.md §XOAUTH2, §Gmail replies. Also §SMTP.', headingsOf, 'testing.md')).toEqual([]);
  });
});
