import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { ConfigError, type ConfigIssue } from '../../errors/index.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { checkDoubleQuotedBackslashes } from './escapes.js';
import type { IssueList, Tainted } from './issues.js';
import { shownKey } from './paths.js';
import { SourceMap } from './source-map.js';

// ---- YAML syntax: the text as nodes with positions, and the data they stand for ----------------------------

/** Problems after which the document is still what the user meant, so validation goes on. */
const SOFT_YAML_ERRORS: ReadonlySet<string> = new Set(['DUPLICATE_KEY', 'BAD_DQ_ESCAPE']);

function yamlErrorMessage(error: YAMLError, text: string): Message {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      // yaml points at the key's first character; the key runs to its colon (or closing quote).
      const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\r\n]*?)\s*:(?:\s|$)/.exec(text.slice(error.pos[0]))?.[1] ?? text.slice(error.pos[0], error.pos[1]);
      // Shown like any key (masked when it is a secret), its quotes kept around what is shown.
      const quote = /^["']/.test(key) ? key[0]! : '';
      return msg('configfile.yaml.duplicateKey', { key: quote ? `${quote}${shownKey(key.slice(1, -1))}${quote}` : shownKey(key) });
    }
    case 'BAD_DQ_ESCAPE':
      return msg('configfile.yaml.badEscape');
    case 'TAB_AS_INDENT':
      return msg('configfile.yaml.tabIndent');
    case 'MULTIPLE_DOCS':
      return msg('configfile.yaml.multipleDocuments');
    default:
      return msg('configfile.yaml.syntax', { detail: withoutQuotedSource(error.message, linesAround(text, error.pos)) });
  }
}

/**
 * yaml's own description of an error, without what it quotes of the file. Its messages end with the
 * offending token — an alias name, a tag, a block scalar header — and `password: *Summer2024` is an alias
 * to yaml: the password would be printed, before any literal secret of the file is registered for
 * scrubbing. A word sharing four characters in a row with the text around the error becomes `…`.
 */
function withoutQuotedSource(message: string, around: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return first.replace(/\S+/g, (word) => (sharesRun(word, around) ? '…' : word));
}

function sharesRun(word: string, text: string): boolean {
  for (let at = 0; at + 4 <= word.length; at++) if (text.includes(word.slice(at, at + 4))) return true;
  return false;
}

/** The whole lines the range `[start, end)` of the text touches. */
function linesAround(text: string, [start, end]: readonly [number, number]): string {
  const from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const newline = text.indexOf('\n', Math.max(start, end));
  return text.slice(from, newline === -1 ? text.length : newline);
}

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
 * Parses the text (its BOM already dropped) into a document whose nodes know where they are written, and the
 * plain data it stands for. YAML errors after which the document is still what the user meant are added to
 * `issues` and parsing goes on; any other problem throws ConfigError with every issue found so far.
 */
export function parseYaml(body: string, issues: IssueList, tainted: Tainted): { source: SourceMap; data: unknown } {
  const lines = new LineCounter();
  // logLevel 'error': yaml's warnings (a key that is a collection…) go to process.emitWarning quoting the
  // file's text; they stay in doc.warnings, unprinted.
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  const source = new SourceMap(body, doc, lines);

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
    // Not located: nothing of the file may show through the message.
    issues.add(
      [],
      { line: 1, column: 1 },
      msg('configfile.yaml.syntax', { detail: withoutQuotedSource(error instanceof Error ? error.message : String(error), body) }),
    );
    throw new ConfigError(issues.sorted());
  }
  return { source, data };
}
