import { readFileSync } from 'node:fs';

/** The package version, read once from package.json next to dist/ (works from a clone and from npm). */
export function toolVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const TOOL_NAME = 'tactium-preflight';
