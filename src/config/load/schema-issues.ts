import { z } from 'zod';
import { msg } from '../../i18n/index.js';
import type { Message, MessageKey } from '../../core/message.js';
import { suggest } from '../suggest.js';
import type { IssueList, Tainted } from './issues.js';
import { dataAt, describeFound, formatPath, gluedKey, isSecretPath, shownKey, type Segment } from './paths.js';
import { registerSecretValue } from '../../secrets/redact.js';
import { allowedKeysAt, homeOf, KEY_HOMES } from './schema-shape.js';
import type { SourceMap } from './source-map.js';

// ---- Schema issues -------------------------------------------------------------------------------------

type ZodIssue = z.core.$ZodIssue;

const FORMAT_MESSAGES: Readonly<Record<string, MessageKey>> = {
  guid: 'configfile.format.guid',
  email: 'configfile.format.email',
  host: 'configfile.format.host',
  'https-url': 'configfile.format.httpsUrl',
  'redirect-uri': 'configfile.format.redirectUri',
  tenant: 'configfile.format.tenant',
  date: 'configfile.format.date',
  'dns-server': 'configfile.format.dnsServer',
};

const UNION_MESSAGES: Readonly<Record<string, MessageKey>> = {
  tenantId: 'configfile.format.tenant',
  redirectUri: 'configfile.format.redirectUri',
};

/** For a host written as a URL or with a port (`imaps://outlook.office365.com:993`), the host alone. */
function hostOnly(value: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `x://${value}`;
  try {
    const host = new URL(candidate).hostname;
    return host.length > 0 && host !== value ? host : undefined;
  } catch {
    return undefined;
  }
}

function unknownKeyHints(key: string, segments: readonly Segment[]): Message[] {
  const allowed = allowedKeysAt(segments);
  // `password:Summer2024`: a known key with its value glued on. The value is registered (it may be the
  // secret) and never shown; the fix is the missing space.
  const glued = gluedKey(key);
  if (glued && allowed.includes(glued.name)) {
    registerSecretValue(glued.value);
    return [msg('configfile.hint.spaceAfterColon', { key: glued.name })];
  }
  const suggestion = suggest(key, allowed);
  if (suggestion) return [msg('configfile.hint.didYouMean', { suggestion })];
  const homes = (KEY_HOMES.get(key) ?? []).filter((home) => home !== homeOf(segments));
  if (homes.length === 0) return [];
  if (homes.includes('account')) return [msg('configfile.hint.belongsAccount', { key })];
  if (homes.includes('')) return [msg('configfile.hint.belongsTop', { key })];
  return [msg('configfile.hint.belongsUnder', { key, parent: homes.map((home) => `${home}:`).join(' / ') })];
}

function typeIssue(expected: string, value: unknown, segments: readonly Segment[]): { message: Message; hints: Message[] } {
  const found = describeFound(value);
  const hints: Message[] = [];
  if (isSecretPath(segments)) {
    return { message: msg('configfile.type.secret'), hints: [msg('configfile.hint.quoteSecret')] };
  }
  switch (expected) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') hints.push(msg('configfile.hint.quote', { value: String(value) }));
      return { message: msg('configfile.type.string', { found }), hints };
    case 'number':
    case 'int':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        hints.push(msg('configfile.hint.unquote', { value: value.trim() }));
      if (typeof value === 'number' && segments[segments.length - 1] === 'port') return { message: msg('configfile.port', { found }), hints };
      if (typeof value === 'number') return { message: msg('configfile.type.integer', { found }), hints };
      return { message: msg('configfile.type.number', { found }), hints };
    case 'object':
      return { message: msg('configfile.type.mapping', { found }), hints };
    case 'array':
      if (formatPath(segments) === 'accounts') hints.push(msg('configfile.hint.listDash'));
      return { message: msg('configfile.type.list', { found }), hints };
    default:
      return { message: msg('configfile.invalid', { detail: `expected ${expected}` }), hints };
  }
}

export function reportZodIssue(issue: ZodIssue, data: unknown, source: SourceMap, issues: IssueList, tainted: Tainted): void {
  const segments = issue.path.filter((segment): segment is Segment => typeof segment === 'string' || typeof segment === 'number');
  const path = formatPath(segments);
  if (tainted.paths.has(path)) return;
  const value = dataAt(data, segments);
  const secret = isSecretPath(segments);
  const last = segments[segments.length - 1];
  const keyName = typeof last === 'string' ? last : path;

  const addAtValue = (message: Message, hints: readonly Message[] = []) => {
    const position = source.value(segments);
    if (!tainted.lines.has(position.line)) issues.add(segments, position, message, hints);
  };
  const addMissing = () => {
    if (path === 'version') issues.add(segments, source.anchor([]), msg('configfile.version.missing'));
    else issues.add(segments, source.anchor(segments.slice(0, -1)), msg('configfile.required', { key: keyName }));
  };

  if (issue.code !== 'unrecognized_keys' && value === undefined) return addMissing();
  if (issue.code !== 'unrecognized_keys' && value === null) return addAtValue(msg('configfile.value.null'));

  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const keySegments = [...segments, key];
        const position = source.anchor(keySegments);
        if (tainted.lines.has(position.line)) continue;
        issues.add(
          keySegments,
          position,
          msg('configfile.unknownKey', { key: shownKey(key), allowed: allowedKeysAt(segments).join(', ') }),
          unknownKeyHints(key, segments),
        );
      }
      return;
    case 'invalid_value': {
      if (path === 'version') {
        const hints = value === '1' ? [msg('configfile.hint.unquote', { value: '1' })] : [];
        return addAtValue(msg('configfile.version.unsupported', { found: describeFound(value) }), hints);
      }
      const allowed = issue.values.map(String);
      const suggestion = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return addAtValue(
        msg('configfile.enum', { found: describeFound(value), allowed: allowed.join(', ') }),
        suggestion ? [msg('configfile.hint.didYouMean', { suggestion })] : [],
      );
    }
    case 'invalid_type': {
      const { message, hints } = typeIssue(issue.expected, value, segments);
      return addAtValue(message, hints);
    }
    case 'invalid_format': {
      if (secret) return addAtValue(msg('configfile.invalid.secret'));
      const key = FORMAT_MESSAGES[issue.message];
      const found = describeFound(value);
      if (!key) return addAtValue(msg('configfile.invalid', { detail: issue.message }));
      const hints: Message[] = [];
      if (issue.message === 'host' && typeof value === 'string') {
        const host = hostOnly(value);
        if (host) hints.push(msg('configfile.hint.hostOnly', { host }));
      }
      return addAtValue(msg(key, { found }), hints);
    }
    case 'invalid_union': {
      const nested = issue.errors.flat();
      if (nested.length > 0 && nested.every((inner) => inner.code === 'invalid_type')) {
        const first = nested[0]!;
        const { message, hints } = typeIssue(first.code === 'invalid_type' ? first.expected : 'string', value, segments);
        return addAtValue(message, hints);
      }
      const key = UNION_MESSAGES[keyName];
      return addAtValue(key ? msg(key, { found: describeFound(value) }) : msg('configfile.invalid', { detail: issue.message }));
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'number') return addAtValue(msg('configfile.port', { found: describeFound(value) }));
      if (issue.origin === 'string') return addAtValue(msg('configfile.value.emptyString'));
      if (issue.origin === 'array') return addAtValue(msg('configfile.accounts.empty'));
      return addAtValue(msg('configfile.invalid', { detail: issue.message }));
    default:
      return addAtValue(secret ? msg('configfile.invalid.secret') : msg('configfile.invalid', { detail: issue.message }));
  }
}
