/**
 * A lint for the PowerShell lines the product prints, for tests: a line an administrator pastes must parse
 * and must not carry a hole where a value should be. Per line of a command (a target may hold several):
 * quotes closed (single quotes doubled inside '…', backtick escapes inside "…", the typographic quotes
 * PowerShell also accepts), (), {} and [] balanced outside strings, no literal `\n`, and no unfilled
 * placeholder: `{name}`, `<…>`, an empty '' or "" argument, `undefined`, `null` (not `$null`), `NaN`,
 * `[object Object]`, or a double space where an interpolated value came out empty.
 * Quoting rules: https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 */

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);
const CLOSING: Readonly<Record<string, string>> = { ')': '(', '}': '{', ']': '[' };

interface Scan {
  readonly problems: string[];
  /** The line with every string's content blanked (quotes kept), for the checks outside strings. */
  readonly outside: string;
  /** Each string argument as written, quotes included. */
  readonly strings: string[];
}

function scan(line: string): Scan {
  const problems: string[] = [];
  const strings: string[] = [];
  const stack: string[] = [];
  let outside = '';
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (SINGLE_QUOTES.has(char) || DOUBLE_QUOTES.has(char)) {
      const single = SINGLE_QUOTES.has(char);
      const quotes = single ? SINGLE_QUOTES : DOUBLE_QUOTES;
      let end = index + 1;
      let closed = false;
      while (end < line.length) {
        const inner = line[end]!;
        if (!single && inner === '`') {
          end += 2;
          continue;
        }
        if (quotes.has(inner)) {
          // A doubled quote inside the string is one literal quote.
          if (end + 1 < line.length && quotes.has(line[end + 1]!)) {
            end += 2;
            continue;
          }
          closed = true;
          break;
        }
        end += 1;
      }
      if (!closed) {
        problems.push(`unterminated ${single ? 'single' : 'double'}-quoted string at column ${index + 1}`);
        return { problems, outside: outside + char, strings };
      }
      strings.push(line.slice(index, end + 1));
      outside += `${char}${'x'.repeat(Math.max(0, end - index - 1))}${line[end]}`;
      index = end + 1;
      continue;
    }
    if (char === '(' || char === '{' || char === '[') stack.push(char);
    else if (char in CLOSING) {
      if (stack.pop() !== CLOSING[char]) problems.push(`unbalanced '${char}' at column ${index + 1}`);
    }
    outside += char;
    index += 1;
  }
  if (stack.length > 0) problems.push(`unclosed '${stack.join('')}'`);
  return { problems, outside, strings };
}

/** The problems of one PowerShell command (one or more lines); none for a line fit to paste. */
export function lintPowerShell(command: string): string[] {
  const problems: string[] = [];
  if (command.trim() === '') return ['empty command'];
  if (command.includes('\\n')) problems.push('literal \\n');
  for (const line of command.split('\n')) {
    const where = command.includes('\n') ? ` in "${line}"` : '';
    if (line.trim() === '') {
      problems.push('empty line');
      continue;
    }
    if (line !== line.trim()) problems.push(`leading or trailing space${where}`);
    const { problems: syntax, outside, strings } = scan(line);
    problems.push(...syntax.map((problem) => `${problem}${where}`));
    if (/ {2}/.test(outside)) problems.push(`double space (an empty value?)${where}`);
    if (/\{[A-Za-z_][\w.]*\}/.test(line)) problems.push(`unfilled {placeholder}${where}`);
    if (/<[^<>\s|][^<>]*>/.test(line)) problems.push(`unfilled <placeholder>${where}`);
    if (strings.some((string) => string.length === 2)) problems.push(`empty string argument${where}`);
    if (/(^|[^$\w])(undefined|null|NaN)\b/.test(line)) problems.push(`undefined, null or NaN${where}`);
    if (line.includes('[object Object]')) problems.push(`[object Object]${where}`);
    // A parameter with nothing after it but another parameter or a pipe, where a value was meant to be.
    for (const dangling of outside.matchAll(/ -([A-Za-z]+) *(?=$|\|| -[A-Za-z])/g)) {
      if (!SWITCHES.has(dangling[1]!)) problems.push(`-${dangling[1]} has no value${where}`);
    }
  }
  return problems;
}

/** Parameters that are switches (take no value) in the lines the product prints. */
const SWITCHES: ReadonlySet<string> = new Set(['Confirm', 'WhatIf', 'Force', 'Verbose']);
