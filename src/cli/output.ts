import { join } from 'node:path';
import { UsageError } from '../errors/index.js';
import { msg } from '../i18n/index.js';
import type { Message } from '../core/message.js';
import { registerSecretValue, scrub } from '../secrets/redact.js';
import { asciiPunctuation } from '../report/symbols.js';
import { rememberUnscrubbedWrite } from '../secrets/reveal.js';
import { FileWriteError, writeFileSafely } from './write-file.js';

let installed = false;
/** The console cannot show typographic punctuation (see `supportsUnicode`): text to a terminal is made ASCII. */
let asciiConsole = false;

export function setAsciiConsole(ascii: boolean): void {
  asciiConsole = ascii;
}

/** What reaches a terminal on a console without Unicode; pipes and files keep the UTF-8 text. */
function forConsole(stream: NodeJS.WriteStream, text: string): string {
  return asciiConsole && stream.isTTY ? asciiPunctuation(text) : text;
}

/**
 * The last redaction layer: everything written to stdout and stderr — ours, commander's, a library's
 * warning — passes through `scrub()`, which knows every secret value the run resolved.
 */
export function installScrubbingStreams(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    rememberUnscrubbedWrite(stream, (chunk: string) => write(chunk));
    // The reader went away (`tactium-preflight checks | head`, a closed CI log): what is left has nobody to
    // read it. Without a listener Node throws the EPIPE as an uncaught exception with a stack trace; here
    // the rest is dropped and the run ends with its own exit code.
    let closed = false;
    stream.on('error', () => {
      closed = true;
    });
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (closed) {
        const callback = rest.find((item): item is () => void => typeof item === 'function');
        if (callback) queueMicrotask(callback);
        return true;
      }
      if (typeof chunk === 'string') return write(forConsole(stream, scrub(chunk)), ...rest);
      if (chunk instanceof Uint8Array) return write(forConsole(stream, scrub(Buffer.from(chunk).toString('utf8'))), ...rest);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/**
 * Writes the pieces of a report one after another, ending with a newline, waiting whenever the stream's
 * buffer is full: a reader slower than the run (a pipe to `less`, a CI log) must not make the process
 * hold the whole report a second time in the stream's queue.
 */
export async function writeParts(stream: NodeJS.WritableStream, parts: Iterable<string>): Promise<void> {
  let last = '';
  for (const part of parts) {
    if (part.length === 0) continue;
    last = part;
    if (!stream.write(part)) await new Promise<void>((resolve) => drained(stream, resolve));
  }
  if (!last.endsWith('\n')) stream.write('\n');
}

/** Resolves on 'drain', or when the stream ends or fails (then nobody reads the rest: see installScrubbingStreams). */
function drained(stream: NodeJS.WritableStream, resolve: () => void): void {
  if ((stream as { destroyed?: boolean }).destroyed === true) return resolve();
  const done = (): void => {
    stream.off('drain', done);
    stream.off('error', done);
    stream.off('close', done);
    resolve();
  };
  stream.on('drain', done);
  stream.on('error', done);
  stream.on('close', done);
}

/**
 * A proxy URL may carry a password (`http://user:password@proxy:3128`), and a library's error message may
 * quote the URL: the password is registered with the scrubber like the file's secrets (the report's
 * "verified from" shows the proxy without it).
 */
export function registerProxyPasswords(env: NodeJS.ProcessEnv): void {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) {
    const value = env[name];
    if (!value) continue;
    try {
      const { password } = new URL(value);
      if (!password) continue;
      registerSecretValue(password);
      registerSecretValue(decodeURIComponent(password));
    } catch {
      // Not a URL: nothing to take apart (and undici refuses it, which the identity checks report).
    }
  }
}

/**
 * Writes a report file whole or not at all, scrubbed (see `writeFileSafely`: a pipe or a terminal in place,
 * a file through an exclusive temporary file and a rename). A new report is owner-only (0600): it names the
 * customer's mailboxes, servers and tenant; a report being replaced keeps the permissions it had. A path
 * that cannot be written (no permission, a folder, a missing drive, a pipe nobody reads) is the
 * invocation's problem, not a bug: UsageError, exit 2, one line naming the file.
 */
export async function writeReportFile(path: string, content: string | Iterable<string>): Promise<string> {
  // Pieces are scrubbed one by one, like the writes to stdout: each ends at a line's end (see scrub).
  const scrubbed = typeof content === 'string' ? scrub(content) : mapPieces(content, scrub);
  try {
    return (await writeFileSafely(path, scrubbed, { mode: 0o600, createFolders: true })).path;
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    throw new UsageError(unwritable(error));
  }
}

function* mapPieces(pieces: Iterable<string>, map: (piece: string) => string): Generator<string> {
  for (const piece of pieces) yield map(piece);
}

function unwritable(error: FileWriteError): Message {
  const file = error.file;
  switch (error.code) {
    case 'EISDIR':
      return msg('cli.output.isFolder', { file, example: join(file, 'report.json') });
    case 'ENOTFILE':
      return msg('cli.output.notAFile', { file });
    case 'ENXIO':
      return msg('cli.output.noReader', { file });
    case 'EPIPE':
      return msg('cli.output.readerGone', { file });
    default:
      return msg('cli.output.unwritable', { file, reason: error.code });
  }
}
