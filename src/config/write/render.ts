import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { Translator } from '../../i18n/index.js';
import { schemaReference } from '../schema-reference.js';
import { commentFor, commentLines } from './comments.js';
import { draftToPlain, type AccountDraft, type Plain } from './draft.js';
import { verify } from './verify.js';

// ---- Rendering new lines ---------------------------------------------------------------------------------

export interface RenderContext {
  readonly draft: AccountDraft;
  readonly t: Translator;
  /** Spaces per nesting level. */
  readonly step: number;
}

/** A scalar as YAML: literal secrets single-quoted (no escapes at all), the rest as the yaml package prints it. */
export function scalarText(path: string, value: string | number, context: RenderContext): string {
  const key = path.split('.').pop() as string;
  const literal = path.startsWith('auth.') && (context.draft.literalSecrets as readonly string[]).includes(key);
  if (literal && typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** `key: value` lines (with the comment above each) for the entries of `plain`, at `indent`. */
export function pairLines(plain: Plain, prefix: string, indent: string, context: RenderContext): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(plain)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const comment = commentFor(path, context.draft);
    if (comment) lines.push(...commentLines(context.t.t(comment), indent));
    if (typeof value === 'object') {
      lines.push(`${indent}${key}:`, ...pairLines(value, path, indent + ' '.repeat(context.step), context));
    } else {
      lines.push(`${indent}${key}: ${scalarText(path, value, context)}`);
    }
  }
  return lines;
}

/** The account as a sequence item starting at column 0 (`- name: …`), with its heading comment. */
export function accountItemLines(draft: AccountDraft, t: Translator, step: number): string[] {
  const context: RenderContext = { draft, t, step };
  const { name, ...rest } = draftToPlain(draft);
  const heading = t.t('wizard.yaml.accountHeading', { name: draft.name, provider: t.t(`report.provider.${draft.provider}`) });
  const lines = [`# --- ${heading} ---`, ...commentLines(t.t('wizard.yaml.name'), ''), `- name: ${scalarText('name', name as string, context)}`];
  lines.push(...pairLines(rest, '', '  ', context));
  return lines;
}

/** A complete new file: header, version, the customer, the account, and the optional `tls:` commented out. */
export function renderNewConfig(draft: AccountDraft, t: Translator, file: string, now: Date = new Date(), customer?: string): string {
  const item = accountItemLines(draft, t, 2).map((line) => (line ? `  ${line}` : line));
  const lines = [
    `# yaml-language-server: $schema=${schemaReference()}`,
    '#',
    ...commentLines(t.t('wizard.yaml.header', { date: now.toISOString().slice(0, 10) }), ''),
    '#',
    `#   tactium-preflight check ${basename(file)}`,
    '#',
    ...commentLines(t.t('wizard.yaml.secretsNote'), ''),
    '',
    ...commentLines(t.t('wizard.yaml.version'), ''),
    'version: 1',
    '',
    // The handoff sheet opens with it; without it the sheet names the file.
    ...(customer ? [...commentLines(t.t('wizard.yaml.customer'), ''), `customer: ${stringify(customer, { lineWidth: 0 }).trimEnd()}`, ''] : []),
    ...commentLines(t.t('wizard.yaml.accounts'), ''),
    'accounts:',
    '',
    ...item,
    '',
    ...commentLines(t.t('wizard.yaml.tls'), ''),
    '# tls:',
    '#   caFile: ./corporate-root.pem',
    '',
  ];
  const text = lines.join('\n');
  verify(text, { version: 1, ...(customer ? { customer } : {}), accounts: [draftToPlain(draft)] }, 'new file');
  return text;
}
