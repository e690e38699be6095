import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { registerSecretValue, scrub } from '../secrets/redact.js';

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

/** Writes a report file whole or not at all (a temporary file renamed), scrubbed. */
export function writeReportFile(path: string, content: string): string {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, scrub(content), 'utf8');
  renameSync(temporary, target);
  return target;
}
