/**
 * Start-up stays light: `--version` and every `--help` load commander (bundled) and our CLI code, and no
 * other package — no zod, yaml, protocol library, prompt library or the checks — so they start in about
 * the time Node itself does (`npm run bench` measures it). Commands import their modules inside their
 * commander action; a static import of a command module in program.ts or main.ts fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** tsc's output rather than the bundle: its module URLs name the folders, so a test can say which loaded. */
const UNBUNDLED = `import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}).then(async ({ main }) => { process.exitCode = await main(process.argv); })`;

function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}, unbundled = false): { code: number | null; modules: string[] } {
  const file = join(directory, `${args.join('_').replace(/\W+/g, '-')}-${Object.keys(env).join('-')}${unbundled ? '-tsc' : ''}.txt`);
  const entry = unbundled ? ['--input-type=module', '-e', UNBUNDLED, BIN] : [BIN];
  const result = spawnSync(process.execPath, ['--import', TRACE, ...entry, ...args], {
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

  describe('report --from a saved report', () => {
    let saved: string;
    const OFFICE = join(ROOT, 'fixtures', 'office365.example.yaml');
    beforeAll(() => {
      saved = join(directory, 'saved.json');
      spawnSync(process.execPath, [BIN, 'check', OFFICE, '--only', 'config', '--format', 'json', '--output', saved], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', TACTIUM_CLIENT_SECRET: 'startup-test-value' },
        timeout: 20_000,
      });
      expect(existsSync(saved)).toBe(true);
    });

    // The sheet from a saved report needs the YAML's values and the report's shape, no check: loading the
    // registry would load every protocol and identity library for nothing.
    it('loads no check, runner or probe module and no protocol library', () => {
      for (const unbundled of [false, true]) {
        const { code, modules } = loadedBy(['report', OFFICE, '--from', saved, '--output', join(directory, 'sheet.md')], {}, unbundled);
        expect([unbundled, code]).toEqual([unbundled, 0]);
        expect(packagesIn(modules).filter((name) => /imapflow|nodemailer|msal|undici|ora|inquirer/.test(name))).toEqual([]);
        if (unbundled) {
          expect(modules.some((url) => url.includes('/dist/handoff/'))).toBe(true);
          expect(modules.filter((url) => /\/dist\/(checks|runner|probes|identity|signin)\//.test(url) || url.endsWith('/dist/cli/commands/check.js'))).toEqual(
            [],
          );
        }
      }
    });
  });
});
