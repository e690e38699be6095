import { join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { createTranslator, msg } from '../i18n/index.js';
import { formatConfigIssues } from './format-issues.js';
import { parseConfigText } from './load/index.js';

const en = createTranslator('en');
const ptBR = createTranslator('pt-BR');

async function issuesOf(text: string, file: string): Promise<readonly ConfigIssue[]> {
  try {
    await parseConfigText(text, file, { env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('formatConfigIssues', () => {
  const cwd = resolve('/work/customer');

  it('prints file:line:column, the path and the message, then the hints indented, one block per issue', () => {
    const issues: ConfigIssue[] = [
      {
        file: join(cwd, 'preflight.yaml'),
        line: 4,
        column: 15,
        path: 'accounts[0].provider',
        message: msg('configfile.enum', { found: '"office356"', allowed: 'office365, gmail, imap' }),
        hints: [msg('configfile.hint.didYouMean', { suggestion: 'office365' })],
      },
      { file: join(cwd, 'preflight.yaml'), line: 1, column: 1, path: 'version', message: msg('configfile.version.missing') },
    ];
    expect(formatConfigIssues(issues, en, { cwd })).toBe(
      [
        'preflight.yaml:4:15  accounts[0].provider: "office356" is not an accepted value; expected one of: office365, gmail, imap',
        '    did you mean office365?',
        '',
        'preflight.yaml:1:1  version: missing; write version: 1 as the first line of the file',
        '',
      ].join('\n'),
    );
    expect(formatConfigIssues(issues, ptBR, { cwd })).toContain('    você quis dizer office365?');
  });

  it('shows a file outside the working folder by its full path, and a whole-file issue without a position', () => {
    const outside = resolve('/etc/preflight/outro.yaml');
    const text = formatConfigIssues([{ file: outside, line: 0, column: 0, path: '', message: msg('configfile.read.missing') }], en, { cwd });
    expect(text).toBe(`${outside}  the file does not exist; check the path, or run \`tactium-preflight init\` to create it\n`);
  });

  it('prints nothing for no issues', () => {
    expect(formatConfigIssues([], en, { cwd })).toBe('');
  });

  it('never repeats a literal secret, whatever is wrong with it', async () => {
    const file = join(cwd, 'preflight.yaml');
    const text = [
      'version: 1',
      'accounts:',
      '  - name: a',
      '    provider: imap',
      '    mailbox: a@provedor.com.br',
      '    auth:',
      '      method: oauth2',
      '      password: 987654321',
      '      accessToken: "Tok3n\\tW1th\\qEscapes"',
      '      refreshToken: ""',
      '    pasword: Unkn0wnKeySecret',
      '    incoming: { host: mail.provedor.com.br, port: 993, security: tls }',
      '    outgoing: { host: "C:\\temp", port: 587, security: starttls }',
      '',
    ].join('\n');
    const issues = await issuesOf(text, file);
    expect(issues.map((issue) => issue.path)).toEqual([
      'accounts[0].auth.password',
      'accounts[0].auth.accessToken',
      'accounts[0].auth.refreshToken',
      'accounts[0].pasword',
      'accounts[0].outgoing.host',
    ]);
    // Not in the issues themselves (the scrubber at the exit is only the last guard)…
    const raw = JSON.stringify(issues);
    for (const secret of ['987654321', 'Tok3n', 'W1th', 'Escapes', 'Unkn0wnKeySecret']) expect(raw).not.toContain(secret);
    // …nor in the text, in either language.
    for (const t of [en, ptBR]) {
      const printed = formatConfigIssues(issues, t, { cwd });
      for (const secret of ['987654321', 'Tok3n', 'W1th', 'Escapes', 'Unkn0wnKeySecret']) expect(printed).not.toContain(secret);
      // Non-secret values are shown, with the single-quote form to write instead.
      expect(printed).toContain("'C:\\temp'");
    }
  });
});
