import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  lstatSync,
  openSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWriteError, writeFileSafely } from './write-file.js';

const posix = process.platform !== 'win32';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-write-file-'));
});
afterEach(() => {
  if (posix) chmodSync(directory, 0o700);
  rmSync(directory, { recursive: true, force: true });
});

const leftovers = (folder = directory) => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

async function failure(promise: Promise<unknown>): Promise<FileWriteError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FileWriteError);
  return error as FileWriteError;
}

/** `mkfifo` (POSIX), and a reader that collects what arrives through it until the writer closes it. */
function fifoWithReader(path: string): Promise<string> {
  execFileSync('mkfifo', [path]);
  return new Promise((resolve, reject) => {
    const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    reader.on('error', reject);
    reader.on('close', () => resolve(received));
  });
}

describe('writeFileSafely into a regular file', () => {
  it('writes a new file whole with the mode asked for, and leaves no temporary file', async () => {
    const file = join(directory, 'report.json');
    const written = await writeFileSafely(file, '{"ok":true}\n', { mode: 0o600 });
    expect(written).toEqual({ path: file, inPlace: false });
    expect(readFileSync(file, 'utf8')).toBe('{"ok":true}\n');
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  it('writes content given in pieces, reading each piece only while writing', async () => {
    const file = join(directory, 'fleet.json');
    const read: number[] = [];
    function* pieces(): Generator<string> {
      for (let index = 0; index < 3; index++) {
        read.push(index);
        yield `{"account":${index},"nome":"conceição"}\n`;
      }
    }
    const generator = pieces();
    expect(read).toEqual([]);
    await writeFileSafely(file, generator, { mode: 0o600 });
    expect(read).toEqual([0, 1, 2]);
    expect(readFileSync(file, 'utf8')).toBe([0, 1, 2].map((index) => `{"account":${index},"nome":"conceição"}\n`).join(''));
    expect(leftovers()).toEqual([]);
  });

  it('lets a piece that fails to render surface as itself, keeping the old file and no temporary file', async () => {
    const file = join(directory, 'report.json');
    await writeFileSafely(file, 'old\n', { mode: 0o600 });
    // Even one carrying a `code`, as Node's own errors do (a string too long to build).
    const bug = Object.assign(new RangeError('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    function* broken(): Generator<string> {
      yield 'new\n';
      throw bug;
    }
    await expect(writeFileSafely(file, broken(), { mode: 0o600 })).rejects.toBe(bug);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(leftovers()).toEqual([]);
  });

  it('keeps the permissions of a file it replaces, and takes group and others away when asked', async () => {
    const file = join(directory, 'tactium-preflight.yaml');
    await writeFileSafely(file, 'version: 1\n', { mode: 0o644 });
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o644);
    if (posix) chmodSync(file, 0o640);
    await writeFileSafely(file, 'new', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('new');
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o640);
    await writeFileSafely(file, 'newer', { mode: 0o644, ownerOnly: true });
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  it('never writes through a link planted at the temporary name: the link and its target stay untouched', async () => {
    const victim = join(directory, 'victim.txt');
    writeFileSync(victim, 'precious');
    const file = join(directory, 'report.md');
    const planted = join(directory, '.report.md.planted.tmp');
    symlinkSync(victim, planted);
    const error = await failure(writeFileSafely(file, 'hostile redirect', { mode: 0o600, temporaryName: () => planted }));
    expect(error.code).toBe('EEXIST');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
    expect(readlinkSync(planted)).toBe(victim);
    expect(() => statSync(file)).toThrow();
  });

  it('never writes through a dangling link planted at the temporary name (it would create the link target)', async () => {
    const elsewhere = join(directory, 'elsewhere.txt');
    const planted = join(directory, '.r.md.planted.tmp');
    symlinkSync(elsewhere, planted);
    await failure(writeFileSafely(join(directory, 'r.md'), 'x', { mode: 0o600, temporaryName: () => planted }));
    expect(() => lstatSync(elsewhere)).toThrow();
  });

  it('picks an unpredictable temporary name: links planted at the predictable ones are ignored', async () => {
    const victim = join(directory, 'victim.txt');
    writeFileSync(victim, 'precious');
    const file = join(directory, 'report.md');
    for (const name of [`report.md.${process.pid}.tmp`, `.report.md.${process.pid}.tmp`, 'report.md.tmp', '.report.md.tmp'])
      symlinkSync(victim, join(directory, name));
    await writeFileSafely(file, 'the report', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('the report');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    // Only the four planted links remain: the real temporary file was renamed away.
    expect(leftovers().sort()).toEqual([`.report.md.${process.pid}.tmp`, '.report.md.tmp', `report.md.${process.pid}.tmp`, 'report.md.tmp'].sort());
  });

  it('refuses a folder as the target, and a missing folder unless asked to create it', async () => {
    expect((await failure(writeFileSafely(directory, 'x', { mode: 0o600 }))).code).toBe('EISDIR');
    const nested = join(directory, 'a', 'b', 'report.json');
    expect((await failure(writeFileSafely(nested, 'x', { mode: 0o600 }))).code).toBe('ENOENT');
    await writeFileSafely(nested, 'x', { mode: 0o600, createFolders: true });
    expect(readFileSync(nested, 'utf8')).toBe('x');
    const underFile = join(directory, 'a', 'b', 'report.json', 'inner.json');
    expect((await failure(writeFileSafely(underFile, 'x', { mode: 0o600, createFolders: true }))).code).toBe('ENOTDIR');
  });

  (posix ? it : it.skip)('refuses a socket rather than replacing it', async () => {
    const path = join(directory, 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect((await failure(writeFileSafely(path, 'x', { mode: 0o600 }))).code).toBe('ENOTFILE');
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  (posix && !isRoot ? it : it.skip)('fails cleanly in a read-only folder, leaving the old file and no temporary file', async () => {
    const folder = join(directory, 'read-only');
    mkdirSync(folder);
    writeFileSync(join(folder, 'report.json'), 'old');
    chmodSync(folder, 0o500);
    try {
      expect((await failure(writeFileSafely(join(folder, 'report.json'), 'new', { mode: 0o600 }))).code).toBe('EACCES');
      expect(readFileSync(join(folder, 'report.json'), 'utf8')).toBe('old');
      expect(leftovers(folder)).toEqual([]);
    } finally {
      chmodSync(folder, 0o700);
    }
  });
});

(posix ? describe : describe.skip)('writeFileSafely into a FIFO', () => {
  it('writes through the FIFO in place: the reader gets every byte and the FIFO is still a FIFO', async () => {
    const fifo = join(directory, 'report.pipe');
    const received = fifoWithReader(fifo);
    // Larger than a pipe's buffer (64 KiB on Linux): the writer must wait for the reader, not fail.
    const content = `${'línea '.repeat(40_000)}\n`;
    const written = await writeFileSafely(fifo, content, { mode: 0o600 });
    expect(written).toEqual({ path: fifo, inPlace: true });
    expect(await received).toBe(content);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('writes pieces through the FIFO in place, more than a pipe holds', async () => {
    const fifo = join(directory, 'fleet.pipe');
    const received = fifoWithReader(fifo);
    const pieces = Array.from({ length: 20 }, (_, index) => `${String(index).repeat(10_000)}\n`);
    expect(await writeFileSafely(fifo, pieces.values(), { mode: 0o600 })).toEqual({ path: fifo, inPlace: true });
    expect(await received).toBe(pieces.join(''));
  });

  it('gives up with ENXIO, without blocking, when no program opens the FIFO for reading', async () => {
    const fifo = join(directory, 'nobody.pipe');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect((await failure(writeFileSafely(fifo, 'x', { mode: 0o600, readerWaitMs: 200 }))).code).toBe('ENXIO');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a link to a FIFO without replacing the link', async () => {
    const fifo = join(directory, 'real.pipe');
    const received = fifoWithReader(fifo);
    const link = join(directory, 'report.md');
    symlinkSync(fifo, link);
    await writeFileSafely(link, 'via the link', { mode: 0o600 });
    expect(await received).toBe('via the link');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});

(process.platform === 'linux' ? describe : describe.skip)("writeFileSafely into one of the process's own descriptors", () => {
  it('writes /dev/fd/N and /proc/self/fd/N to the open descriptor as it is (a `>>` file keeps what it held), never replacing the path', async () => {
    const log = join(directory, 'log.md');
    writeFileSync(log, 'before\n');
    const inode = statSync(log).ino;
    const descriptor = openSync(log, 'a');
    try {
      expect(await writeFileSafely(`/dev/fd/${descriptor}`, 'one\n', { mode: 0o600 })).toEqual({ path: `/dev/fd/${descriptor}`, inPlace: true });
      await writeFileSafely(`/proc/self/fd/${descriptor}`, 'two\n', { mode: 0o600 });
      await writeFileSafely(`/proc/${process.pid}/fd/${descriptor}`, 'three\n', { mode: 0o600 });
    } finally {
      closeSync(descriptor);
    }
    expect(readFileSync(log, 'utf8')).toBe('before\none\ntwo\nthree\n');
    expect(statSync(log).ino).toBe(inode);
    expect(leftovers()).toEqual([]);
  });

  it('fails with EBADF on a descriptor the process does not hold', async () => {
    expect((await failure(writeFileSafely('/dev/fd/987', 'x', { mode: 0o600 }))).code).toBe('EBADF');
  });
});
