/**
 * Text inside Markdown (CommonMark + GFM), for the `check` report and the handoff sheet alike: what a
 * server, a file or a customer wrote must stay text, never become a heading, a link, a table or HTML.
 */

/** Escapes what Markdown (and the HTML it allows) would interpret in running text: emphasis, code, links, HTML, tables, strikethrough, entities. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~&]/g, '\\$&');
}

/** Text that starts a paragraph: also escapes what would make it a heading, a list item or a rule (`- `, `+ `, `1. `, `===`). */
export function escapeParagraph(text: string): string {
  return escapeInline(text)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A table cell: escaped, newlines as <br> (GFM cells are one line). */
export function cell(text: string): string {
  return escapeParagraph(text).replace(/\r?\n/g, '<br>');
}

/** Inline code whose fence is longer than any backtick run inside it (CommonMark §6.1); on one line. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') || text.length === 0 ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\r?\n/g, ' ')}${fence}`;
}

/** Inline code in a table cell: a pipe ends the cell even inside code, so GFM wants it escaped there. */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** A fenced block that its content cannot close early (CommonMark §4.5). */
export function codeBlock(text: string, indent: string, language = ''): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}${language}`, ...text.split('\n').map((line) => indent + line), `${indent}${fence}`];
}

/** A step's web address as a link, only when it is one (http or https): a hostile `javascript:` or `file:` target stays inert code. */
export function link(target: string): string {
  return /^https?:\/\//i.test(target) ? `<${target.replace(/[<>\s]/g, encodeURIComponent)}>` : code(target);
}
