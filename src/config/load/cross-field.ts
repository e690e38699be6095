import { msg } from '../../i18n/index.js';
import { registerSecretValue } from '../../secrets/redact.js';
import { hasSecretShape } from '../../secrets/shape.js';
import { mayBeSecretName, mentionsReference, parseReference } from '../references.js';
import { checkAccountRules, valueAt } from '../rules.js';
import { SECRET_KEYS } from '../types.js';
import type { IssueList, Tainted } from './issues.js';
import { dataAt, describeFound, formatPath, isPlainObject, isSecretPath, type Segment } from './paths.js';
import { schemaAt } from './schema-shape.js';
import type { SourceMap } from './source-map.js';

// ---- Cross-field rules, names, references --------------------------------------------------------------

function splitKey(dotted: string): string[] {
  return dotted.length === 0 ? [] : dotted.split('.');
}
export function reportRules(data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return;
  accounts.forEach((account, index) => {
    if (!isPlainObject(account)) return;
    const base: Segment[] = ['accounts', index];
    for (const violation of checkAccountRules(account)) {
      const hints = violation.hints.map((key) => msg(key));
      const first = [...base, ...splitKey(violation.keys[0]!)];
      if (violation.kind === 'require') {
        const parent = first.slice(0, -1);
        const segments = violation.keys.length === 1 ? first : parent;
        issues.add(segments, source.anchor(parent), msg(violation.message, { keys: violation.keys.join(', ') }), hints);
      } else if (violation.kind === 'forbid') {
        issues.add(first, source.anchor(first), msg(violation.message, { keys: violation.keys.join(', ') }), hints);
      } else if (!tainted.paths.has(formatPath(first))) {
        issues.add(first, source.value(first), msg(violation.message, { found: describeFound(valueAt(account, violation.keys[0]!)) }), hints);
      }
    }
  });
}

/**
 * Free-text keys of an account that reports show as written (the login name, the account's name): a password or token
 * pasted there would be printed in the evidence and the transcript. Keys with a format (addresses, GUIDs,
 * hosts) already refuse such a value; these have none.
 */
const SHOWN_AS_WRITTEN: readonly (readonly Segment[])[] = [['auth', 'username'], ['name']];

export function reportSecretShapedNames(data: unknown, source: SourceMap, issues: IssueList): void {
  const refuse = (segments: Segment[]): void => {
    const value = dataAt(data, segments);
    if (typeof value !== 'string' || !hasSecretShape(value)) return;
    // Still scrubbed wherever it may appear before the run stops on this issue.
    registerSecretValue(value.trim());
    issues.add(segments, source.value(segments), msg('configfile.secretShapedName', { found: describeFound(value) }));
  };
  // The customer's name heads the handoff sheet.
  refuse(['customer']);
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return;
  accounts.forEach((_account, index) => {
    for (const key of SHOWN_AS_WRITTEN) refuse(['accounts', index, ...key]);
  });
}

export function reportDuplicateNames(data: unknown, source: SourceMap, issues: IssueList): void {
  const accounts = dataAt(data, ['accounts']);
  if (!Array.isArray(accounts)) return;
  const seen = new Map<string, number>();
  accounts.forEach((account, index) => {
    const name = isPlainObject(account) ? account.name : undefined;
    if (typeof name !== 'string' || name.length === 0) return;
    const first = seen.get(name.toLowerCase());
    if (first === undefined) {
      seen.set(name.toLowerCase(), index);
      return;
    }
    const firstLine = source.value(['accounts', first, 'name']).line;
    issues.add(['accounts', index, 'name'], source.value(['accounts', index, 'name']), msg('configfile.accounts.duplicateName', { name, line: firstLine }));
  });
}

/** References outside secret keys, malformed references in them; and every literal secret registered for scrubbing. */
export function reportReferenceShapes(data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const walk = (value: unknown, segments: Segment[]) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, [...segments, index]));
    if (isPlainObject(value)) return Object.entries(value).forEach(([key, item]) => walk(item, [...segments, key]));
    if (isSecretPath(segments)) {
      if (typeof value === 'number' || typeof value === 'boolean') registerSecretValue(String(value));
      if (typeof value !== 'string') return;
      const parsed = parseReference(value);
      if (parsed.type === 'literal') registerSecretValue(value);
      if (parsed.type === 'reference' && parsed.reference.kind === 'env' && mayBeSecretName(parsed.reference.name)) registerSecretValue(parsed.reference.name);
      if (parsed.type === 'malformed' && parsed.pastedValue) registerSecretValue(parsed.pastedValue);
      if (parsed.type === 'malformed' && !tainted.paths.has(formatPath(segments))) {
        const hints = parsed.pastedValue
          ? [msg(parsed.pastedIn === 'file' ? 'configfile.hint.pastedFileValue' : 'configfile.hint.pastedValue')]
          : parsed.suggestion
            ? [msg('configfile.hint.didYouMean', { suggestion: parsed.suggestion })]
            : [];
        issues.add(segments, source.value(segments), msg('configfile.ref.malformed', { found: describeFound(value) }), hints);
      }
      return;
    }
    // Unknown keys are reported as such; a reference under one (a misspelt secret key) adds nothing.
    if (typeof value === 'string' && mentionsReference(value) && schemaAt(segments) !== undefined && !tainted.paths.has(formatPath(segments))) {
      issues.add(segments, source.value(segments), msg('configfile.ref.notSecret', { found: describeFound(value), keys: SECRET_KEYS.join(', ') }));
      // Its shape (e-mail, GUID…) is wrong too, but saying so would only repeat this.
      tainted.paths.add(formatPath(segments));
    }
  };
  walk(data, []);
}
