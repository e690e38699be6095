import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText, readTextFile } from './text-file.js';

const TEXT = 'senha: São Paulo ✓ 𝄞\r\nlinha 2\r\n';

/** The bytes each Windows tool writes for TEXT. */
const WRITTEN: ReadonlyArray<readonly [string, Buffer]> = [
  ['utf8', Buffer.from(TEXT, 'utf8')],
  ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
  ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
];

describe('decodeText', () => {
  it('decodes by the byte order mark (UTF-8, UTF-16 LE, UTF-16 BE), else UTF-8, and drops the mark', () => {
    for (const [encoding, bytes] of WRITTEN) {
      expect(decodeText(bytes)).toEqual({ text: TEXT, encoding, invalid: false });
    }
  });

  it("leaves the caller's buffer as read when swapping UTF-16 BE", () => {
    const bytes = Buffer.from(WRITTEN[3]![1]);
    decodeText(bytes);
    expect(bytes.equals(WRITTEN[3]![1])).toBe(true);
  });

  it('flags bytes that are not valid in the encoding found', () => {
    expect(decodeText(Buffer.from([0x63, 0x61, 0xe7, 0xe3, 0x6f])).invalid).toBe(true);
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])).invalid).toBe(true);
    expect(decodeText(Buffer.from('a \uFFFD written on purpose', 'utf8')).invalid).toBe(false);
    expect(decodeText(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf8', invalid: false });
  });
});

describe('readTextFile', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'preflight-text-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads each encoding to the same text', async () => {
    for (const [encoding, bytes] of WRITTEN) {
      const file = join(folder, `${encoding}.txt`);
      await writeFile(file, bytes);
      expect(readTextFile(file, 1024)).toEqual({ ok: true, text: TEXT, encoding, invalid: false });
    }
  });

  it('reads a file of exactly the limit and refuses one byte more, with its size', async () => {
    const file = join(folder, 'limit.txt');
    await writeFile(file, 'x'.repeat(100));
    expect(readTextFile(file, 100)).toMatchObject({ ok: true, text: 'x'.repeat(100) });
    expect(readTextFile(file, 99)).toEqual({ ok: false, problem: 'too-large', size: 100, max: 99 });
  });

  // procfs files stat as 0 bytes and read as more: the stat alone lets them through, the read limit does not.
  (process.platform === 'linux' ? it : it.skip)('stops reading at the limit when the file is larger than its stat said', () => {
    expect(readTextFile('/proc/self/status', 100)).toMatchObject({ ok: false, problem: 'too-large', max: 100 });
    expect(readTextFile('/proc/self/status', 1024 * 1024)).toMatchObject({ ok: true });
  });

  it('refuses a pipe without opening it, a folder and a device; says missing and unreadable', async () => {
    const pipe = join(folder, 'pipe');
    execFileSync('mkfifo', [pipe]);
    expect(readTextFile(pipe, 10)).toEqual({ ok: false, problem: 'pipe' });
    expect(readTextFile(folder, 10)).toEqual({ ok: false, problem: 'folder' });
    expect(readTextFile('/dev/zero', 10)).toEqual({ ok: false, problem: 'special' });
    expect(readTextFile(join(folder, 'absent'), 10)).toEqual({ ok: false, problem: 'missing', detail: 'ENOENT' });
    expect(readTextFile(join(folder, 'utf8.txt', 'below'), 10)).toEqual({ ok: false, problem: 'unreadable', detail: 'ENOTDIR' });
  });
});
