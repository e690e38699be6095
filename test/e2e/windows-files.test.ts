/**
 * Files as Windows writes them, and files that must not be read, through the built tool: the YAML, its
 * `${file:}` secret, its `tls.caFile` and a `report --from` JSON saved with a UTF-8 BOM, or as UTF-16 LE
 * with a BOM and CRLF (PowerShell 5.1's `>` and `Out-File`, Notepad's "Unicode"), or UTF-16 BE; a real
 * SMTP server on loopback accepts the login only with exactly the secret. A secret pasted inside
 * `${file:…}` appears in no output; a configuration file over 1 MB and a saved report over 16 MB are
 * refused with exit 2, the file, its size and the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../src/i18n/index.js';
import type { MessageKey } from '../../src/core/message.js';
import { createCa, issueCert } from '../../standins/certs.js';
import { ROOT, runCli, type CliResult } from '../support/run-cli.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';
import { SERVER_QUESTIONS } from '../support/wizard-questions.js';

const MAILBOX = 'windows@files.test';
/** Characters UTF-16 and UTF-8 encode differently (é, 𝄞 outside the BMP), and those a login must keep. */
const SECRET = 'Sênha~𝄞+/=&% canary';
const OFFICE = join(ROOT, 'fixtures', 'office365.example.yaml');

const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

type Encoding = 'utf8-bom' | 'utf16le' | 'utf16be';
const ENCODINGS: readonly Encoding[] = ['utf8-bom', 'utf16le', 'utf16be'];

/** The bytes a Windows tool writes for `text`: BOM first, and CRLF line endings for UTF-16 (PowerShell 5.1). */
function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const body = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le');
  return encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : Buffer.concat([Buffer.from([0xfe, 0xff]), body.swap16()]);
}

/** The forms a secret takes on the wire and in reports: raw, URL- and JSON-escaped, base64 at every alignment. */
function forms(value: string): string[] {
  const found = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x41), bytes]).toString('base64');
    found.add(encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6)));
  }
  return [...found];
}

function leaks(result: CliResult, value: string): string[] {
  return forms(value).filter((form) => result.stdout.includes(form) || result.stderr.includes(form));
}

let directory: string;
let smtp: SmtpTestServer;
let caPem: string;

function config(password: string, caFile = 'ca.pem'): string {
  return [
    'version: 1',
    'accounts:',
    '  - name: windows',
    '    provider: imap',
    `    mailbox: ${MAILBOX}`,
    '    auth:',
    '      method: password',
    `      password: ${password}`,
    '    incoming: { host: 127.0.0.1, port: 9, security: tls }',
    `    outgoing: { host: 127.0.0.1, port: ${smtp.port}, security: starttls }`,
    'tls:',
    `  caFile: ${caFile}`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tp-windows-files-'));
  const ca = createCa('Tactium Windows Files CA');
  caPem = ca.pem;
  smtp = await startSmtpServer({ certificate: issueCert(ca, { hosts: ['127.0.0.1', 'localhost'] }), users: { [MAILBOX]: SECRET } });
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('files saved by Windows tools', () => {
  it.each(ENCODINGS)(
    'YAML, ${file:} secret and tls.caFile all in %s: the SMTP server receives exactly the secret',
    async (encoding) => {
      const folder = mkdtempSync(join(directory, `${encoding}-`));
      // PowerShell 5.1: `'…' > password.txt` adds CRLF; Notepad "Unicode"; certutil / Out-File for the CA.
      writeFileSync(join(folder, 'password.txt'), encode(`${SECRET}\n`, encoding));
      writeFileSync(join(folder, 'ca.pem'), encode(caPem, encoding));
      const file = join(folder, 'cliente.yaml');
      writeFileSync(file, encode(config('${file:password.txt}'), encoding));
      const before = smtp.auths.length;
      const result = await runCli(['check', file, '--only', 'smtp', '--format', 'json', '--timeout', '5'], { cwd: folder, timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> };
      const status = Object.fromEntries(report.accounts[0]!.checks.map((check) => [check.id, check.status]));
      expect({ tls: status['smtp.tls'], auth: status['smtp.auth'] }).toEqual({ tls: 'pass', auth: 'pass' });
      // The stand-in accepts a password only when it is byte for byte the configured one.
      expect(smtp.auths.slice(before)).toEqual([expect.objectContaining({ username: MAILBOX, accepted: true })]);
      expect(leaks(result, SECRET)).toEqual([]);
    },
    60_000,
  );

  it('a YAML error in a UTF-16 file is reported at the line the editor shows', async () => {
    const folder = mkdtempSync(join(directory, 'lines-'));
    writeFileSync(join(folder, 'ca.pem'), caPem);
    const file = join(folder, 'cliente.yaml');
    writeFileSync(file, encode(config('${env:WINDOWS_PASSWORD}').replace('    provider: imap', '    provider: imapp'), 'utf16le'));
    const result = await runCli(['check', file, '--lang', 'en'], { cwd: folder, env: { WINDOWS_PASSWORD: SECRET } });
    expect(result.code).toBe(2);
    // The path is shown relative to the folder the tool runs in.
    expect(result.stderr).toMatch(/^cliente\.yaml:4:15 {2}accounts\[0\]\.provider: "imapp"/m);
  });

  it.each(ENCODINGS)(
    'report --from a JSON report saved in %s renders as the UTF-8 one does',
    async (encoding) => {
      const saved = join(directory, `saved-${encoding}.json`);
      const utf8 = join(directory, `saved-utf8-for-${encoding}.json`);
      expect(
        (await runCli(['check', OFFICE, '--only', 'config', '--format', 'json', '--output', utf8], { env: { TACTIUM_CLIENT_SECRET: SECRET } })).code,
      ).toBeLessThan(2);
      writeFileSync(saved, encode(readFileSync(utf8, 'utf8'), encoding));
      const expected = await runCli(['report', OFFICE, '--from', utf8, '--lang', 'en']);
      const result = await runCli(['report', OFFICE, '--from', saved, '--lang', 'en']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(expected.code);
      expect(result.stdout.split(saved).join('<saved>')).toBe(expected.stdout.split(utf8).join('<saved>'));
    },
    60_000,
  );
});

describe('the secret pasted inside ${file:…}', () => {
  it('appears in no output, and the message says what to do instead', async () => {
    const pasted = 'Zq8~Pasted9Secret.Value-X7yW';
    const folder = mkdtempSync(join(directory, 'pasted-'));
    writeFileSync(join(folder, 'ca.pem'), caPem);
    const file = join(folder, 'cliente.yaml');
    writeFileSync(file, config(`\${file:${pasted}}`));
    for (const args of [
      ['--lang', 'en'],
      ['--format', 'json', '--verbose'],
      ['--lang', 'pt-BR', '--trace'],
    ]) {
      const result = await runCli(['check', file, ...args], { cwd: folder });
      expect({ args, code: result.code, leaks: leaks(result, pasted) }).toEqual({ args, code: 2, leaks: [] });
      if (args[1] === 'en') {
        expect(result.stderr).toContain(en('configfile.ref.fileNotAPath', { folder }));
        expect(result.stderr).toContain(en('configfile.hint.pastedFileValue'));
      }
    }
  });
});

describe('files too large to be what they claim', () => {
  it('refuses a configuration file over 1 MB at once: exit 2, the file, its size and the limit', async () => {
    const file = join(directory, 'huge.yaml');
    writeFileSync(file, `version: 1\n${'# '.padEnd(1023, 'x')}\n`.repeat(1100));
    const size = statSync(file).size;
    const result = await runCli(['check', file, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(en('configfile.read.tooLarge', { size, max: 1024 * 1024 }));
  });

  it('refuses a report --from file over 16 MB: exit 2, the file, its size and the limit', async () => {
    const file = join(directory, 'huge.json');
    writeFileSync(file, `[${'0,'.repeat(8.5 * 1024 * 1024)}0]`);
    const size = statSync(file).size;
    const result = await runCli(['report', OFFICE, '--from', file, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(en('handoff.from.tooLarge', { file, size, max: 16 * 1024 * 1024 }));
  });
});

describe('init on an existing file saved as UTF-16 LE with CRLF (Notepad "Unicode")', () => {
  it('reads it as check does and writes it back as UTF-8, only the changed line differing', async () => {
    if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
    const w = (key: MessageKey, params?: Record<string, string | number>) => translate('pt-BR', key, params);
    const optional = (key: MessageKey) => `${w(key)} ${w('wizard.optional')}`;
    const folder = mkdtempSync(join(directory, 'init-'));
    const file = join(folder, 'existente.yaml');
    const original = readFileSync(OFFICE, 'utf8').replace(/\r?\n/g, '\r\n');
    writeFileSync(file, encode(original, 'utf16le'));
    const terminal = Terminal.start(['init', file], { env: { LANG: 'pt_BR.UTF-8' }, cwd: folder });
    try {
      await terminal.waitFor(w('wizard.existing.found', { file, count: 2 }));
      await terminal.answer(w('wizard.target.question'), [{ key: 'Down' }, { key: 'Enter' }]);
      for (const question of [
        'wizard.mailbox.question',
        'wizard.provider.question',
        'wizard.name.question',
        'wizard.method.question',
        'wizard.cloud.question',
        'wizard.tenantId.question',
        'wizard.clientId.question',
      ] as const) {
        await terminal.answer(w(question), [{ key: 'Enter' }]);
      }
      await terminal.answer(optional('wizard.objectId.question'), [{ key: 'Enter' }]);
      await terminal.answer(optional('wizard.secretId.question'), [{ key: 'Enter' }]);
      await terminal.answer(optional('wizard.secretExpiresOn.question'), ['2028-01-15', { key: 'Enter' }]);
      await terminal.answer(optional('wizard.admin.office365'), [{ key: 'Enter' }]);
      for (const question of SERVER_QUESTIONS) {
        await terminal.answer(w(question), [{ key: 'Enter' }]);
      }
      await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.clientSecret') }), [{ key: 'Enter' }]);
      await terminal.answer(w('wizard.write.confirmEdit', { file }), [{ key: 'Enter' }]);
      await terminal.answer(w('wizard.runCheck'), [{ key: 'Down' }, { key: 'Enter' }]);
      expect(await terminal.exitCode()).toBe(0);
    } finally {
      terminal.close();
    }
    const written = readFileSync(file);
    expect(written.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))).toBe(false);
    expect(written.toString('utf8')).toBe(original.replace('secretExpiresOn: 2027-05-31', 'secretExpiresOn: 2028-01-15'));
  }, 120_000);
});
