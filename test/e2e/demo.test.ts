/**
 * `npm run demo` is the README's first command: the sandbox starts, both built-in accounts are checked by
 * the real CLI, the healthy one passes and the broken one fails with its fixes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/run-cli.js';

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', join(ROOT, 'test', 'support', 'network-guard.mjs'), join(ROOT, 'dist-sandbox', 'sandbox', 'demo.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1', CI: '1', LANG: 'en_US.UTF-8', NODE_OPTIONS: `--import ${join(ROOT, 'test', 'support', 'network-guard.mjs')}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('shows the healthy account passing and the broken one failing, with fixes, on loopback only', async () => {
    const result = await runDemo(['--lang', 'en']);
    expect(result.stderr).toContain('demo: OK');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('saudavel');
    expect(result.stdout).toContain('com-erros');
    expect(result.stdout).toContain('How to fix');
    expect(result.stdout).toContain('587');
    expect(result.stdout).not.toContain('sandbox-Atendimento-2026');
    expect(result.stdout).not.toContain('Financeiro@2019');
  }, 90_000);
});
