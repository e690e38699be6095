import { resolve } from 'node:path';
import { ConfigError } from '../../errors/index.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { MAX_CONFIG_BYTES, readTextFile } from '../text-file.js';

/**
 * The text of a configuration file, decoded by its byte order mark (Notepad's "Unicode" and PowerShell's
 * `Out-File` write UTF-16 with one; see text-file.ts), else UTF-8. Refuses at once, before reading it
 * whole, anything but an ordinary file of at most MAX_CONFIG_BYTES. Throws ConfigError.
 */
export function readConfigText(file: string): string {
  const absolute = resolve(file);
  const problem = (message: Message, line = 0, column = 0) => new ConfigError([{ file: absolute, line, column, path: '', message }]);
  const read = readTextFile(absolute, MAX_CONFIG_BYTES);
  if (!read.ok) {
    switch (read.problem) {
      case 'missing':
        throw problem(msg('configfile.read.missing'));
      case 'folder':
        throw problem(msg('configfile.read.directory'));
      case 'too-large':
        throw problem(msg('configfile.read.tooLarge', { size: read.size, max: read.max }));
      case 'unreadable':
        throw problem(msg('configfile.read.unreadable', { reason: read.detail }));
      default:
        throw problem(msg('configfile.read.notAFile'));
    }
  }
  // Older editors save Windows-1252 ("ANSI"): garbage to a UTF-8 reader, so say which it is instead of
  // failing later on mangled characters.
  if (read.invalid && (read.encoding === 'utf8' || read.encoding === 'utf8-bom')) {
    const replaced = read.text.indexOf('\uFFFD');
    const before = read.text.slice(0, Math.max(replaced, 0));
    const line = before.split('\n').length;
    const column = replaced - (before.lastIndexOf('\n') + 1) + 1;
    throw problem(msg('configfile.read.notUtf8'), line, Math.max(column, 1));
  }
  return read.text;
}
