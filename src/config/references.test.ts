import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { parseConfigText, type LoadOptions } from './load/index.js';
import { resetRedactionForTests, scrub } from '../secrets/redact.js';
import { looksLikeFilePath, parseReference, readCaFile } from './references.js';

const CA_FIXTURE = resolve('test/fixtures/config/corporate-root.pem');

/** An imap account whose password line (line 7) is the one under test. */
function withPassword(password: string, extra: string[] = []): string {
  return [
    'version: 1',
    'accounts:',
    '  - name: outro',
    '    provider: imap',
    '    mailbox: contato@provedor.com.br',
    '    auth:',
    `      password: ${password}`,
    '      method: password',
    '    incoming: { host: mail.provedor.com.br, port: 993, security: tls }',
    '    outgoing: { host: smtp.provedor.com.br, port: 587, security: starttls }',
    ...extra,
    '',
  ].join('\n');
}

async function issuesOf(text: string, file: string, options: LoadOptions): Promise<ConfigIssue[]> {
  try {
    await parseConfigText(text, file, options);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseReference', () => {
  it('recognises env and file references and literals', () => {
    expect(parseReference('${env:TACTIUM_SECRET}')).toEqual({
      type: 'reference',
      reference: { kind: 'env', name: 'TACTIUM_SECRET', text: '${env:TACTIUM_SECRET}' },
    });
    expect(parseReference('${file:secrets/app.txt}')).toEqual({
      type: 'reference',
      reference: { kind: 'file', path: 'secrets/app.txt', text: '${file:secrets/app.txt}' },
    });
    expect(parseReference('hunter2$')).toEqual({ type: 'literal' });
  });

  it('treats near-misses as malformed references with the form meant, never as literal secrets', () => {
    expect(parseReference('${ENV:X}')).toEqual({ type: 'malformed', suggestion: '${env:X}' });
    expect(parseReference('${X}')).toEqual({ type: 'malformed', suggestion: '${env:X}' });
    expect(parseReference('$env:X')).toEqual({ type: 'malformed', suggestion: '${env:X}' });
    expect(parseReference('${vault:x}')).toEqual({ type: 'malformed' });
    expect(parseReference('${env:}')).toEqual({ type: 'malformed' });
  });
});

describe('looksLikeFilePath', () => {
  it('shows paths people write, and hides passwords, client secrets and tokens pasted in their place', () => {
    const paths = [
      'secrets/password.txt',
      'password.txt',
      './pw',
      'C:\\Users\\ana\\Documents\\senha.txt',
      '/run/secrets/imap',
      '../ServiceAccountKey2024.json',
      'segredos/senha do e-mail.txt',
      'client-secret.key',
      'SENHA.TXT',
      'senha_do_e-mail(1).txt',
    ];
    const secrets = [
      'Summer2024!',
      'hunter2',
      'password',
      'Xy98Q~Ab1cD.eFgHiJ7kLmNoPqRsT',
      'GOCSPX-1a2B3c4D5e6F7g8H9i0JkLmN',
      '1//0gAbCdEfGhIjKlMnOpQrStUvWxYz-0123456789',
      'ya29.a0AfB_byC3dE4fG5hI6jK7lM8nO9pQ',
      'abcd efgh ijkl mnop',
      'p@ss:w0rd/2024$',
      'P@ss.word1',
      'Pass.Word1',
      'Verão.2024',
    ];
    expect(paths.filter((text) => !looksLikeFilePath(text))).toEqual([]);
    expect(secrets.filter((text) => looksLikeFilePath(text))).toEqual([]);
  });
});

describe('secret references in the YAML file', () => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'preflight-refs-'));
    file = join(folder, 'config', 'preflight.yaml');
    await mkdir(join(folder, 'config', 'secrets'), { recursive: true });
    await writeFile(join(folder, 'config', 'secrets', 'password.txt'), '\uFEFFsenha-do-arquivo\r\n\r\n');
    await writeFile(join(folder, 'config', 'secrets', 'blank.txt'), '\n');
    await copyFile(CA_FIXTURE, join(folder, 'config', 'root.pem'));
    await writeFile(join(folder, 'config', 'not-pem.cer'), Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02]));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('resolves ${env:NAME} from options.env', async () => {
    const config = await parseConfigText(withPassword('${env:MAILBOX_PASSWORD}'), file, { env: { MAILBOX_PASSWORD: 'senha-do-ambiente' } });
    const secret = config.accounts[0]!.auth.password!;
    expect(secret.reveal()).toBe('senha-do-ambiente');
    expect(secret.source).toBe('env');
    expect(secret.reference).toBe('${env:MAILBOX_PASSWORD}');
  });

  it('reports a missing variable at its value, naming it and saying how to set it in bash and PowerShell', async () => {
    const issues = await issuesOf(withPassword('${env:MAILBOX_PASSWORD}'), file, { env: {} });
    expect(issues).toEqual([
      {
        file,
        line: 7,
        column: 17,
        path: 'accounts[0].auth.password',
        message: { key: 'configfile.ref.envMissing', params: { name: 'MAILBOX_PASSWORD', reference: '${env:MAILBOX_PASSWORD}' } },
        hints: [
          { key: 'configfile.hint.envPosix', params: { name: 'MAILBOX_PASSWORD', reference: '${env:MAILBOX_PASSWORD}' } },
          { key: 'configfile.hint.envPowerShell', params: { name: 'MAILBOX_PASSWORD', reference: '${env:MAILBOX_PASSWORD}' } },
          { key: 'configfile.hint.envCmd', params: { name: 'MAILBOX_PASSWORD', reference: '${env:MAILBOX_PASSWORD}' } },
        ],
      },
    ]);
  });

  it('reports an empty variable', async () => {
    const issues = await issuesOf(withPassword('${env:MAILBOX_PASSWORD}'), file, { env: { MAILBOX_PASSWORD: '' } });
    expect(issues.map((issue) => [issue.line, issue.column, issue.message.key])).toEqual([[7, 17, 'configfile.ref.envEmpty']]);
  });

  it('asks promptSecret when the variable is missing, and keeps the issue when it answers nothing', async () => {
    const requests: unknown[] = [];
    const config = await parseConfigText(withPassword('${env:MAILBOX_PASSWORD}'), file, {
      env: {},
      promptSecret: async (request) => {
        requests.push(request);
        return 'senha-digitada';
      },
    });
    expect(requests).toEqual([{ account: 'outro', key: 'password', reference: '${env:MAILBOX_PASSWORD}' }]);
    expect(config.accounts[0]!.auth.password!.reveal()).toBe('senha-digitada');
    expect(config.accounts[0]!.auth.password!.source).toBe('prompt');

    const issues = await issuesOf(withPassword('${env:MAILBOX_PASSWORD}'), file, { env: {}, promptSecret: async () => undefined });
    expect(issues.map((issue) => issue.message.key)).toEqual(['configfile.ref.envMissing']);
  });

  it('does not prompt when the file has other problems, and reports the unresolved reference with them', async () => {
    let asked = false;
    const issues = await issuesOf(withPassword('${env:MAILBOX_PASSWORD}', ['    cloud: global']), file, {
      env: {},
      promptSecret: async () => {
        asked = true;
        return 'x';
      },
    });
    expect(asked).toBe(false);
    expect(issues.map((issue) => issue.message.key)).toEqual(['configfile.ref.envMissing', 'configfile.rule.office365Only']);
  });

  it('reads ${file:path} relative to the YAML file, without BOM and trailing line breaks', async () => {
    const config = await parseConfigText(withPassword('${file:secrets/password.txt}'), file, { env: {} });
    const secret = config.accounts[0]!.auth.password!;
    expect(secret.reveal()).toBe('senha-do-arquivo');
    expect(secret.source).toBe('file');
  });

  it('reports a missing or empty secret file with its resolved path', async () => {
    const missing = await issuesOf(withPassword('${file:secrets/absent.txt}'), file, { env: {} });
    expect(missing.map((issue) => [issue.line, issue.column, issue.message.key, issue.message.params?.file])).toEqual([
      [7, 17, 'configfile.ref.fileMissing', join(folder, 'config', 'secrets', 'absent.txt')],
    ]);
    const blank = await issuesOf(withPassword('${file:secrets/blank.txt}'), file, { env: {} });
    expect(blank.map((issue) => issue.message.key)).toEqual(['configfile.ref.fileEmpty']);
  });

  it('refuses, without waiting, a pipe with no writer, a folder, a device and an oversized file as ${file:}', async () => {
    const fifo = join(folder, 'config', 'secrets', 'pipe');
    execFileSync('mkfifo', [fifo]);
    await writeFile(join(folder, 'config', 'secrets', 'huge.txt'), 'x'.repeat(70 * 1024));
    const cases: Array<[string, string]> = [
      ['${file:secrets/pipe}', 'configfile.ref.fileIsPipe'],
      ['${file:secrets}', 'configfile.ref.fileIsFolder'],
      ['${file:/dev/null}', 'configfile.ref.fileIsSpecial'],
      ['${file:secrets/huge.txt}', 'configfile.ref.fileTooLarge'],
    ];
    for (const [reference, key] of cases) {
      const issues = await issuesOf(withPassword(reference), file, { env: {} });
      expect(issues.map((issue) => [issue.message.key, issue.hints?.map((hint) => hint.key)])).toEqual([[key, ['configfile.hint.secretFileShape']]]);
    }
  });

  it('reads a secret file saved with a UTF-8 BOM, as UTF-16 LE (PowerShell 5.1 `>`) with CRLF, or as UTF-16 BE', async () => {
    const secret = 'Sênha~ 𝄞+/=';
    const files: Array<[string, Buffer]> = [
      ['utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${secret}\n`, 'utf8')])],
      ['utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${secret}\r\n`, 'utf16le')])],
      ['utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${secret}\r\n`, 'utf16le').swap16()])],
    ];
    for (const [name, bytes] of files) {
      await writeFile(join(folder, 'config', 'secrets', name), bytes);
      const config = await parseConfigText(withPassword(`\${file:secrets/${name}}`), file, { env: {} });
      expect({ name, value: config.accounts[0]!.auth.password!.reveal() }).toEqual({ name, value: secret });
    }
  });

  it('drops only the trailing line endings of a secret file, keeping spaces and leading text', async () => {
    const cases: Array<[string, string]> = [
      ['a b\r\n\r\n', 'a b'],
      ['pw\r', 'pw'],
      ['pw\n\r\n', 'pw'],
      [' pw \r\n', ' pw '],
      ['pw\t\n', 'pw\t'],
      ['\r\npw', '\r\npw'],
    ];
    for (const [content, expected] of cases) {
      await writeFile(join(folder, 'config', 'secrets', 'endings.txt'), content);
      const config = await parseConfigText(withPassword('${file:secrets/endings.txt}'), file, { env: {} });
      expect({ content, value: config.accounts[0]!.auth.password!.reveal() }).toEqual({ content, value: expected });
    }
  });

  it('never says back the text inside ${file:…} when it is no path and no such file exists: the secret pasted there', async () => {
    resetRedactionForTests();
    const pasted = 'Xy98Q~Ab1cD.eFgHiJ7kLmNoPqRsT';
    const issues = await issuesOf(withPassword(`\${file:${pasted}}`), file, { env: {} });
    expect(issues.map((issue) => [issue.line, issue.column, issue.message.key, issue.hints?.map((hint) => hint.key)])).toEqual([
      [7, 17, 'configfile.ref.fileNotAPath', ['configfile.hint.pastedFileValue']],
    ]);
    expect(JSON.stringify(issues)).not.toContain(pasted);
    expect(issues[0]!.message.params).toEqual({ folder: join(folder, 'config') });
    // Registered for scrubbing, so it is removed wherever else it would be printed.
    expect(scrub(`x ${pasted} y`)).toBe('x [redacted] y');

    // A path-looking name is shown, so the person can fix a typo in it.
    const typo = await issuesOf(withPassword('${file:secrets/pasword.txt}'), file, { env: {} });
    expect(typo.map((issue) => [issue.message.key, issue.message.params?.reference])).toEqual([['configfile.ref.fileMissing', '${file:secrets/pasword.txt}']]);
  });

  it('does not suggest ${file:<the secret>} for a misspelt reference whose text is no path', async () => {
    resetRedactionForTests();
    const issues = await issuesOf(withPassword('"${FILE:Hunter2!Hunter2!}"'), file, { env: {} });
    expect(issues.map((issue) => [issue.message.key, issue.hints?.map((hint) => [hint.key, hint.params])])).toEqual([
      ['configfile.ref.malformed', [['configfile.hint.pastedFileValue', undefined]]],
    ]);
    expect(scrub(JSON.stringify(issues))).not.toContain('Hunter2!Hunter2!');
  });

  it('asks for the secret naming ${file:…} without the pasted text', async () => {
    const requests: unknown[] = [];
    const config = await parseConfigText(withPassword('${file:S3cr3t-pAsSw0rd-9xQ}'), file, {
      env: {},
      promptSecret: async (request) => {
        requests.push(request);
        return 'digitada';
      },
    });
    expect(requests).toEqual([{ account: 'outro', key: 'password', reference: '${file:…}' }]);
    expect(config.accounts[0]!.auth.password!.reference).toBe('${file:…}');
  });

  it('reads a CA file saved as UTF-16 LE with CRLF (certutil / PowerShell export)', async () => {
    const pem = await readFile(CA_FIXTURE, 'utf8');
    await writeFile(join(folder, 'config', 'root-utf16.pem'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pem.replace(/\n/g, '\r\n'), 'utf16le')]));
    const config = await parseConfigText(withPassword('${env:P}', ['tls:', '  caFile: root-utf16.pem']), file, { env: { P: 'p' } });
    expect(config.tls.extraCa).toEqual([pem]);
  });

  it('reports a malformed reference with the form meant, and a reference outside secret keys', async () => {
    const issues = await issuesOf(withPassword('"${ENV:MAILBOX_PASSWORD}"', ['    admin: { user: "${env:ADMIN_USER}" }']), file, { env: {} });
    expect(
      issues.map((issue) => ({
        at: `${issue.line}:${issue.column}`,
        path: issue.path,
        key: issue.message.key,
        hints: issue.hints?.map((hint) => hint.params),
      })),
    ).toEqual([
      { at: '7:17', path: 'accounts[0].auth.password', key: 'configfile.ref.malformed', hints: [{ suggestion: '${env:MAILBOX_PASSWORD}' }] },
      { at: '11:20', path: 'accounts[0].admin.user', key: 'configfile.ref.notSecret', hints: undefined },
    ]);
  });

  it('reads tls.caFile relative to the YAML file into PEM strings', async () => {
    const config = await parseConfigText(withPassword('${env:P}', ['tls:', '  caFile: root.pem']), file, { env: { P: 'p' } });
    expect(config.tls.caFile).toBe(join(folder, 'config', 'root.pem'));
    expect(config.tls.extraCa).toHaveLength(1);
    expect(config.tls.extraCa[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  });

  it('reports a missing CA file and one that holds no PEM certificate, at the caFile value', async () => {
    const missing = await issuesOf(withPassword('${env:P}', ['tls:', '  caFile: ./absent.pem']), file, { env: { P: 'p' } });
    expect(missing.map((issue) => [issue.line, issue.column, issue.path, issue.message.key])).toEqual([[12, 11, 'tls.caFile', 'configfile.caFile.missing']]);
    const der = await issuesOf(withPassword('${env:P}', ['tls:', "  caFile: 'not-pem.cer'"]), file, { env: { P: 'p' } });
    expect(der.map((issue) => [issue.line, issue.column, issue.message.key, issue.hints?.map((hint) => hint.key)])).toEqual([
      [12, 11, 'configfile.caFile.notPem', ['configfile.hint.caExportBase64']],
    ]);
  });
});

describe('readCaFile', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'preflight-ca-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('splits a bundle with CRLF line endings into one PEM string per certificate', async () => {
    const pem = (await import('node:fs/promises')).readFile(CA_FIXTURE, 'utf8');
    const one = await pem;
    const bundle = join(folder, 'bundle.pem');
    await writeFile(bundle, `\uFEFFsubject=Contoso\r\n${one.replace(/\n/g, '\r\n')}${one.replace(/\n/g, '\r\n')}`);
    const read = await readCaFile(bundle);
    expect(read.ok && read.value.length).toBe(2);
    expect(read.ok && read.value[0]).toBe(one);
  });

  it('refuses a pipe, a folder and an oversized file before reading them', async () => {
    const fifo = join(folder, 'ca-pipe');
    execFileSync('mkfifo', [fifo]);
    const huge = join(folder, 'huge.pem');
    await writeFile(huge, Buffer.alloc(5 * 1024 * 1024));
    for (const [path, key] of [
      [fifo, 'configfile.caFile.notAFile'],
      [folder, 'configfile.caFile.notAFile'],
      [huge, 'configfile.caFile.tooLarge'],
    ] as const) {
      const read = await readCaFile(path);
      expect(!read.ok && read.message.key).toBe(key);
    }
  });

  it('refuses a block that is not a certificate', async () => {
    const broken = join(folder, 'broken.pem');
    await writeFile(broken, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const read = await readCaFile(broken);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message.key).toBe('configfile.caFile.badCertificate');
  });
});
