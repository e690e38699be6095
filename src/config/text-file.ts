import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * The one reader for every text file a user hands the tool: the YAML configuration, `${file:}` secrets,
 * `tls.caFile`, `report --from`. Windows writes text several ways — PowerShell 5.1's `>` and `Out-File` and
 * Notepad's "Unicode" give UTF-16 LE with a byte order mark (and CRLF), Notepad's "UTF-8 with BOM" and
 * `Out-File -Encoding utf8` a UTF-8 BOM — and each must read as the same characters, or a secret file is
 * sent as a wrong password. A file is decoded by its BOM (Unicode Standard §23.8, "Byte Order Mark"),
 * otherwise as UTF-8; the BOM itself is never part of the text.
 */
export type TextEncodingFound = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingFound;
  /** The bytes were not valid in the encoding found (e.g. a Windows-1252 "ANSI" file read as UTF-8). */
  readonly invalid: boolean;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): { text: string; invalid: boolean } {
  try {
    return { text: STRICT_UTF8.decode(bytes), invalid: false };
  } catch {
    return { text: bytes.toString('utf8'), invalid: true };
  }
}

export function decodeText(bytes: Buffer): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ...decodeUtf8(bytes.subarray(3)), encoding: 'utf8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const body = bytes.subarray(2);
    return { text: body.toString('utf16le'), encoding: 'utf16le', invalid: body.length % 2 !== 0 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node decodes UTF-16 only little-endian: swap each pair (a copy; the caller's buffer stays as read).
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    body.swap16();
    return { text: body.toString('utf16le'), encoding: 'utf16be', invalid: (bytes.length - 2) % 2 !== 0 };
  }
  return { ...decodeUtf8(bytes), encoding: 'utf8' };
}

export type TextFileRead =
  | ({ readonly ok: true } & DecodedText)
  | { readonly ok: false; readonly problem: 'missing' | 'unreadable'; readonly detail: string }
  | { readonly ok: false; readonly problem: 'folder' | 'pipe' | 'special' }
  | { readonly ok: false; readonly problem: 'too-large'; readonly size: number; readonly max: number };

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads and decodes `file` only when it is a regular file of at most `maxBytes`: a FIFO with no writer (or
 * a device) would block the read forever, and `/dev/zero`, a log file or a 50 MB YAML would fill memory —
 * the tool must answer, not hang. The stat never blocks, so a pipe is refused before any open; the read
 * itself stops at `maxBytes + 1` bytes, so a file that grows after the stat is refused too.
 */
export function readTextFile(file: string, maxBytes: number): TextFileRead {
  let descriptor: number | undefined;
  try {
    const info = statSync(file);
    if (!info.isFile()) return { ok: false, problem: info.isDirectory() ? 'folder' : info.isFIFO() ? 'pipe' : 'special' };
    if (info.size > maxBytes) return { ok: false, problem: 'too-large', size: info.size, max: maxBytes };
    descriptor = openSync(file, 'r');
    // Replaced between the stat and the open (a rename): judge what was opened.
    if (!fstatSync(descriptor).isFile()) return { ok: false, problem: 'special' };
    // Sized by the stat, grown in chunks if the file grew since: never more than maxBytes + 1 in memory.
    const chunks: Buffer[] = [];
    let length = 0;
    let chunk = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let used = 0;
    while (length <= maxBytes) {
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
        used = 0;
      }
      const read = readSync(descriptor, chunk, used, chunk.length - used, null);
      if (read === 0) break;
      used += read;
      length += read;
    }
    chunks.push(chunk.subarray(0, used));
    if (length > maxBytes) return { ok: false, problem: 'too-large', size: Math.max(length, fstatSync(descriptor).size), max: maxBytes };
    return { ok: true, ...decodeText(Buffer.concat(chunks, length)) };
  } catch (error) {
    const code = errorCode(error);
    return { ok: false, problem: code === 'ENOENT' ? 'missing' : 'unreadable', detail: code };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Largest configuration file read: a hundred accounts with comments take some 50 KB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Largest `report --from` JSON: a run's report with `--trace` transcripts stays well under this. */
export const MAX_SAVED_REPORT_BYTES = 16 * 1024 * 1024;
/** A secret file holds one secret (a service-account JSON key is ~2.5 KB); more is not a secret file. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;
/** A CA bundle (even a whole public root store, ~220 KB) stays well under this. */
export const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;
