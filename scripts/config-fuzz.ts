/**
 * Generated and mutated configuration files for the fuzzing of `check` (scripts/fuzz-config.mjs runs 10 000
 * in-process; test/e2e/fuzz.test.ts a few dozen through the real bin), and the one verdict both apply:
 * the tool never crashes (no exit 3, no stack trace, no hang); it exits 2 with a located message
 * (file:line:column), or it runs (0 or 1) and prints its report.
 *
 * Cases start from real files (the shipped examples, the demo's accounts, the e2e fixtures) and mutate
 * them the ways people and tools break YAML: keys, values, types, indentation, tabs, CRLF, a BOM, UTF-16,
 * Latin-1 bytes, unicode, huge and deeply nested values, anchors and aliases (and alias bombs), merge keys,
 * tags, duplicate keys, several documents, truncation. Some are generated from nothing (random values
 * dumped as YAML, or records built from the file's own vocabulary).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';

export interface FuzzCase {
  /** What was done to the seed, for a failure report. */
  readonly recipe: readonly string[];
  readonly bytes: Buffer;
  /** Extra `check` options (format, language, strictness). */
  readonly args: readonly string[];
}

export interface FuzzSeed {
  readonly name: string;
  readonly text: string;
}

const SEED_FILES = [
  'fixtures/office365.example.yaml',
  'fixtures/gmail.example.yaml',
  'fixtures/demo.yaml',
  'test/fixtures/e2e/broken.yaml',
  'test/fixtures/e2e/office365-465.yaml',
];

const MINIMAL_IMAP = [
  'version: 1',
  'accounts:',
  '  - name: caixa',
  '    provider: imap',
  '    mailbox: caixa@example.com',
  '    auth:',
  '      method: password',
  '      password: ${env:MAILBOX_PASSWORD}',
  '    incoming:',
  '      protocol: imap',
  '      host: imap.example.com',
  '      port: 993',
  '      security: tls',
  '    outgoing:',
  '      host: smtp.example.com',
  '      port: 587',
  '      security: starttls',
  '',
].join('\n');

/** The files mutations start from: the shipped examples, the demo's accounts, the e2e fixtures, a minimal IMAP account. */
export function loadFuzzSeeds(root: string): FuzzSeed[] {
  return [...SEED_FILES.map((path) => ({ name: basename(path), text: readFileSync(join(root, path), 'utf8') })), { name: 'minimal-imap', text: MINIMAL_IMAP }];
}

/** Environment variables the seeds reference, so that valid files run rather than stop at a missing variable. */
export const FUZZ_ENV: Readonly<Record<string, string>> = {
  TACTIUM_CLIENT_SECRET: 'Zq8~fuzz-client-secret-0123456789',
  DEMO_MAILBOX_PASSWORD: 'fuzz-mailbox-password-1',
  DEMO_WRONG_PASSWORD: 'fuzz-wrong-password-2',
  GOOGLE_REFRESH_TOKEN: '1//fuzz-refresh-token-3',
  GMAIL_APP_PASSWORD: 'abcdefghijklmnop',
  ACCESS_TOKEN: 'fuzz-access-token-4',
  MAILBOX_PASSWORD: 'fuzz-mailbox-password-5',
};

const KEYS = [
  'version',
  'accounts',
  'name',
  'provider',
  'mailbox',
  'auth',
  'method',
  'flow',
  'tenantId',
  'clientId',
  'objectId',
  'secretId',
  'clientSecret',
  'secretExpiresOn',
  'redirectUri',
  'password',
  'username',
  'refreshToken',
  'accessToken',
  'admin',
  'user',
  'incoming',
  'protocol',
  'host',
  'port',
  'security',
  'outgoing',
  'cloud',
  'endpoints',
  'login',
  'graph',
  'googleToken',
  'tls',
  'caFile',
];
const WORDS = [
  'office365',
  'gmail',
  'imap',
  'pop3',
  'oauth2',
  'password',
  'delegated',
  'application',
  'tls',
  'starttls',
  'none',
  'global',
  'usgov',
  'usgovdod',
  'china',
];

const typo = (word: string) =>
  fc.oneof(
    fc.constant(word.toUpperCase()),
    fc.constant(`${word}s`),
    fc.constant(word.slice(1)),
    fc.constant(`${word.slice(0, -1)}`),
    fc.nat({ max: Math.max(0, word.length - 2) }).map((at) => `${word.slice(0, at)}${word[at + 1] ?? ''}${word[at] ?? ''}${word.slice(at + 2)}`),
  );

/** Keys: the real ones, their typos, and strings no schema knows. */
const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 3, arbitrary: fc.constantFrom(...KEYS).chain(typo) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('? complex', '"quoted key"', "'single'", '<<', '~', 'null', '1', '-1', 'true', '🙂', 'chave-ção', '"a\\tb"') },
);

const quoted = (text: string) => JSON.stringify(text);

/** Scalar values written as YAML text: right and wrong types, edge numbers, unicode, references, huge. */
const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS).chain(typo) },
  { weight: 2, arbitrary: fc.integer({ min: -70000, max: 70000 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0',
      '25',
      '465',
      '587',
      '993',
      '995',
      '143',
      '110',
      '65536',
      '1e3',
      '0x24B',
      '0o1111',
      '+587',
      '587.0',
      '.nan',
      '.inf',
      '-.inf',
      '9'.repeat(400),
      'true',
      'false',
      'yes',
      'no',
      'on',
      'off',
      'null',
      '~',
      '',
      '""',
      "''",
      '[]',
      '{}',
      '[1, 2]',
      '{a: 1}',
      '- x',
      '!!binary aGVsbG8=',
      '!!str 587',
      '!custom tag',
      '!!timestamp 2027-05-31',
      '2027-05-31',
      '2027-02-30',
      '31/05/2027',
      '2020-01-01',
      '9999-12-31',
      '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f',
      '00000000-0000-0000-0000-000000000000',
      'contoso.onmicrosoft.com',
      'a@b.c',
      'user@',
      '@x.com',
      'atendimento@contoso.com.br',
      'https://crm.example.com/oauth/callback',
      'http://localhost:53682',
      'ftp://x',
      '127.0.0.1',
      '::1',
      '[::1]',
      '999.1.1.1',
      '${env:TACTIUM_CLIENT_SECRET}',
      '${env:FUZZ_UNSET_VARIABLE}',
      '${env:}',
      '${env:A B}',
      '${file:segredo.txt}',
      '${file:}',
      '${file:../nada}',
      '${foo:bar}',
      '${env:X',
      '"C:\\Users\\fulano\\ca.pem"',
      "'C:\\Users\\fulano\\ca.pem'",
      '"\\x00"',
      '"\\uD800"',
      '"\\u0000abc"',
      '|\n  bloco\n  literal',
      '>\n  dobrado',
      '&anchor valor',
      '*semancora',
      '# só um comentário',
      '"unterminated',
      "'unterminated",
      'a: b: c',
      'valor # comentário',
      '`crase`',
      '%percent',
      '@at',
      '{{ template }}',
      'senha com espaço',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(quoted) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(quoted) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('ç', 'ã', '日本語', '\u202Eabc', 'e\u0301', '\u200B', '\uFEFF', '\t', '\u00A0x', '🙂🙂', '\u2028', 'Ω≈ç√') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 70_000 }).map((size) => 'x'.repeat(size)) },
);

type Mutation = { readonly label: string; apply(text: string): string };

const lineOp = (label: string, op: (lines: string[], at: number) => void) =>
  fc.nat().map((position): Mutation => ({
    label: `${label}@${position}`,
    apply(text) {
      const lines = text.split('\n');
      op(lines, position % Math.max(1, lines.length));
      return lines.join('\n');
    },
  }));

const KEY_LINE = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)(\s*:)(.*)$/;

/** Index of the n-th line that looks like `key: value`, or -1. */
function keyLineAt(lines: readonly string[], n: number): number {
  const candidates = lines.map((line, index) => (KEY_LINE.test(line) ? index : -1)).filter((index) => index >= 0);
  return candidates.length === 0 ? -1 : candidates[n % candidates.length]!;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  lineOp('delete-line', (lines, at) => void lines.splice(at, 1)),
  lineOp('duplicate-line', (lines, at) => void lines.splice(at, 0, lines[at] ?? '')),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => ({
    label: `swap-lines@${a},${b}`,
    apply(text) {
      const lines = text.split('\n');
      const i = a % lines.length;
      const j = b % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    },
  })),
  fc.tuple(fc.nat(), fc.integer({ min: -6, max: 6 }), fc.boolean()).map(([n, delta, tab]): Mutation => ({
    label: `indent@${n}${delta >= 0 ? '+' : ''}${delta}${tab ? '-tab' : ''}`,
    apply(text) {
      const lines = text.split('\n');
      const at = n % lines.length;
      const line = lines[at]!;
      const body = line.trimStart();
      const width = Math.max(0, line.length - body.length + delta);
      lines[at] = `${tab ? '\t'.repeat(Math.ceil(width / 2)) : ' '.repeat(width)}${body}`;
      return lines.join('\n');
    },
  })),
  fc.tuple(fc.nat(), valueArb).map(([n, value]): Mutation => ({
    label: `value@${n}=${JSON.stringify(value.slice(0, 40))}`,
    apply(text) {
      const lines = text.split('\n');
      const at = keyLineAt(lines, n);
      if (at < 0) return text;
      lines[at] = lines[at]!.replace(KEY_LINE, (_all, indent: string, key: string, colon: string) => `${indent}${key}${colon} ${value}`);
      return lines.join('\n');
    },
  })),
  fc.tuple(fc.nat(), keyArb).map(([n, key]): Mutation => ({
    label: `key@${n}=${JSON.stringify(key)}`,
    apply(text) {
      const lines = text.split('\n');
      const at = keyLineAt(lines, n);
      if (at < 0) return text;
      lines[at] = lines[at]!.replace(KEY_LINE, (_all, indent: string, _key: string, colon: string, rest: string) => `${indent}${key}${colon}${rest}`);
      return lines.join('\n');
    },
  })),
  fc.tuple(fc.nat(), fc.nat({ max: 8 }), keyArb, valueArb).map(([n, indent, key, value]): Mutation => ({
    label: `insert@${n}:${' '.repeat(indent)}${key}: ${value.slice(0, 30)}`,
    apply(text) {
      const lines = text.split('\n');
      lines.splice(n % (lines.length + 1), 0, `${' '.repeat(indent)}${key}: ${value}`);
      return lines.join('\n');
    },
  })),
  fc.nat().map((n): Mutation => ({
    label: `duplicate-key@${n}`,
    apply(text) {
      const lines = text.split('\n');
      const at = keyLineAt(lines, n);
      if (at < 0) return text;
      lines.splice(at + 1, 0, lines[at]!.replace(/^(\s*)-\s+/, '$1  '));
      return lines.join('\n');
    },
  })),
  fc.nat().map((n): Mutation => ({ label: `truncate@${n}`, apply: (text) => text.slice(0, n % (text.length + 1)) })),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        '"',
        "'",
        ':',
        ': ',
        '#',
        '{',
        '}',
        '[',
        ']',
        '&',
        '*',
        '!',
        '|',
        '>',
        '%',
        '@',
        '`',
        '\t',
        '\0',
        '\r',
        '\\',
        '- ',
        '---\n',
        '...\n',
        '? ',
        '\u0085',
        '\uFFFE',
      ),
    )
    .map(([n, inserted]): Mutation => ({
      label: `char@${n}=${JSON.stringify(inserted)}`,
      apply: (text) => {
        const at = n % (text.length + 1);
        return text.slice(0, at) + inserted + text.slice(at);
      },
    })),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => ({
    label: `anchor-alias@${a},${b}`,
    apply(text) {
      const lines = text.split('\n');
      const from = keyLineAt(lines, a);
      const to = keyLineAt(lines, b);
      if (from < 0 || to < 0) return text;
      lines[from] = lines[from]!.replace(
        KEY_LINE,
        (_all, indent: string, key: string, colon: string, rest: string) => `${indent}${key}${colon} &fz${rest.trim() ? ` ${rest.trim()}` : ''}`,
      );
      lines[to] = lines[to]!.replace(KEY_LINE, (_all, indent: string, key: string, colon: string) => `${indent}${key}${colon} *fz`);
      return lines.join('\n');
    },
  })),
  fc.nat().map((n): Mutation => ({
    label: `merge-key@${n}`,
    apply(text) {
      const lines = text.split('\n');
      const at = keyLineAt(lines, n);
      if (at < 0) return text;
      const indent = /^\s*(?:-\s+)?/.exec(lines[at]!)![0].replace(/-/, ' ').length;
      lines.splice(at, 0, `${' '.repeat(indent)}<<: *fz`);
      return `base: &fz\n  port: 587\n  security: tls\n${lines.join('\n')}`;
    },
  })),
  fc.integer({ min: 2, max: 12 }).map((levels): Mutation => ({
    label: `alias-bomb@${levels}`,
    apply(text) {
      const bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let level = 1; level <= levels; level++)
        bomb.push(
          `a${level}: &a${level} [${Array(9)
            .fill(`*a${level - 1}`)
            .join(', ')}]`,
        );
      return `${text}\n${bomb.join('\n')}\n`;
    },
  })),
  fc
    .integer({ min: 10, max: 3000 })
    .map((depth): Mutation => ({ label: `deep-nesting@${depth}`, apply: (text) => `${text}\nfundo: ${'['.repeat(depth)}1${']'.repeat(depth)}\n` })),
  fc.integer({ min: 10, max: 400 }).map((depth): Mutation => ({
    label: `deep-block-nesting@${depth}`,
    apply: (text) => `${text}\n${Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} 1\n`,
  })),
  fc.integer({ min: 2, max: 300 }).map((count): Mutation => ({
    label: `many-accounts@${count}`,
    apply: (text) => {
      const match = /\n( {2}- name: [\s\S]*?)(?=\n {2}- name:|\n\S|$)/.exec(text);
      if (!match) return text;
      const block = match[1]!;
      // Bounded to about a megabyte, so that a huge value copied many times does not make a 100 MB file.
      const copies = Array.from({ length: Math.min(count, Math.max(2, Math.floor(1_000_000 / block.length))) }, (_, index) =>
        block.replace(/name: (\S+)/, `name: $1-${index}`),
      ).join('\n');
      return text.replace(block, copies);
    },
  })),
  fc.constantFrom<Mutation>(
    { label: 'second-document', apply: (text) => `${text}\n---\nversion: 1\n` },
    { label: 'yaml-1.1-directive', apply: (text) => `%YAML 1.1\n---\n${text}` },
    {
      label: 'flow-document',
      apply: (text) =>
        `{${text
          .split('\n')
          .filter((line) => /^\S/.test(line) && !line.startsWith('#'))
          .join(', ')}}`,
    },
    { label: 'top-level-list', apply: (text) => `- ${text.replace(/\n/g, '\n  ')}` },
    { label: 'comments-only', apply: (text) => text.replace(/^/gm, '# ') },
    { label: 'empty', apply: () => '' },
    { label: 'whitespace', apply: () => ' \n\t\n' },
    { label: 'tabs-for-indentation', apply: (text) => text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)) },
    { label: 'no-final-newline', apply: (text) => text.replace(/\n+$/, '') },
    { label: 'version-2', apply: (text) => text.replace(/^version: 1/m, 'version: 2') },
  ),
);

/** Encodings and line endings of the whole file. */
type Encoding = 'utf8' | 'crlf' | 'cr' | 'bom' | 'bom+crlf' | 'utf16le' | 'latin1' | 'nul-tail' | 'invalid-utf8';

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'crlf':
      return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
    case 'cr':
      return Buffer.from(text.replace(/\r?\n/g, '\r'), 'utf8');
    case 'bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8');
    case 'bom+crlf':
      return Buffer.from(`\uFEFF${text.replace(/\r?\n/g, '\r\n')}`, 'utf8');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'latin1':
      return Buffer.from(`${text}\n# Observação: configuração\n`, 'latin1');
    case 'nul-tail':
      return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.alloc(16)]);
    case 'invalid-utf8':
      return Buffer.concat([
        Buffer.from(text.slice(0, text.length >> 1), 'utf8'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
        Buffer.from(text.slice(text.length >> 1), 'utf8'),
      ]);
  }
}

const encodingArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Encoding>('utf8') },
  { weight: 4, arbitrary: fc.constantFrom<Encoding>('crlf', 'bom', 'bom+crlf') },
  { weight: 2, arbitrary: fc.constantFrom<Encoding>('cr', 'utf16le', 'latin1', 'nul-tail', 'invalid-utf8') },
);

const argsArb: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(['--format', 'json']) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ['--format', 'table'],
      ['--format', 'junit'],
      ['--format', 'markdown'],
      ['--format', 'json', '--lang', 'pt-BR'],
      ['--format', 'json', '--strict'],
      ['--format', 'table', '--lang', 'en', '--verbose'],
    ),
  },
);

/** A record shaped like an account, from the file's own vocabulary, dumped as YAML. */
const structuredArb: fc.Arbitrary<string> = fc
  .record(
    {
      version: fc.oneof(fc.constant(1), fc.constant('1'), fc.integer()),
      accounts: fc.array(
        fc.dictionary(
          fc.constantFrom(...KEYS),
          fc.oneof(
            fc.constantFrom(...WORDS),
            fc.integer(),
            fc.string(),
            fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...WORDS), fc.integer(), fc.string())),
          ),
          { maxKeys: 10 },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  )
  .map((value) => stringify(value));

export function fuzzCaseArbitrary(seeds: readonly FuzzSeed[]): fc.Arbitrary<FuzzCase> {
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([seed, mutations]) => ({
    recipe: [`seed:${seed.name}`, ...mutations.map((mutation) => mutation.label)],
    text: mutations.reduce((text, mutation) => mutation.apply(text), seed.text),
  }));
  const generated = fc.oneof(
    structuredArb.map((text) => ({ recipe: ['generated:structured'], text })),
    fc.anything({ maxDepth: 3 }).map((value) => ({ recipe: ['generated:anything'], text: stringify(value) ?? '' })),
  );
  // Unmutated seeds in every encoding: valid files must run whatever the line endings or BOM.
  const unmutated = fc.constantFrom(...seeds).map((seed) => ({ recipe: [`seed:${seed.name}`], text: seed.text }));
  return fc
    .tuple(fc.oneof({ weight: 8, arbitrary: mutated }, { weight: 2, arbitrary: generated }, { weight: 2, arbitrary: unmutated }), encodingArb, argsArb)
    .map(([{ recipe, text }, encoding, args]) => ({
      recipe: [...recipe, `encoding:${encoding}`, `args:${args.join(' ')}`],
      bytes: encode(text, encoding),
      args,
    }));
}

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

/** A JSON report with configuration errors, or a JUnit report with its failing `config` testcase. */
function reportsConfigError(stdout: string): boolean {
  const text = stdout.trim();
  if (text.startsWith('<?xml') || text.startsWith('<testsuites')) return /<testcase[^>]*name="config\b/.test(text) && /<failure/.test(text);
  try {
    const report = JSON.parse(text) as { configErrors?: unknown };
    return Array.isArray(report.configErrors) && report.configErrors.length > 0;
  } catch {
    return false;
  }
}

/** Null when the outcome keeps the promise; otherwise what went wrong. */
export function judge(outcome: Outcome, fileName: string, limitMs: number): string | null {
  const output = `${outcome.stdout}\n${outcome.stderr}`;
  if (outcome.code === 3) return `exit 3 (crash): ${outcome.stderr.slice(0, 600)}`;
  if (STACK_FRAME.test(output)) return `a stack trace was printed: ${output.slice(0, 600)}`;
  if (outcome.ms > limitMs) return `took ${Math.round(outcome.ms)} ms (limit ${limitMs})`;
  if (outcome.code === 2) {
    const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`${escaped}:\\d+:\\d+`).test(outcome.stderr)) return `exit 2 without a file:line:column: ${outcome.stderr.slice(0, 600)}`;
    // A machine format still reports the configuration error on stdout (JSON `configErrors`, a failing
    // JUnit `config` testcase), so that CI shows why nothing ran; anything else there is a defect.
    if (outcome.stdout.length > 0 && !reportsConfigError(outcome.stdout)) return `exit 2 with a report on stdout: ${outcome.stdout.slice(0, 200)}`;
    return null;
  }
  if (outcome.code === 0 || outcome.code === 1) {
    if (outcome.stdout.trim().length === 0) return `exit ${outcome.code} with nothing on stdout`;
    return null;
  }
  return `unexpected exit ${String(outcome.code)}: ${outcome.stderr.slice(0, 600)}`;
}

/** For JSON output of a run: the report parses and lists accounts. */
export function judgeJson(outcome: Outcome, args: readonly string[]): string | null {
  if ((outcome.code !== 0 && outcome.code !== 1) || args[args.indexOf('--format') + 1] !== 'json') return null;
  try {
    const report = JSON.parse(outcome.stdout) as { accounts?: unknown };
    return Array.isArray(report.accounts) ? null : 'the JSON report has no accounts';
  } catch (error) {
    return `the JSON report does not parse: ${error instanceof Error ? error.message : String(error)}`;
  }
}
