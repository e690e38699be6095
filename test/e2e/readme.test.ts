import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCatalog } from '../../src/cli/commands/checks.js';
import { createTranslator } from '../../src/i18n/index.js';
import { ROOT } from '../support/run-cli.js';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('carries the current check catalogue (run `npm run readme` after adding a check)', () => {
    const block = /<!-- checks:start -->\n([\s\S]*?)<!-- checks:end -->/.exec(readme)?.[1];
    expect(block).toBe(renderCatalog('markdown', createTranslator('en')));
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
