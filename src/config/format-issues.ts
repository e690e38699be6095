import { isAbsolute, relative } from 'node:path';
import type { ConfigIssue } from '../errors/index.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';

export interface FormatIssuesOptions {
  /** Paths inside this folder are shown relative to it; default `process.cwd()`. */
  readonly cwd?: string;
}

/** The file as the user would type it: relative when inside the working folder. */
function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown.length > 0 && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}

/**
 * Human text for the terminal, one block per issue:
 * `file:line:column  path: message`, then each hint indented below. Line 0 means the file as a whole
 * (it could not be read), shown without a position. The text passes through the process-wide scrubber
 * as a last guard: issues are built without secret values, and every literal secret seen while loading
 * is registered with it.
 */
export function formatConfigIssues(issues: readonly ConfigIssue[], t: Translator, options: FormatIssuesOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const blocks = issues.map((issue) => {
    const where = issue.line > 0 ? `${displayPath(issue.file, cwd)}:${issue.line}:${issue.column}` : displayPath(issue.file, cwd);
    const what = issue.path.length > 0 ? `${issue.path}: ${t.message(issue.message)}` : t.message(issue.message);
    const hints = (issue.hints ?? []).map((hint) => `    ${t.message(hint)}`);
    return [`${where}  ${what}`, ...hints].join('\n');
  });
  return blocks.length > 0 ? scrub(`${blocks.join('\n\n')}\n`) : '';
}
