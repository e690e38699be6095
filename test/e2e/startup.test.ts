/**
 * Start-up stays light: `--version` and every `--help` load commander (bundled) and our CLI code, and no
 * other package — no zod, yaml, protocol library, prompt library or the checks — so they start in about
 * the time Node itself does (`npm run bench` measures it). Commands import their modules inside their
 * commander action; a static import of a command module in program.ts or main.ts fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from '../support/run-cli.js';

const TRACE = join(ROOT, 'test', 'support', 'trace-loads.mjs');
/** Packages a start may load: commander always (when not bundled), chalk when colouring. */
const ALLOWED_PACKAGES = new Set(['commander', 'chalk']);

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-startup-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; modules: string[] } {
  const file = join(directory, `${args.join('_').replace(/\W+/g, '-')}-${Object.keys(env).join('-')}.txt`);
  const result = spawnSync(process.execPath, ['--import', TRACE, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', TACTIUM_TRACE_LOADS: file, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  let modules: string[];
  try {
    modules = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    modules = [];
  }
  return { code: result.status, modules };
}

function packagesIn(modules: readonly string[]): string[] {
  const names = modules
    .map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(url))?.[1])
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort();
}

describe('start-up', () => {
  for (const args of [['--version'], ['--help'], ['check', '--help'], ['checks', '--help'], ['schema', '--help'], ['init', '--help'], ['report', '--help']]) {
    it(`loads no package but commander for ${args.join(' ')}`, () => {
      const { code, modules } = loadedBy(args);
      expect(modules.length).toBeGreaterThan(0);
      if (code !== 0) return expect(['init', 'report']).toContain(args[0]); // a command not there (yet) is a usage error, not this test's business
      expect(packagesIn(modules).filter((name) => !ALLOWED_PACKAGES.has(name))).toEqual([]);
      // Unbundled (tsc's output): none of the command modules either; format-issues is main's error printer.
      const heavy = modules.filter(
        (url) => /\/dist\/(checks|config|probes|runner|report|identity|wizard|handoff)\//.test(url) && !url.endsWith('/dist/config/format-issues.js'),
      );
      expect(heavy).toEqual([]);
    });
  }

  it('loads chalk only when there is colour to show', () => {
    expect(packagesIn(loadedBy(['--help'], { NO_COLOR: '1' }).modules)).not.toContain('chalk');
  });

  it("runs from the bundle after `npm run build` (dist/bundle), not from tsc's output", () => {
    const { modules } = loadedBy(['--version']);
    expect(modules.some((url) => url.includes('/dist/bundle/'))).toBe(true);
  });
});
