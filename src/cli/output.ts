import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { scrub } from '../secrets/redact.js';

let installed = false;

/**
 * The last redaction layer: everything written to stdout and stderr — ours, commander's, a library's
 * warning — passes through `scrub()`, which knows every secret value the run resolved.
 */
export function installScrubbingStreams(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(scrub(chunk), ...rest);
      if (chunk instanceof Uint8Array) return write(scrub(Buffer.from(chunk).toString('utf8')), ...rest);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/** Writes a report file whole or not at all (a temporary file renamed), scrubbed. */
export function writeReportFile(path: string, content: string): string {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, scrub(content), 'utf8');
  renameSync(temporary, target);
  return target;
}
