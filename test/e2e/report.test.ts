/**
 * `report`: the handoff sheet from the built tool, from a fresh run (configuration checks only: the network
 * ones are covered elsewhere) and from a saved JSON report without credentials. Assertions on content, not
 * snapshots: every item of the provider with its status, never a secret (a canary in the environment,
 * looked for raw, base64 and URL-encoded), hostile server text escaped, and the HTML rendered by headless
 * Chromium to a PNG and an A4 PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../src/i18n/index.js';
import type { MessageKey } from '../../src/core/message.js';
import { ROOT, runCli } from '../support/run-cli.js';

const CANARY = 'Zq8~canary-client-secret-value-1234567890';
const GMAIL_CANARY = 'canary-app-password-abcd';
const env = {
  TACTIUM_CLIENT_SECRET: CANARY,
  GOOGLE_CLIENT_SECRET: `GOCSPX-${CANARY}`,
  GOOGLE_REFRESH_TOKEN: `1//${CANARY}`,
  GMAIL_APP_PASSWORD: GMAIL_CANARY,
};
const OFFICE = join(ROOT, 'fixtures', 'office365.example.yaml');
const GMAIL = join(ROOT, 'fixtures', 'gmail.example.yaml');
const OFFICE_465 = join(ROOT, 'test', 'fixtures', 'e2e', 'office365-465.yaml');

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-report-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function leaks(text: string): string[] {
  const found: string[] = [];
  for (const secret of [CANARY, GMAIL_CANARY]) {
    const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64').slice(4, -4), JSON.stringify(secret).slice(1, -1)];
    for (const form of forms) if (text.includes(form)) found.push(form);
  }
  return found;
}

const pt = (key: MessageKey, params?: Record<string, string>) => translate('pt-BR', key, params);
const en = (key: MessageKey, params?: Record<string, string>) => translate('en', key, params);

/** The table row of an item: `| label | value | verdict |`. */
function row(markdown: string, label: string): string {
  const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| ${label} |`));
  if (!line) throw new Error(`no row for "${label}" in:\n${markdown}`);
  return line;
}

describe('report (Markdown)', () => {
  it('lists every Office 365 item with its verification, in Portuguese by default whatever the system language, and no secret', async () => {
    const result = await runCli(['report', OFFICE, '--only', 'config'], { env: { ...env, LANG: 'en_US.UTF-8' } });
    expect(result.code).toBe(0);
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
    const sheet = result.stdout;
    expect(sheet).toContain(`# ${pt('handoff.title')}`);
    expect(sheet).toContain('tactium-preflight 0.1.0');
    expect(sheet).toContain(pt('handoff.signoff.from'));
    for (const key of [
      'handoff.item.mailbox',
      'handoff.item.tenant',
      'handoff.item.clientId',
      'handoff.item.objectId',
      'handoff.item.secretId',
      'handoff.item.clientSecret',
      'handoff.item.secretExpiry',
      'handoff.item.redirectUri',
      'handoff.item.flow',
      'handoff.item.permissions',
      'handoff.item.incomingServer',
      'handoff.item.incomingPort',
      'handoff.item.incomingSecurity',
      'handoff.item.outgoingServer',
      'handoff.item.outgoingPort',
      'handoff.item.outgoingSecurity',
      'handoff.item.admin',
    ] as const) {
      expect(sheet).toContain(`| ${pt(key).replace(/[()]/g, (c) => c)} |`);
    }
    expect(row(sheet, pt('handoff.item.clientId'))).toContain('`6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c`');
    // The configuration checks read only the file: they can fail a port, never verify it.
    expect(row(sheet, pt('handoff.item.outgoingPort'))).toMatch(/`587` \| ○ não verificado \|$/);
    expect(row(sheet, pt('handoff.item.clientSecret'))).toContain(pt('handoff.secret'));
    expect(row(sheet, pt('handoff.item.tenant'))).toContain(`○ ${pt('handoff.verdict.notVerified')}`);
    expect(row(sheet, pt('handoff.item.permissions'))).toContain('IMAP.AccessAsApp, SMTP.SendAsApp');
    // The delegated account has no Object ID in the file: not provided, listed under what is missing.
    expect(sheet).toContain(
      `- ○ ${pt('handoff.todo.missing', { items: [pt('handoff.item.objectId'), pt('handoff.item.secretId'), pt('handoff.item.secretExpiry'), pt('handoff.item.admin')].join(' · ') })}`,
    );
  });

  it('is in English with --lang en', async () => {
    const result = await runCli(['report', OFFICE, '--only', 'config', '--lang', 'en', '--account', 'vendas'], { env: { ...env, LANG: 'pt_BR.UTF-8' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`# ${en('handoff.title')}`);
    expect(result.stdout).toContain(`| ${en('handoff.item.redirectUri')} | \`https://crm.example.com/oauth/callback\``);
    expect(result.stdout).not.toContain('## atendimento');
  });

  it('lists the Gmail items (app password and OAuth) and the IMAP ones, secrets never shown', async () => {
    const gmail = await runCli(['report', GMAIL, '--only', 'config'], { env });
    expect(gmail.code).toBe(0);
    expect(leaks(gmail.stdout + gmail.stderr)).toEqual([]);
    for (const key of [
      'gmail.handoff.clientId',
      'gmail.handoff.clientSecret',
      'gmail.handoff.refreshToken',
      'gmail.handoff.appPassword',
      'gmail.handoff.incomingServer',
      'gmail.handoff.outgoingPort',
    ] as const) {
      expect(gmail.stdout).toContain(`| ${pt(key)} |`);
    }
    expect(gmail.stdout).toContain('`pop.gmail.com`');
    expect(gmail.stdout).not.toMatch(new RegExp(`\\| ${pt('handoff.item.tenant').replace(/[()]/g, '\\$&')}`));

    const file = join(directory, 'imap.yaml');
    writeFileSync(
      file,
      'version: 1\naccounts:\n  - name: loja\n    provider: imap\n    mailbox: contato@loja.example\n    auth: { method: password, username: loja, password: "${env:TACTIUM_CLIENT_SECRET}" }\n    incoming: { protocol: pop3, host: pop.loja.example, port: 995, security: tls }\n    outgoing: { host: smtp.loja.example, port: 587, security: starttls }\n',
    );
    const imap = await runCli(['report', file, '--only', 'config'], { env });
    expect(imap.code).toBe(0);
    expect(leaks(imap.stdout)).toEqual([]);
    expect(row(imap.stdout, pt('handoff.item.login'))).toContain('`loja`');
    expect(row(imap.stdout, pt('handoff.item.password'))).toContain(pt('handoff.secret'));
    expect(row(imap.stdout, pt('handoff.item.incomingProtocol'))).toContain('`POP3`');
    expect(row(imap.stdout, pt('handoff.item.outgoingServer'))).toContain('`smtp.loja.example`');
  });

  it('shows a failing item with its fix, and exits 1 as check would', async () => {
    const result = await runCli(['report', OFFICE_465, '--only', 'config', '--lang', 'en'], { env });
    expect(result.code).toBe(1);
    expect(row(result.stdout, en('handoff.item.outgoingPort'))).toContain(`✖ ${en('handoff.verdict.fail')}`);
    const todo = result.stdout.slice(result.stdout.indexOf(`### ${en('handoff.toDo')}`));
    expect(todo).toContain(en('handoff.todo.outgoingPort'));
    expect(todo).toContain('`config.smtp-port`');
    expect(todo).toContain('587');
    expect(leaks(result.stdout)).toEqual([]);
  });
});

describe('report --from a saved JSON report', () => {
  it('needs no credentials and gives the verification of the saved run', async () => {
    const saved = join(directory, 'saved.json');
    expect((await runCli(['check', OFFICE_465, '--only', 'config', '--format', 'json', '--output', saved], { env })).code).toBe(1);
    const result = await runCli(['report', OFFICE_465, '--from', saved, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(en('handoff.source.saved', { file: saved, version: '0.1.0' }).replace(/[\\`*_[\]<>|#~&]/g, '\\$&'));
    expect(row(result.stdout, en('handoff.item.outgoingPort'))).toContain(`✖ ${en('handoff.verdict.fail')}`);
    expect(row(result.stdout, en('handoff.item.incomingPort'))).toContain(`○ ${en('handoff.verdict.notVerified')}`);
  });

  it('exits 2 with the reason for a file that is not a report', async () => {
    const corrupt = join(directory, 'corrupt.json');
    writeFileSync(corrupt, '{"tool": {"name": "tactium-preflight"');
    const notJson = await runCli(['report', OFFICE, '--from', corrupt, '--lang', 'en']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('is not a JSON report');
    expect(notJson.stdout).toBe('');

    const wrongShape = join(directory, 'wrong.json');
    writeFileSync(wrongShape, JSON.stringify({ tool: { name: 'x', version: '1' }, accounts: 'none' }));
    const invalid = await runCli(['report', OFFICE, '--from', wrongShape, '--lang', 'en']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('is not a tactium-preflight JSON report');

    const missing = await runCli(['report', OFFICE, '--from', join(directory, 'nope.json'), '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');

    const conflicting = await runCli(['report', OFFICE, '--from', wrongShape, '--only', 'smtp']);
    expect(conflicting.code).toBe(2);
  });
});

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)></td></table><style>body{display:none}</style>';

async function hostileReport(): Promise<string> {
  const saved = join(directory, 'hostile.json');
  expect((await runCli(['check', OFFICE_465, '--only', 'config', '--format', 'json', '--output', saved], { env })).code).toBe(1);
  const report = JSON.parse(readFileSync(saved, 'utf8')) as { accounts: Array<{ checks: Array<Record<string, unknown>> }> };
  const failing = report.accounts[0]!.checks.find((check) => check.status === 'fail')!;
  failing.summary = `reply: ${HOSTILE}`;
  failing.evidence = [{ label: 'server reply', value: `554 ${HOSTILE}\nsecond line "quoted" & 'single'` }];
  failing.remediation = [
    { kind: 'url', text: `open ${HOSTILE}`, target: `javascript:alert(3)//${HOSTILE}` },
    { kind: 'command', text: 'run', target: `Set-X "${HOSTILE}"` },
  ];
  writeFileSync(saved, JSON.stringify(report));
  return saved;
}

describe('report --format html', () => {
  let html: string;
  let file: string;

  beforeAll(async () => {
    file = join(directory, 'ficha.html');
    const result = await runCli(['report', OFFICE_465, '--from', await hostileReport(), '--format', 'html', '--output', file]);
    expect(result.code).toBe(1);
    html = readFileSync(file, 'utf8');
  });

  it('is one self-contained page: inline CSS, no script, no external resource, a CSP that forbids loading any', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
  });

  it('prints well: A4 page rule, print media rules, no dark backgrounds, rows not split across pages', () => {
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(html).toContain('@media print');
    expect(html).toMatch(/tr\s*\{[^}]*break-inside:\s*avoid/);
    for (const background of html.match(/background:\s*#[0-9a-f]{3,6}/gi) ?? []) {
      const hex = background.replace(/.*#/, '');
      const full = hex.length === 3 ? hex.replace(/./g, '$&$&') : hex;
      const luminance = [0, 2, 4].map((index) => parseInt(full.slice(index, index + 2), 16)).reduce((sum, channel) => sum + channel, 0) / 3;
      expect([background, luminance > 200]).toEqual([background, true]);
    }
  });

  it('escapes every value from the report, so a hostile server reply stays text', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('onerror=alert(2)>');
    expect(html).not.toContain('</td></table><style>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).not.toContain('href="javascript');
  });

  it('shows every item and no secret', () => {
    for (const key of ['handoff.item.clientId', 'handoff.item.outgoingPort', 'handoff.item.clientSecret', 'handoff.item.admin'] as const)
      expect(html).toContain(pt(key));
    expect(html).toContain(pt('handoff.secret'));
    expect(leaks(html)).toEqual([]);
  });

  it('renders in headless Chromium to a PNG and an A4 PDF', () => {
    const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
    if (!chromium) throw new Error('headless Chromium is needed to prove the HTML sheet renders: apt-get update && apt-get install -y chromium');
    const png = join(directory, 'ficha.png');
    const pdf = join(directory, 'ficha.pdf');
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
    ];
    const run = (extra: string[]) =>
      execFileSync(chromium, [...flags, `--user-data-dir=${mkdtempSync(join(directory, 'chromium-'))}`, ...extra, `file://${file}`], {
        stdio: 'pipe',
        timeout: 90_000,
      });
    run([`--screenshot=${png}`, '--window-size=1200,1600']);
    run([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
    const image = readFileSync(png);
    expect(image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(image.readUInt32BE(16)).toBe(1200);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const document = readFileSync(pdf).toString('latin1');
    expect(document.startsWith('%PDF-')).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    // A4 is 595 × 842 points; Chromium writes it as the page's MediaBox.
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(document);
    expect(box).not.toBeNull();
    expect(Math.round(Number(box![1]))).toBe(595);
    expect(Math.round(Number(box![2]))).toBe(842);
  }, 200_000);
});
