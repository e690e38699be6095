import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { loadConfig, parseConfigText, type LoadOptions } from './load/index.js';
import { formatConfigIssues } from './format-issues.js';
import { createTranslator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';

const FILE = resolve('test/fixtures/config/inline.yaml');
const ENV = { TACTIUM_CLIENT_SECRET: 'test-client-secret-value', MAILBOX_PASSWORD: 'test-mailbox-password' };

function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

async function issuesOf(text: string, options: LoadOptions = { env: ENV }): Promise<ConfigIssue[]> {
  try {
    await parseConfigText(text, FILE, options);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The parts of an issue tests compare: where, which key, which message, which hints. */
function brief(issue: ConfigIssue) {
  return {
    at: `${issue.line}:${issue.column}`,
    path: issue.path,
    key: issue.message.key,
    ...(issue.hints ? { hints: issue.hints.map((hint) => hint.key) } : {}),
  };
}

const HEADER = ['version: 1', 'accounts:'];
/** A whole file with one IMAP account whose auth is written as given (one or more lines, indented under the account). */
function imapFile(...auth: string[]): string {
  return yaml(
    ...HEADER,
    '  - name: outra',
    '    provider: imap',
    '    mailbox: outra@example.com',
    ...auth,
    '    incoming: { protocol: imap, host: mail.example.com, port: 993, security: tls }',
    '    outgoing: { host: mail.example.com, port: 587, security: starttls }',
  );
}
/** An office365 application-flow account; line numbers in the tests count from here (line 3 = `- name`). */
const OFFICE365 = [
  ...HEADER,
  '  - name: atendimento',
  '    provider: office365',
  '    mailbox: atendimento@contoso.com.br',
  '    auth:',
  '      method: oauth2',
  '      flow: application',
  '      tenantId: contoso.onmicrosoft.com',
  '      clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
  '      clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
];

describe('parseConfigText: a valid file', () => {
  it('fills Office 365 global defaults and records which keys were written, and where', async () => {
    const config = await parseConfigText(yaml(...OFFICE365), FILE, { env: ENV });
    expect(config.file).toBe(FILE);
    const [account] = config.accounts;
    expect(account).toMatchObject({
      name: 'atendimento',
      provider: 'office365',
      cloud: 'global',
      incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
      endpoints: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com', googleToken: 'https://oauth2.googleapis.com/token' },
    });
    expect(account!.auth.clientSecret?.reveal()).toBe('test-client-secret-value');
    expect(account!.auth.clientSecret?.source).toBe('env');
    expect([...account!.explicit]).not.toContain('outgoing.port');
    expect(account!.explicit.has('auth.clientSecret')).toBe(true);
    expect(account!.positions.get('')).toEqual({ line: 3, column: 5 });
    expect(account!.positions.get('auth.clientSecret')).toEqual({ line: 11, column: 7 });
    expect(config.tls).toEqual({ extraCa: [] });
  });

  it('uses the national cloud hosts and endpoints, and lets endpoints.* and written ports override them', async () => {
    const config = await parseConfigText(
      yaml(...OFFICE365, '    cloud: usgov', '    outgoing:', '      port: 25', '    endpoints:', '      graph: https://graph.example.test'),
      FILE,
      { env: ENV },
    );
    const [account] = config.accounts;
    expect(account!.cloud).toBe('usgov');
    expect(account!.incoming).toEqual({ protocol: 'imap', host: 'outlook.office365.us', port: 993, security: 'tls' });
    expect(account!.outgoing).toEqual({ host: 'smtp.office365.us', port: 25, security: 'starttls' });
    expect(account!.endpoints).toEqual({
      login: 'https://login.microsoftonline.us',
      graph: 'https://graph.example.test',
      googleToken: 'https://oauth2.googleapis.com/token',
    });
    expect(account!.explicit.has('outgoing.port')).toBe(true);
    expect(account!.explicit.has('outgoing.security')).toBe(false);
    expect(account!.positions.get('outgoing.port')).toEqual({ line: 14, column: 7 });
  });

  it('fills Gmail hosts, POP3 included, and pairs a written port with the security it implies', async () => {
    const config = await parseConfigText(
      yaml(
        ...HEADER,
        '  - name: financeiro',
        '    provider: gmail',
        '    mailbox: financeiro@exemplo.com.br',
        '    auth: { method: password, password: "${env:MAILBOX_PASSWORD}" }',
        '    incoming: { protocol: pop3 }',
        '    outgoing: { port: 465 }',
      ),
      FILE,
      { env: ENV },
    );
    const [account] = config.accounts;
    expect(account!.incoming).toEqual({ protocol: 'pop3', host: 'pop.gmail.com', port: 995, security: 'tls' });
    expect(account!.outgoing).toEqual({ host: 'smtp.gmail.com', port: 465, security: 'tls' });
    expect(account!.cloud).toBe('global');
    expect(account!.auth.password?.reveal()).toBe('test-mailbox-password');
  });

  it('takes imap servers exactly as written', async () => {
    const config = await parseConfigText(
      yaml(
        ...HEADER,
        '  - name: outro',
        '    provider: imap',
        '    mailbox: contato@provedor.com.br',
        '    auth: { method: password, password: "${env:MAILBOX_PASSWORD}", username: contato }',
        '    incoming: { protocol: imap, host: mail.provedor.com.br, port: 143, security: starttls }',
        '    outgoing: { host: smtp.provedor.com.br, port: 2525, security: none }',
      ),
      FILE,
      { env: ENV },
    );
    expect(config.accounts[0]!.incoming).toEqual({ protocol: 'imap', host: 'mail.provedor.com.br', port: 143, security: 'starttls' });
    expect(config.accounts[0]!.outgoing).toEqual({ host: 'smtp.provedor.com.br', port: 2525, security: 'none' });
    expect(config.accounts[0]!.auth.username).toBe('contato');
  });

  it('keeps a literal secret as an inline Secret', async () => {
    const lines = [...OFFICE365];
    lines[10] = '      clientSecret: abc~literal-secret';
    const config = await parseConfigText(yaml(...lines), FILE, { env: {} });
    const secret = config.accounts[0]!.auth.clientSecret!;
    expect(secret.source).toBe('inline');
    expect(secret.reveal()).toBe('abc~literal-secret');
    expect(JSON.stringify(config)).not.toContain('abc~literal-secret');
  });

  it('reads CRLF line endings and a UTF-8 BOM with the same lines and columns', async () => {
    const text = `\uFEFF${yaml(...OFFICE365, '    outgoing:', '      port: 70000').replace(/\n/g, '\r\n')}`;
    const issues = await issuesOf(text);
    expect(issues.map(brief)).toEqual([{ at: '13:13', path: 'accounts[0].outgoing.port', key: 'configfile.port' }]);
    const valid = `\uFEFF${yaml(...OFFICE365).replace(/\n/g, '\r\n')}`;
    const config = await parseConfigText(valid, FILE, { env: ENV });
    expect(config.accounts[0]!.positions.get('auth.clientSecret')).toEqual({ line: 11, column: 7 });
    expect(config.accounts[0]!.auth.clientId).toBe('6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
  });
});

describe('parseConfigText: the file as a whole', () => {
  it('reports an empty file (comments only) at 1:1', async () => {
    expect((await issuesOf('# nothing yet\n')).map(brief)).toEqual([{ at: '1:1', path: '', key: 'configfile.empty' }]);
    expect((await issuesOf('')).map(brief)).toEqual([{ at: '1:1', path: '', key: 'configfile.empty' }]);
  });

  it('reports a file whose top level is a list or a single value', async () => {
    expect((await issuesOf('# header\n- name: a\n')).map(brief)).toEqual([{ at: '2:1', path: '', key: 'configfile.notMapping.list' }]);
    expect((await issuesOf('just text\n')).map(brief)).toEqual([{ at: '1:1', path: '', key: 'configfile.notMapping.scalar' }]);
  });

  it('reports a missing version at the top mapping and an unsupported one at its value', async () => {
    const missing = await issuesOf(yaml(...OFFICE365.slice(1)));
    expect(missing.map(brief)).toEqual([{ at: '1:1', path: 'version', key: 'configfile.version.missing' }]);
    const two = await issuesOf(yaml('version: 2', ...OFFICE365.slice(1)));
    expect(two.map(brief)).toEqual([{ at: '1:10', path: 'version', key: 'configfile.version.unsupported' }]);
    expect(two[0]!.message.params).toEqual({ found: '2' });
    const quoted = await issuesOf(yaml('version: "1"', ...OFFICE365.slice(1)));
    expect(quoted.map(brief)).toEqual([{ at: '1:10', path: 'version', key: 'configfile.version.unsupported', hints: ['configfile.hint.unquote'] }]);
  });

  it('locates YAML syntax errors and stops there', async () => {
    const issues = await issuesOf(yaml('version: 1', 'accounts:', '  - name: a', '\tprovider: gmail'));
    expect(issues.map(brief)).toContainEqual({ at: '4:1', path: '', key: 'configfile.yaml.tabIndent' });
    const flow = await issuesOf(yaml('version: 1', 'accounts: [', 'tls: {}'));
    expect(flow.length).toBeGreaterThan(0);
    expect(flow.every((issue) => issue.message.key === 'configfile.yaml.syntax')).toBe(true);
    expect(flow[0]!.line).toBe(3);
  });

  it('reports a duplicate key at the second occurrence and goes on validating', async () => {
    const issues = await issuesOf(yaml(...OFFICE365.slice(0, 5), '    mailbox: outra@contoso.com.br', ...OFFICE365.slice(5), '    cloud: globl'));
    expect(issues.map(brief)).toEqual([
      { at: '6:5', path: '', key: 'configfile.yaml.duplicateKey' },
      { at: '13:12', path: 'accounts[0].cloud', key: 'configfile.enum', hints: ['configfile.hint.didYouMean'] },
    ]);
    expect(issues[0]!.message.params).toEqual({ key: 'mailbox' });
  });
});

describe('parseConfigText: keys and values', () => {
  it('reports unknown keys at the key itself with "did you mean" among the keys of that level', async () => {
    const lines = [...OFFICE365];
    lines[10] = '      clientSecrets: ${env:TACTIUM_CLIENT_SECRET}';
    const issues = await issuesOf(yaml(...lines, '    outgoing:', '      hots: smtp.office365.com'));
    expect(issues.map(brief)).toEqual([
      { at: '6:5', path: 'accounts[0].auth.clientSecret', key: 'configfile.rule.applicationSecret', hints: ['configfile.hint.secretReference'] },
      { at: '11:7', path: 'accounts[0].auth.clientSecrets', key: 'configfile.unknownKey', hints: ['configfile.hint.didYouMean'] },
      { at: '13:7', path: 'accounts[0].outgoing.hots', key: 'configfile.unknownKey', hints: ['configfile.hint.didYouMean'] },
    ]);
    expect(issues[1]!.hints![0]!.params).toEqual({ suggestion: 'clientSecret' });
    expect(issues[2]!.hints![0]!.params).toEqual({ suggestion: 'host' });
    expect(String(issues[2]!.message.params!.allowed)).toBe('host, port, security');
  });

  it('says where a key belongs when it is written at the wrong level', async () => {
    const issues = await issuesOf(yaml(...OFFICE365, '    redirectUri: https://crm.example.com/cb', 'cloud: global'));
    expect(issues.map(brief)).toEqual([
      { at: '12:5', path: 'accounts[0].redirectUri', key: 'configfile.unknownKey', hints: ['configfile.hint.belongsUnder'] },
      { at: '13:1', path: 'cloud', key: 'configfile.unknownKey', hints: ['configfile.hint.belongsAccount'] },
    ]);
    expect(issues[0]!.hints![0]!.params).toEqual({ key: 'redirectUri', parent: 'auth:' });
  });

  it('never quotes a secret pasted under a key that is not for one (the value as its Secret ID)', async () => {
    // Shapes only: these are not real credentials.
    const value = 'Zx18Q~notARealSecretButShapedLikeOne1234567';
    const token = 'ya29.notARealTokenButShapedLikeOne1234';
    const lines = [...OFFICE365];
    lines[9] = `      clientId: ${token}`;
    const issues = await issuesOf(yaml(...lines, `      secretId: ${value}`));
    expect(issues.map(brief)).toEqual([
      { at: '10:17', path: 'accounts[0].auth.clientId', key: 'configfile.rule.office365ClientIdGuid', hints: ['configfile.hint.secretShaped'] },
      { at: '12:17', path: 'accounts[0].auth.secretId', key: 'configfile.format.guid', hints: ['configfile.hint.secretShaped'] },
    ]);
    expect(issues.map((issue) => issue.message.params?.found)).toEqual(['"ya2*****"', '"Zx1*****"']);
    const shown = JSON.stringify(issues);
    expect(shown).not.toContain('notARealSecret');
    expect(shown).not.toContain('notARealToken');
  });

  it('never quotes a secret pasted as a key, in the message or the path', async () => {
    // Shapes only: these are not real credentials.
    const value = 'Zx18Q~notARealSecretButShapedLikeOne1234567';
    const issues = await issuesOf(yaml(...OFFICE365, `      ${value}: x`, `    ${'k'.repeat(200)}: y`));
    expect(issues.map(brief)).toEqual([
      { at: '12:7', path: 'accounts[0].auth.Zx1*****', key: 'configfile.unknownKey' },
      { at: '13:5', path: `accounts[0].${'k'.repeat(77)}…`, key: 'configfile.unknownKey' },
    ]);
    expect(issues[0]!.message.params!.key).toBe('Zx1*****');
    expect(JSON.stringify(issues)).not.toContain('notARealSecret');
    expect(JSON.stringify(issues)).not.toContain('k'.repeat(78));
  });

  it("refuses a secret written as the customer's name, which heads the handoff sheet", async () => {
    const issues = await issuesOf(yaml(...OFFICE365, 'customer: ya29.notARealTokenButShapedLikeOne1234'));
    expect(issues.map(brief)).toEqual([{ at: '12:11', path: 'customer', key: 'configfile.secretShapedName', hints: ['configfile.hint.secretShaped'] }]);
    expect(JSON.stringify(issues)).not.toContain('notARealToken');
  });

  it('refuses a secret written as the login name or the account name, without quoting it', async () => {
    // Shapes only: these are not real credentials.
    const password = 'abcd efgh ijkl mnop';
    const token = 'ya29.notARealTokenButShapedLikeOne1234';
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        `  - name: ${token}`,
        '    provider: gmail',
        '    mailbox: atendimento@gmail.com',
        `    auth: { method: password, username: "${password}", password: "\${env:MAILBOX_PASSWORD}" }`,
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '3:11', path: 'accounts[0].name', key: 'configfile.secretShapedName', hints: ['configfile.hint.secretShaped'] },
      { at: '6:41', path: 'accounts[0].auth.username', key: 'configfile.secretShapedName', hints: ['configfile.hint.secretShaped'] },
    ]);
    expect(JSON.stringify(issues)).not.toContain('notARealToken');
    expect(JSON.stringify(issues)).not.toContain('ijkl');
  });

  it("never quotes the file's text from yaml's own error messages (an alias, a tag, a block scalar header)", async () => {
    // yaml reads `*x` as an alias, `!x` as a tag and `|x` as a block scalar header, and names the token.
    for (const written of ['*Summer2024xyz', '!Summer2024xyz', '|Summer2024xyz', '>Summer2024xyz']) {
      const issues = await issuesOf(imapFile('    auth:', '      method: password', `      password: ${written}`));
      expect(issues.length).toBeGreaterThan(0);
      expect(JSON.stringify(issues)).not.toContain('mmer2024');
    }
  });

  it('masks a secret-shaped key wherever it is named: written twice, inside a longer key, or as a complex key', async () => {
    // Shapes only: these are not real credentials.
    const value = 'Zx18Q~notARealSecretButShapedLikeOne1234567';
    const warnings: unknown[] = [];
    const onWarning = (warning: unknown) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (const lines of [
        [`      ${value}: x`, `      ${value}: y`],
        [`      "${value}": x`, `      "${value}": y`],
        [`      clientSecret ${value}: x`],
        [`      ? ${value}`, '      : x', `      ? { ${value}: 1 }`, '      : y'],
      ]) {
        const issues = await issuesOf(yaml(...OFFICE365, ...lines));
        expect(issues.length).toBeGreaterThan(0);
        expect(JSON.stringify(issues)).not.toContain('notARealSecret');
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(JSON.stringify(warnings.map(String))).not.toContain('notARealSecret');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('never quotes a password glued to its key (no space after the colon), and says the fix', async () => {
    for (const written of ['password:Summer2024xQ', 'password=Summer2024xQ', 'password :Summer2024xQ']) {
      const issues = await issuesOf(imapFile(`    auth: { method: password, ${written} }`));
      const glued = issues.find((issue) => issue.message.key === 'configfile.unknownKey')!;
      expect(glued.path).toBe('accounts[0].auth.password…');
      expect(glued.hints!.map((hint) => hint.key)).toEqual(['configfile.hint.spaceAfterColon']);
      expect(scrub(formatConfigIssues(issues, createTranslator('en')))).not.toContain('mmer2024');
      expect(JSON.stringify(issues)).not.toContain('mmer2024');
    }
  });

  it('never echoes an environment variable name shaped like a password (mixed case and digits)', async () => {
    for (const written of ['${Summer2024xQ}', '${env:Summer2024xQ}']) {
      const issues = await issuesOf(imapFile(`    auth: { method: password, password: "${written}" }`), { env: {} });
      expect(scrub(formatConfigIssues(issues, createTranslator('en')))).not.toContain('mmer2024');
    }
  });

  it('never quotes a password written inside a server URL', async () => {
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        '  - name: outro',
        '    provider: imap',
        '    mailbox: outro@example.com',
        '    auth: { method: password, password: "${env:MAILBOX_PASSWORD}" }',
        '    incoming: { protocol: imap, host: "imaps://joao:notARealPassword@mail.example.com:993", port: 993, security: tls }',
        '    outgoing: { host: mail.example.com, port: 465, security: tls }',
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '7:39', path: 'accounts[0].incoming.host', key: 'configfile.format.host', hints: ['configfile.hint.hostOnly', 'configfile.hint.secretShaped'] },
    ]);
    expect(issues[0]!.hints![0]!.params).toEqual({ host: 'mail.example.com' });
    expect(JSON.stringify(issues)).not.toContain('notARealPassword');
  });

  it('refuses a user name or password inside an https endpoint, and never quotes the password', async () => {
    const issues = await issuesOf(
      yaml(
        ...OFFICE365,
        '    endpoints:',
        '      login: "https://admin:notARealPassword@login.example.test"',
        '      graph: "https://admin@graph.example.test/"',
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '13:14', path: 'accounts[0].endpoints.login', key: 'configfile.format.httpsUrl', hints: ['configfile.hint.secretShaped'] },
      { at: '14:14', path: 'accounts[0].endpoints.graph', key: 'configfile.format.httpsUrl' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('notARealPassword');
  });

  it('suggests the enum value meant: office356 → office365, startls → starttls', async () => {
    const lines = [...OFFICE365];
    lines[3] = '    provider: office356';
    const issues = await issuesOf(yaml(...lines, '    outgoing:', '      security: startls'));
    expect(issues.map(brief)).toEqual([
      { at: '4:15', path: 'accounts[0].provider', key: 'configfile.enum', hints: ['configfile.hint.didYouMean'] },
      { at: '13:17', path: 'accounts[0].outgoing.security', key: 'configfile.enum', hints: ['configfile.hint.didYouMean'] },
    ]);
    expect(issues[0]!.hints![0]!.params).toEqual({ suggestion: 'office365' });
    expect(issues[0]!.message.params).toEqual({ found: '"office356"', allowed: 'office365, gmail, imap' });
    expect(issues[1]!.hints![0]!.params).toEqual({ suggestion: 'starttls' });
  });

  it('reports wrong types, shapes and ranges at the value, several at once', async () => {
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        '  - name: outro',
        '    provider: imap',
        '    mailbox: contato@provedor',
        '    auth: { method: password, password: "${env:MAILBOX_PASSWORD}" }',
        '    admin: { user: admin@provedor.com.br, clientId: not-a-guid }',
        '    incoming: { host: "imaps://mail.provedor.com.br:993", port: "993", security: tls }',
        '    outgoing: { host: smtp.provedor.com.br, port: 0, security: starttls }',
        '    endpoints: { login: http://login.example.test }',
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '5:14', path: 'accounts[0].mailbox', key: 'configfile.format.email' },
      { at: '7:53', path: 'accounts[0].admin.clientId', key: 'configfile.format.guid' },
      { at: '8:23', path: 'accounts[0].incoming.host', key: 'configfile.format.host', hints: ['configfile.hint.hostOnly'] },
      { at: '8:65', path: 'accounts[0].incoming.port', key: 'configfile.type.number', hints: ['configfile.hint.unquote'] },
      { at: '9:51', path: 'accounts[0].outgoing.port', key: 'configfile.port' },
      { at: '10:25', path: 'accounts[0].endpoints.login', key: 'configfile.format.httpsUrl' },
    ]);
    expect(issues[2]!.hints![0]!.params).toEqual({ host: 'mail.provedor.com.br' });
    expect(issues[3]!.hints![0]!.params).toEqual({ value: '993' });
  });

  it('checks GUIDs, tenant domains, dates and redirect URIs', async () => {
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        '  - name: vendas',
        '    provider: office365',
        '    mailbox: vendas@contoso.com.br',
        '    auth:',
        '      method: oauth2',
        '      flow: delegated',
        '      tenantId: contoso',
        '      clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2',
        '      objectId: 9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a',
        '      clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
        '      secretExpiresOn: 31/05/2027',
        '      redirectUri: http://crm.example.com/callback',
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '9:17', path: 'accounts[0].auth.tenantId', key: 'configfile.format.tenant' },
      { at: '10:17', path: 'accounts[0].auth.clientId', key: 'configfile.rule.office365ClientIdGuid' },
      { at: '13:24', path: 'accounts[0].auth.secretExpiresOn', key: 'configfile.format.date' },
      { at: '14:20', path: 'accounts[0].auth.redirectUri', key: 'configfile.format.redirectUri' },
    ]);
  });

  it('reports an empty value and a missing required key, the latter at its parent mapping', async () => {
    const issues = await issuesOf(yaml(...HEADER, '  - name: vendas', '    provider: gmail', '    auth:', '      method: password', '      password:'));
    expect(issues.map(brief)).toEqual([
      { at: '3:5', path: 'accounts[0].mailbox', key: 'configfile.required' },
      { at: '7:7', path: 'accounts[0].auth.password', key: 'configfile.value.null' },
    ]);
  });

  it('reports duplicate account names at the second name, citing the first line', async () => {
    const issues = await issuesOf(yaml(...OFFICE365, ...OFFICE365.slice(2).map((line) => line.replace('name: atendimento', 'name: Atendimento'))));
    expect(issues.map(brief)).toEqual([{ at: '12:11', path: 'accounts[1].name', key: 'configfile.accounts.duplicateName' }]);
    expect(issues[0]!.message.params).toEqual({ name: 'Atendimento', line: 3 });
  });

  it('reports accounts written as a mapping instead of a list, with the dash hint', async () => {
    const issues = await issuesOf(yaml('version: 1', 'accounts:', '  name: a', '  provider: gmail'));
    expect(issues.map(brief)).toEqual([{ at: '3:3', path: 'accounts', key: 'configfile.type.list', hints: ['configfile.hint.listDash'] }]);
  });
});

describe('parseConfigText: rules per provider and auth method', () => {
  it('requires tenantId, clientId and flow for Office 365 OAuth, located at auth', async () => {
    const issues = await issuesOf(yaml(...OFFICE365.slice(0, 7)));
    expect(issues.map(brief)).toEqual([
      { at: '6:5', path: 'accounts[0].auth', key: 'configfile.rule.office365Ids' },
      { at: '6:5', path: 'accounts[0].auth.flow', key: 'configfile.rule.office365Flow' },
    ]);
    expect(issues[0]!.message.params).toEqual({ keys: 'auth.tenantId, auth.clientId' });
  });

  it('requires the client secret and redirect URI for the delegated flow, unless an access token is given', async () => {
    const delegated = [...OFFICE365.slice(0, 7), '      flow: delegated', ...OFFICE365.slice(8, 10)];
    const issues = await issuesOf(yaml(...delegated));
    expect(issues.map(brief)).toEqual([
      { at: '6:5', path: 'accounts[0].auth', key: 'configfile.rule.delegatedSecret', hints: ['configfile.hint.secretReference'] },
    ]);
    expect(issues[0]!.message.params).toEqual({ keys: 'auth.clientSecret, auth.redirectUri' });
    const config = await parseConfigText(yaml(...delegated, '      accessToken: ${env:TACTIUM_CLIENT_SECRET}'), FILE, { env: ENV });
    expect(config.accounts[0]!.auth.accessToken?.source).toBe('env');
  });

  it('requires a password for method: password', async () => {
    const issues = await issuesOf(yaml(...OFFICE365.slice(0, 6), '      method: password'));
    expect(issues.map(brief)).toEqual([
      { at: '6:5', path: 'accounts[0].auth.password', key: 'configfile.rule.office365Password', hints: ['configfile.hint.secretReference'] },
    ]);
  });

  it('says so when an Office 365 client ID is a Google OAuth client ID', async () => {
    const lines = [...OFFICE365];
    lines[9] = '      clientId: 123456789012-abcdef.apps.googleusercontent.com';
    const issues = await issuesOf(yaml(...lines));
    expect(issues.map(brief)).toEqual([
      { at: '10:17', path: 'accounts[0].auth.clientId', key: 'configfile.rule.office365ClientIdGoogle', hints: ['configfile.hint.providerGmail'] },
    ]);
  });

  it('explains that Gmail OAuth is Google Cloud, not Azure, when a Gmail account carries Azure fields', async () => {
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        '  - name: suporte',
        '    provider: gmail',
        '    mailbox: suporte@exemplo.com.br',
        '    auth:',
        '      method: oauth2',
        '      tenantId: 4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f',
        '      clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
        '      secretId: 3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f',
        '      clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
        '    flow: application',
      ),
    );
    expect(issues.map(brief)).toEqual([
      {
        at: '8:7',
        path: 'accounts[0].auth.tenantId',
        key: 'configfile.rule.gmailAzure',
        hints: ['configfile.hint.gmailOAuthClient', 'configfile.hint.gmailAppPassword'],
      },
      { at: '9:17', path: 'accounts[0].auth.clientId', key: 'configfile.rule.gmailClientIdAzure', hints: ['configfile.hint.gmailOAuthClient'] },
      { at: '12:5', path: 'accounts[0].flow', key: 'configfile.unknownKey', hints: ['configfile.hint.belongsUnder'] },
    ]);
    expect(issues[0]!.message.params).toEqual({ keys: 'auth.tenantId, auth.secretId' });
  });

  it('requires the servers for provider: imap, and refuses flow and cloud outside Office 365', async () => {
    const issues = await issuesOf(
      yaml(
        ...HEADER,
        '  - name: outro',
        '    provider: imap',
        '    mailbox: contato@provedor.com.br',
        '    auth: { method: oauth2, flow: delegated }',
        '    incoming: { host: mail.provedor.com.br }',
        '    cloud: global',
      ),
    );
    expect(issues.map(brief)).toEqual([
      { at: '3:5', path: 'accounts[0].outgoing', key: 'configfile.rule.imapServers' },
      { at: '6:5', path: 'accounts[0].auth.accessToken', key: 'configfile.rule.imapOAuth', hints: ['configfile.hint.secretReference'] },
      { at: '6:29', path: 'accounts[0].auth.flow', key: 'configfile.rule.office365Only' },
      { at: '7:5', path: 'accounts[0].incoming', key: 'configfile.rule.imapServers' },
    ]);
    expect(issues[3]!.message.params).toEqual({ keys: 'incoming.port, incoming.security' });
    expect(issues[2]!.message.params).toEqual({ keys: 'auth.flow, cloud' });
  });
});

describe('parseConfigText: a Windows path in double quotes', () => {
  it('adds the single-quote hint to the escape error yaml reports (\\U)', async () => {
    const issues = await issuesOf(yaml(...OFFICE365, 'tls:', '  caFile: "C:\\Users\\ana\\root.pem"'));
    expect(issues.map(brief)).toEqual([{ at: '13:14', path: 'tls.caFile', key: 'configfile.yaml.badEscape', hints: ['configfile.hint.singleQuotes'] }]);
    expect(issues[0]!.hints![0]!.params).toEqual({ suggestion: "'C:\\Users\\ana\\root.pem'" });
  });

  it('reports a value silently changed by \\t and \\n, with the single-quote hint', async () => {
    const issues = await issuesOf(yaml(...OFFICE365, 'tls:', '  caFile: "C:\\temp\\new-root.pem"'));
    expect(issues.map(brief)).toEqual([{ at: '13:11', path: 'tls.caFile', key: 'configfile.escape.changed', hints: ['configfile.hint.singleQuotes'] }]);
    expect(issues[0]!.message.params).toEqual({ escapes: '\\t \\n' });
    expect(issues[0]!.hints![0]!.params).toEqual({ suggestion: "'C:\\temp\\new-root.pem'" });
  });

  it('gives the hint without the value for a literal secret', async () => {
    const lines = [...OFFICE365];
    lines[10] = '      clientSecret: "abc\\tdef"';
    const issues = await issuesOf(yaml(...lines));
    expect(issues.map(brief)).toEqual([
      { at: '11:21', path: 'accounts[0].auth.clientSecret', key: 'configfile.escape.changed', hints: ['configfile.hint.singleQuotesSecret'] },
    ]);
  });

  it('accepts intended escapes and doubled backslashes', async () => {
    const config = await parseConfigText(yaml(...OFFICE365).replace('name: atendimento', 'name: "aten\\u0064imento"'), FILE, { env: ENV });
    expect(config.accounts[0]!.name).toBe('atendimento');
    const doubled = await issuesOf(yaml(...OFFICE365, 'tls:', '  caFile: "C:\\\\Users\\\\ana\\\\missing.pem"'));
    expect(doubled.map(brief)).toEqual([{ at: '13:11', path: 'tls.caFile', key: 'configfile.caFile.missing' }]);
  });
});

describe('loadConfig', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'preflight-load-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a file from disk', async () => {
    const file = join(folder, 'ok.yaml');
    await writeFile(file, yaml(...OFFICE365));
    const config = await loadConfig(file, { env: ENV });
    expect(config.file).toBe(file);
    expect(config.accounts).toHaveLength(1);
  });

  it('reports a missing file as a whole-file issue (line 0)', async () => {
    const file = join(folder, 'absent.yaml');
    await expect(loadConfig(file)).rejects.toMatchObject({ issues: [{ file, line: 0, column: 0, message: { key: 'configfile.read.missing' } }] });
  });

  it('reads a file saved with a UTF-8 BOM, or as UTF-16 LE / BE with a BOM and CRLF, with the lines of its editor', async () => {
    // Notepad "UTF-8 with BOM", Notepad "Unicode" / PowerShell 5.1 `>` and `Out-File`, Notepad "Unicode big endian".
    const text = yaml(...OFFICE365, '    cloud: narnia').replace(/\n/g, '\r\n');
    const encodings: Array<[string, Buffer]> = [
      ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ];
    for (const [name, bytes] of encodings) {
      const file = join(folder, `${name}.yaml`);
      await writeFile(file, bytes);
      const issues = await loadConfig(file, { env: ENV }).then(
        () => [],
        (error: unknown) =>
          error instanceof ConfigError ? error.issues.map((issue) => ({ ...brief(issue), found: issue.message.params?.found })) : [String(error)],
      );
      expect({ name, issues }).toEqual({ name, issues: [{ at: '12:12', path: 'accounts[0].cloud', key: 'configfile.enum', found: '"narnia"' }] });
    }
    for (const [name, bytes] of encodings) {
      const file = join(folder, `${name}-ok.yaml`);
      const lines = text
        .split('\r\n')
        .filter((line) => !line.includes('narnia'))
        .join('\r\n');
      const body =
        name === 'utf8-bom' ? Buffer.from(lines, 'utf8') : name === 'utf16le' ? Buffer.from(lines, 'utf16le') : Buffer.from(lines, 'utf16le').swap16();
      await writeFile(file, Buffer.concat([bytes.subarray(0, name === 'utf8-bom' ? 3 : 2), body]));
      const config = await loadConfig(file, { env: ENV });
      expect(config.accounts[0]!.auth.clientSecret!.reveal()).toBe('test-client-secret-value');
      expect(config.accounts[0]!.name).toBe('atendimento');
    }
  });

  it('tells a Windows-1252 file apart from YAML errors', async () => {
    const ansi = join(folder, 'ansi.yaml');
    await writeFile(ansi, Buffer.concat([Buffer.from('version: 1\n# configura'), Buffer.from([0xe7, 0xe3]), Buffer.from('o\n')]));
    await expect(loadConfig(ansi)).rejects.toMatchObject({ issues: [{ line: 2, column: 12, message: { key: 'configfile.read.notUtf8' } }] });
  });

  it('refuses a file over 1 MB at once, naming its size and the limit, and a pipe without waiting', async () => {
    const big = join(folder, 'big.yaml');
    await writeFile(big, `${yaml(...OFFICE365)}${'# filler line of a huge file\n'.repeat(40_000)}`);
    const size = (await readFile(big)).length;
    await expect(loadConfig(big)).rejects.toMatchObject({
      issues: [{ file: big, line: 0, column: 0, message: { key: 'configfile.read.tooLarge', params: { size, max: 1024 * 1024 } } }],
    });
    const pipe = join(folder, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    await expect(loadConfig(pipe)).rejects.toMatchObject({ issues: [{ file: pipe, line: 0, message: { key: 'configfile.read.notAFile' } }] });
  });
});

describe('parseConfigText on arbitrary input', () => {
  /** Either a config, or a ConfigError whose every issue points inside the text; never anything else. */
  async function checkOutcome(text: string): Promise<void> {
    const lineCount = text.split(/\r\n|\r|\n/).length;
    try {
      await parseConfigText(text, FILE, { env: ENV });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.issues.length).toBeGreaterThan(0);
      for (const issue of error.issues) {
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.line).toBeLessThanOrEqual(lineCount);
        expect(issue.column).toBeGreaterThanOrEqual(1);
      }
    }
  }

  it('throws only ConfigErrors with positions inside the text, for random text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), checkOutcome), { numRuns: 300 });
  });

  it('throws only ConfigErrors with positions inside the text, for an example file with random edits', async () => {
    const example = await readFile('fixtures/office365.example.yaml', 'utf8');
    const edit = fc.tuple(
      fc.nat({ max: example.length }),
      fc.nat({ max: 8 }),
      fc.constantFrom('', ' ', '\t', ':', '- ', '"', "'", '\\', '{', '[', '#', '\n', '\r\n', '${env:X}', 'x', '0'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let text = example;
        for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + remove));
        await checkOutcome(text);
      }),
      { numRuns: 300 },
    );
  });
});
