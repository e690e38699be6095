/**
 * The bin in a clone that was never built (no dist/), or built but without its dependencies installed,
 * or built only in part, says what to run and where, in one line, and exits 2 — not Node's
 * ERR_MODULE_NOT_FOUND stack. Each case is a copy of bin/ and package.json (plus tsc's dist/ for the last
 * two) in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/run-cli.js';

let directory: string;
beforeAll(() => {
  directory = realpathSync(mkdtempSync(join(tmpdir(), 'tp-unbuilt-')));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function copy(name: string, withCompiledDist: boolean): string {
  const folder = join(directory, name);
  cpSync(join(ROOT, 'bin'), join(folder, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(folder, 'package.json'));
  if (withCompiledDist)
    cpSync(join(ROOT, 'dist'), join(folder, 'dist'), { recursive: true, filter: (source) => !source.startsWith(join(ROOT, 'dist', 'bundle')) });
  return folder;
}

function run(folder: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(folder, 'bin', 'tactium-preflight.js'), ...args], {
    cwd: directory,
    env: { PATH: process.env.PATH, CI: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the bin before `npm run build`', () => {
  it('says to run npm run build in the package folder, in one line, and exits 2', () => {
    const folder = copy('clone', false);
    for (const args of [['--version'], ['check', 'cliente.yaml']]) {
      const result = run(folder, args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `tactium-preflight is not built: run npm run build (in ${folder}) | não está compilado: execute npm run build (na pasta ${folder})\n`,
      );
    }
  });

  it('says to run npm ci when dist/ is there but its dependencies are not', () => {
    const folder = copy('sem-dependencias', true);
    const result = run(folder, ['--version']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `tactium-preflight is missing its dependencies: run npm ci (in ${folder}) | está sem as dependências: execute npm ci (na pasta ${folder})\n`,
    );
    expect(result.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
  });

  it('says to run npm run build when the build stopped half-way (a file of dist/ missing)', () => {
    const folder = copy('build-pela-metade', true);
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'junction');
    rmSync(join(folder, 'dist', 'cli', 'program.js'));
    const result = run(folder, ['--version']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `tactium-preflight is not built: run npm run build (in ${folder}) | não está compilado: execute npm run build (na pasta ${folder})\n`,
    );
  });
});
