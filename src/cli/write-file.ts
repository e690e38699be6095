import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every file the tool writes (reports, the `init` configuration) goes through `writeFileSafely`:
 *
 * - A pipe (FIFO), a character device (`/dev/null`, a terminal) or one of the process's own descriptors
 *   (`/dev/stdout`, bash's `>(…)` which is `/dev/fd/N`) is written in place, never replaced: renaming a
 *   regular file over `/dev/null` (as root) or over a FIFO would break the system or the reader waiting on it.
 * - Anything else is written to a temporary file created beside the target with O_CREAT|O_EXCL (which
 *   fails on any existing name, a symbolic link included, so a link planted there cannot redirect the
 *   write), under a random name (nobody can plant it in advance), mode 0600 from its first byte, flushed,
 *   then renamed over the target: readers see the old file or the new one, never half of one.
 */

/** Why a file could not be written: an errno code (`EACCES`, `EISDIR`, …) or one of ours (`ENOTFILE`). */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${file} (${code})`, options);
    this.name = 'FileWriteError';
  }
}

export interface WriteFileOptions {
  /** Permission bits of a new file. A file being replaced keeps its own (the user chose them). */
  readonly mode: number;
  /** Take group and others away, even from the permissions of a file being replaced (a secret inside). */
  readonly ownerOnly?: boolean;
  /** Create the target's missing folders first. */
  readonly createFolders?: boolean;
  /** How long to wait for a program to open a FIFO for reading before giving up (default 10 s). */
  readonly readerWaitMs?: number;
  /** The temporary file's name beside the target. Random in the product; fixed only by tests. */
  readonly temporaryName?: (target: string) => string;
}

export interface WrittenFile {
  /** The absolute path written. */
  readonly path: string;
  /** True when a pipe or device was written in place rather than a file replaced. */
  readonly inPlace: boolean;
}

/**
 * Writes `content` to `file` as described above; throws `FileWriteError` and leaves nothing behind on failure.
 * Content given in pieces (a fleet's report, tens of megabytes) is encoded and written a piece at a time,
 * never whole in memory; the pieces are read once, only when the file is known to be writable.
 */
export async function writeFileSafely(file: string, content: string | Iterable<string>, options: WriteFileOptions): Promise<WrittenFile> {
  const target = resolve(file);
  const data = typeof content === 'string' ? [content] : content;
  const own = ownDescriptor(target);
  if (own !== undefined) {
    await writeToDescriptor(target, own, data);
    return { path: target, inPlace: true };
  }
  let existing = statOrFail(target);
  if (existing?.isDirectory()) throw new FileWriteError(target, 'EISDIR');
  if (existing && (existing.isFIFO() || existing.isCharacterDevice())) {
    if (await writeInPlace(target, data, options.readerWaitMs ?? 10_000)) return { path: target, inPlace: true };
    // What is at the path changed between the look and the open (it is no longer a pipe or a device):
    // nothing was written to it. A regular file now is replaced like any; anything else is refused.
    existing = statOrFail(target);
  }
  if (existing && !existing.isFile()) throw new FileWriteError(target, existing.isDirectory() ? 'EISDIR' : 'ENOTFILE'); // a socket, a block device
  replaceByRename(target, data, existing, options);
  return { path: target, inPlace: false };
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'EIO';
}

function statOrFail(target: string): Stats | undefined {
  try {
    return statSync(target, { throwIfNoEntry: false });
  } catch (error) {
    // ENOTDIR (a file where a folder should be), EACCES (a folder we may not enter), ELOOP…
    throw new FileWriteError(target, codeOf(error), { cause: error });
  }
}

/**
 * The names under which a process reaches its own open descriptors — `/dev/stdout`, `/dev/stderr`,
 * `/dev/fd/N` (what bash's `>(…)` passes), `/proc/self/fd/N` — mean that descriptor, whatever it is: a
 * pipe, a socket (Node's child processes get socket pairs, which cannot be reopened by name), or the file
 * a `> out.md` / `>> log.md` redirection opened. It is written as it is, never replaced: replacing the
 * path would leave the redirection pointing at nothing (and, as root, replace the link in /dev).
 */
function ownDescriptor(target: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  if (target === '/dev/stdout') return 1;
  if (target === '/dev/stderr') return 2;
  const match = /^\/dev\/fd\/(\d+)$/.exec(target) ?? /^\/proc\/(?:self|thread-self|(\d+))\/fd\/(\d+)$/.exec(target);
  if (!match) return undefined;
  if (match.length === 3 && match[1] !== undefined && Number(match[1]) !== process.pid) return undefined; // another process's
  return Number(match.at(-1));
}

/** Writes everything to a descriptor the process already holds; it stays open (it is not ours to close). */
async function writeToDescriptor(target: string, descriptor: number, data: Iterable<string>): Promise<void> {
  try {
    fstatSync(descriptor); // EBADF: the name points at no open descriptor
  } catch (error) {
    throw new FileWriteError(target, codeOf(error), { cause: error });
  }
  await writeAll(target, descriptor, data);
}

/** `writeSync` until done; EAGAIN (a non-blocking pipe is full) waits for the reader without blocking the event loop. */
async function writeAll(target: string, descriptor: number, data: Iterable<string>): Promise<void> {
  for (const bytes of encoded(data)) {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
      } catch (error) {
        if (codeOf(error) !== 'EAGAIN') throw new FileWriteError(target, codeOf(error), { cause: error });
        await sleep(10); // the pipe is full: the reader has not caught up yet
      }
    }
  }
}

/** The pieces as UTF-8, one at a time. */
function* encoded(pieces: Iterable<string>): Generator<Buffer> {
  for (const piece of pieces) if (piece.length > 0) yield Buffer.from(piece, 'utf8');
}

/** An error thrown while producing a piece, kept apart from the file system's own (whatever its `code`). */
class RenderFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('a piece of the content could not be produced');
  }
}

/** `encoded`, with the producer's errors marked as such. */
function* rendered(pieces: Iterable<string>): Generator<Buffer> {
  const iterator = encoded(pieces);
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = iterator.next();
    } catch (error) {
      throw new RenderFailure(error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Opens without creating or truncating; O_NONBLOCK so that opening a FIFO nobody reads fails with ENXIO
 * at once instead of blocking the whole process (we then retry until `readerWaitMs`), and so that a full
 * pipe answers EAGAIN (we wait for the reader) rather than freezing the event loop, which would keep
 * Ctrl-C from being handled. Returns false when the opened file turns out not to be a pipe or a device:
 * nothing was written to it (no O_CREAT, no O_TRUNC).
 */
async function writeInPlace(target: string, data: Iterable<string>, readerWaitMs: number): Promise<boolean> {
  const flags = constants.O_WRONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
  const deadline = Date.now() + readerWaitMs;
  let descriptor: number | undefined;
  while (descriptor === undefined) {
    try {
      descriptor = openSync(target, flags);
    } catch (error) {
      if (codeOf(error) !== 'ENXIO' || Date.now() >= deadline) throw new FileWriteError(target, codeOf(error), { cause: error });
      await sleep(50);
    }
  }
  try {
    const opened = fstatSync(descriptor);
    if (!(opened.isFIFO() || opened.isCharacterDevice())) return false;
    await writeAll(target, descriptor, data);
    return true;
  } finally {
    closeSync(descriptor);
  }
}

/** Creates `directory` and its missing parents one level at a time (see `ensureDirectory` below). */
function createFolders(target: string): void {
  try {
    ensureDirectory(dirname(target));
  } catch (error) {
    throw new FileWriteError(target, codeOf(error), { cause: error });
  }
}

/**
 * Node 20's `mkdirSync(…, { recursive: true })` spins forever on some paths whose parent exists but refuses
 * children with ENOENT (`/proc/x`, seen with `--output /proc/x/r.json`); here each level is tried at most
 * twice, so every failure surfaces.
 */
function ensureDirectory(directory: string): void {
  try {
    mkdirSync(directory);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return;
    const parent = dirname(directory);
    if (code !== 'ENOENT' || parent === directory) throw error;
    ensureDirectory(parent);
    try {
      mkdirSync(directory);
    } catch (again) {
      if (codeOf(again) !== 'EEXIST') throw again;
    }
  }
}

/** `.report.json.3f9a…c1.tmp`: hidden, and 96 random bits nobody can guess to plant a link in advance. */
function randomTemporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(12).toString('hex')}.tmp`);
}

function replaceByRename(target: string, data: Iterable<string>, existing: Stats | undefined, options: WriteFileOptions): void {
  if (options.createFolders && !existing) createFolders(target);
  let mode = existing ? existing.mode & 0o777 : options.mode;
  if (options.ownerOnly) mode &= 0o700;
  const temporary = (options.temporaryName ?? randomTemporaryName)(target);
  let descriptor: number | undefined;
  try {
    // O_EXCL: fails if anything exists at that name — a file, or a symbolic link even to a missing file —
    // so the bytes can only land in a file this call created. O_NOFOLLOW says the same for the last part.
    descriptor = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    throw new FileWriteError(target, codeOf(error), { cause: error });
  }
  try {
    if (process.platform !== 'win32') fchmodSync(descriptor, mode);
    for (const bytes of rendered(data)) {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
    }
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    // Only the file this call created is removed (the open above succeeded, so it is ours).
    rmSync(temporary, { force: true });
    // A piece that failed to render is a bug to report as such, not a file that could not be written.
    if (error instanceof RenderFailure) throw error.cause;
    throw new FileWriteError(target, codeOf(error), { cause: error });
  }
}
