import { X509Certificate } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { msg } from '../i18n/index.js';
import type { Message } from '../core/message.js';
import { registerSecretValue } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';
import { REFERENCE_PATTERN } from './schema.js';
import { MAX_CA_FILE_BYTES, MAX_SECRET_FILE_BYTES, readTextFile } from './text-file.js';

/**
 * Secret references (no secret needs to be in the file): `${env:NAME}` reads an environment variable,
 * `${file:path}` a file relative to the YAML file's folder. Anything else in a secret key is a literal
 * secret, which the `config.secrets-inline` check warns about.
 */
export type Reference =
  { readonly kind: 'env'; readonly name: string; readonly text: string } | { readonly kind: 'file'; readonly path: string; readonly text: string };

/** What a secret key's value is: a reference, a reference written wrongly (with the form meant), or a literal. */
export type ReferenceParse =
  | { readonly type: 'reference'; readonly reference: Reference }
  /** `pastedValue`: the text inside `${env:…}` is no variable name — most likely the secret itself, pasted there. */
  | { readonly type: 'malformed'; readonly suggestion?: string; readonly pastedValue?: string; readonly pastedIn?: 'file' }
  | { readonly type: 'literal' };

/** Contains something that looks like one of our references, wherever it is written. */
export function mentionsReference(value: string): boolean {
  return /\$\{\s*(env|file)\s*:/i.test(value);
}

/** Names an environment variable can portably have; anything else inside `${env:…}` was not meant as one. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A variable name that mixes lower- and upper-case letters with digits (`Summer2024xQ`) is more likely a
 * password typed where the name goes than a name: it is registered with the scrubber and never echoed, in
 * a suggestion or in "the variable … is not set". Conventional names (`TACTIUM_PASSWORD`, `mail_pw`,
 * `MailPassword`) are shown as written.
 */
export function mayBeSecretName(name: string): boolean {
  return /\p{Ll}/u.test(name) && /\p{Lu}/u.test(name) && /\d/.test(name);
}

export function parseReference(value: string): ReferenceParse {
  const trimmed = value.trim();
  const match = REFERENCE_PATTERN.exec(trimmed);
  if (match) {
    const target = match[2]!.trim();
    if (target.length === 0) return { type: 'malformed' };
    // Never echo it back as a variable name: the loader registers it for scrubbing instead.
    if (match[1] === 'env' && !ENV_NAME.test(target)) return { type: 'malformed', pastedValue: target };
    return match[1] === 'env'
      ? { type: 'reference', reference: { kind: 'env', name: target, text: trimmed } }
      : { type: 'reference', reference: { kind: 'file', path: target, text: trimmed } };
  }
  // `${ENV:X}`, `${ env:X }`, `${vault:x}`, `${X}` (shell), `$env:X` (PowerShell): meant as a reference, so
  // never used as a literal secret.
  const braced = /^\$\{\s*(?:([A-Za-z]+)\s*:\s*)?([^}]*?)\s*\}$/.exec(trimmed);
  if (braced) {
    const kind = braced[1]?.toLowerCase();
    const target = braced[2]!;
    if (target.length === 0) return { type: 'malformed' };
    if ((kind === undefined || kind === 'env') && (!ENV_NAME.test(target.trim()) || mayBeSecretName(target.trim())))
      return { type: 'malformed', pastedValue: target };
    if (kind === undefined || kind === 'env') return { type: 'malformed', suggestion: `\${env:${target}}` };
    if (kind === 'file' && !looksLikeFilePath(target.trim())) return { type: 'malformed', pastedValue: target, pastedIn: 'file' };
    if (kind === 'file') return { type: 'malformed', suggestion: `\${file:${target}}` };
    return { type: 'malformed' };
  }
  const powershell = /^\$env:([A-Za-z_][A-Za-z0-9_]*)$/i.exec(trimmed);
  if (powershell) return { type: 'malformed', suggestion: `\${env:${powershell[1]}}` };
  return { type: 'literal' };
}

export interface SecretPromptRequest {
  /** The account's name. */
  readonly account: string;
  /** The secret key, e.g. `clientSecret`. */
  readonly key: string;
  /** The reference as written, e.g. `${env:TACTIUM_CLIENT_SECRET}`. */
  readonly reference: string;
}

export type PromptSecret = (request: SecretPromptRequest) => Promise<string | undefined>;

export interface ResolveSecretContext {
  /** Folder of the YAML file: `${file:}` paths are relative to it. */
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Asked when the reference cannot be resolved (an interactive terminal); undefined or '' keeps the problem. */
  readonly promptSecret?: PromptSecret;
  readonly account: string;
  readonly key: string;
}

export type Resolution<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: Message; readonly hints: readonly Message[] };

function failure(message: Message, hints: readonly Message[] = []): { ok: false; message: Message; hints: readonly Message[] } {
  return { ok: false, message, hints };
}

function lookupEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(env, name)) return env[name];
  // Windows environment names are case-insensitive; a plain object passed in options is not.
  if (process.platform === 'win32') {
    const found = Object.keys(env).find((key) => key.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return env[found];
  }
  return undefined;
}

/**
 * File contents as a secret: only the line endings an editor or PowerShell's `>` adds at the end are
 * dropped (CRLF, LF, CR, any number); spaces and leading text are the secret's own. The reader has already
 * removed any byte order mark.
 */
function secretFromFileText(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

/** Characters that file names people write are made of (letters of any script, digits, a few marks). */
const FILE_NAME_CHARACTERS = /^[\p{L}\p{N} ._\-~()[\]]+$/u;
/** `.txt`, `.json`, `.PEM`: one case, as extensions are written; `.Word1` is a password's tail. */
const EXTENSION = /\.(?:[a-z][a-z0-9]{0,4}|[A-Z][A-Z0-9]{0,4})$/;

/**
 * Whether a name part is random-looking text (a password, a client secret, a token) rather than a word-like
 * file name: long, and switching between upper case, lower case and digits inside its words at nearly
 * every other character, as random text does (`Xy98Q~Ab1cD`), while names switch at word boundaries
 * (`ServiceAccountKey2024`, `senha_do_e-mail(1)`).
 */
function looksRandom(part: string): boolean {
  const words = part.match(/[\p{L}\p{N}]+/gu) ?? [];
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  if (letters < 16) return false;
  const kind = (character: string) => (/\p{Lu}/u.test(character) ? 'U' : /\p{Ll}/u.test(character) ? 'l' : '9');
  let switches = 0;
  for (const word of words) for (let index = 1; index < word.length; index++) if (kind(word[index]!) !== kind(word[index - 1]!)) switches++;
  return switches / Math.max(letters - words.length, 1) > 0.4;
}

/**
 * Whether the text inside `${file:…}` can be shown in a message: it looks like a path (a folder separator
 * or a short extension), is made of file-name characters, and holds no random-looking part. Anything else
 * may be the secret itself, pasted where the path goes, and is never echoed.
 */
export function looksLikeFilePath(text: string): boolean {
  const drive = /^[A-Za-z]:(?=[\\/])/.exec(text)?.[0] ?? '';
  const parts = text.slice(drive.length).split(/[\\/]/);
  const hasSeparator = parts.length > 1;
  const hasExtension = EXTENSION.test(parts[parts.length - 1]!);
  if (!hasSeparator && !hasExtension) return false;
  return parts.every((part) => part.length === 0 || (FILE_NAME_CHARACTERS.test(part) && part.length <= 128 && !looksRandom(part.replace(EXTENSION, ''))));
}

/** How a `${file:…}` reference is shown: as written when it names a path, else without the text inside. */
export function shownReference(reference: Reference): string {
  return reference.kind === 'file' && !looksLikeFilePath(reference.path) ? '${file:…}' : reference.text;
}

export function resolveRelative(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

async function resolveReference(reference: Reference, context: ResolveSecretContext): Promise<Resolution<Secret>> {
  if (reference.kind === 'env') {
    const value = lookupEnv(context.env, reference.name);
    if (value !== undefined && value.length > 0) return { ok: true, value: new Secret(value, 'env', reference.text) };
    const params = { name: reference.name, reference: reference.text };
    return failure(msg(value === undefined ? 'configfile.ref.envMissing' : 'configfile.ref.envEmpty', params), [
      msg('configfile.hint.envPosix', params),
      msg('configfile.hint.envPowerShell', params),
      msg('configfile.hint.envCmd', params),
    ]);
  }
  const file = resolveRelative(context.baseDir, reference.path);
  const params = { file, reference: reference.text };
  const read = readTextFile(file, MAX_SECRET_FILE_BYTES);
  if (!read.ok) {
    // No file by that name, and the name is no path: most likely the secret itself, pasted where the path
    // goes. Never say it back, and scrub it from everything printed afterwards.
    if ((read.problem === 'missing' || read.problem === 'unreadable') && !looksLikeFilePath(reference.path)) {
      registerSecretValue(reference.path);
      return failure(msg('configfile.ref.fileNotAPath', { folder: context.baseDir }), [msg('configfile.hint.pastedFileValue')]);
    }
    switch (read.problem) {
      case 'missing':
        return failure(msg('configfile.ref.fileMissing', params));
      case 'unreadable':
        return failure(msg('configfile.ref.fileUnreadable', { ...params, reason: read.detail }));
      case 'too-large':
        return failure(msg('configfile.ref.fileTooLarge', { ...params, size: read.size, max: read.max }), [msg('configfile.hint.secretFileShape')]);
      default:
        return failure(
          msg(
            read.problem === 'folder' ? 'configfile.ref.fileIsFolder' : read.problem === 'pipe' ? 'configfile.ref.fileIsPipe' : 'configfile.ref.fileIsSpecial',
            params,
          ),
          [msg('configfile.hint.secretFileShape')],
        );
    }
  }
  const value = secretFromFileText(read.text);
  if (value.length === 0) return failure(msg('configfile.ref.fileEmpty', params));
  return { ok: true, value: new Secret(value, 'file', reference.text) };
}

/**
 * Turns a secret key's value into a Secret: a reference is resolved (asking `promptSecret` when it cannot
 * be), a literal is kept as an inline secret. Malformed references are the caller's to report.
 */
export async function resolveSecret(value: string, context: ResolveSecretContext): Promise<Resolution<Secret>> {
  const parsed = parseReference(value);
  if (parsed.type === 'literal') return { ok: true, value: new Secret(value, 'inline') };
  if (parsed.type === 'malformed') throw new Error('resolveSecret: malformed references are reported by the loader');
  const resolved = await resolveReference(parsed.reference, context);
  if (resolved.ok || !context.promptSecret) return resolved;
  const reference = shownReference(parsed.reference);
  const answer = await context.promptSecret({ account: context.account, key: context.key, reference });
  if (answer === undefined || answer.length === 0) return resolved;
  return { ok: true, value: new Secret(answer, 'prompt', reference) };
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Reads `tls.caFile`: one or more PEM certificates (a TLS-inspecting proxy's root, a private CA), each
 * returned as its own PEM string for Node's `ca` option. Every block must parse as X.509.
 */
export async function readCaFile(file: string): Promise<Resolution<string[]>> {
  const read = readTextFile(file, MAX_CA_FILE_BYTES);
  if (!read.ok) {
    if (read.problem === 'missing') return failure(msg('configfile.caFile.missing', { file }));
    if (read.problem === 'unreadable') return failure(msg('configfile.caFile.unreadable', { file, reason: read.detail }));
    if (read.problem === 'too-large')
      return failure(msg('configfile.caFile.tooLarge', { file, size: read.size, max: read.max }), [msg('configfile.hint.caExportBase64')]);
    return failure(msg('configfile.caFile.notAFile', { file }), [msg('configfile.hint.caExportBase64')]);
  }
  const text = read.text;
  const blocks = (text.match(CERTIFICATE_BLOCK) ?? []).map((block) => block.replace(/\r\n/g, '\n'));
  if (blocks.length === 0) return failure(msg('configfile.caFile.notPem', { file }), [msg('configfile.hint.caExportBase64')]);
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return failure(msg('configfile.caFile.badCertificate', { file, index: index + 1, reason: error instanceof Error ? error.message : String(error) }));
    }
  }
  return { ok: true, value: blocks.map((block) => `${block}\n`) };
}
