import { SECRET_KEYS, type Account, type PreflightConfig, type SecretKey } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import { defineCheck, type Evidence, type Remediation } from '../../core/check.js';
import { whereWritten } from './shared/setting-evidence.js';
import { setEnvironmentVariableToType } from '../../providers/microsoft/powershell.js';

/** The variable each secret conventionally lives in (as the README's example file names them). */
const ENVIRONMENT_NAMES: Readonly<Record<SecretKey, string>> = {
  clientSecret: 'TACTIUM_CLIENT_SECRET',
  password: 'MAILBOX_PASSWORD',
  refreshToken: 'GOOGLE_REFRESH_TOKEN',
  accessToken: 'ACCESS_TOKEN',
};

const FILE_NAMES: Readonly<Record<SecretKey, string>> = {
  clientSecret: 'client-secret.txt',
  password: 'mailbox-password.txt',
  refreshToken: 'refresh-token.txt',
  accessToken: 'access-token.txt',
};

/** What a leaked secret of each kind takes to rotate. */
const ROTATE: Readonly<Record<SecretKey, Remediation>> = {
  clientSecret: { kind: 'portal', message: msg('config.secretsInline.rotate.clientSecret') },
  password: { kind: 'text', message: msg('config.secretsInline.rotate.password') },
  refreshToken: { kind: 'text', message: msg('config.secretsInline.rotate.refreshToken') },
  accessToken: { kind: 'text', message: msg('config.secretsInline.rotate.accessToken') },
};

/**
 * Several accounts in one file each need their own variable: `TACTIUM_CLIENT_SECRET_ATENDIMENTO`.
 * Environment variable names are kept to A–Z, 0–9 and `_` so they work in every shell.
 */
export function environmentName(key: SecretKey, account: Account, config: PreflightConfig): string {
  const base = ENVIRONMENT_NAMES[key];
  if (config.accounts.length <= 1) return base;
  const suffix = account.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return suffix ? `${base}_${suffix}` : base;
}

/** No literal secret in the file: each must be a `${env:NAME}` or `${file:path}` reference. */
export const secretsInlineCheck = defineCheck({
  id: 'config.secrets-inline',
  area: 'config',
  title: 'config.secrets-inline.title',
  needs: ['config'],
  steps: 0,
  appliesTo: () => true,
  async run({ account, config }) {
    const inline = SECRET_KEYS.filter((key) => account.auth[key]?.source === 'inline');
    if (inline.length === 0) return { status: 'pass', summary: msg('config.secretsInline.pass') };

    const evidence: Evidence[] = inline.map((key) => {
      const where = whereWritten(account, config, `auth.${key}`);
      return { label: 'config.evidence.inlineSecret', value: where ? `auth.${key} — ${where}` : `auth.${key}` };
    });
    const remediation: Remediation[] = inline.flatMap((key): Remediation[] => {
      const name = environmentName(key, account, config);
      return [
        { kind: 'text', message: msg('config.secretsInline.fix.replace', { key: `auth.${key}`, name }), target: `${key}: \${env:${name}}` },
        { kind: 'command', message: msg('config.secretsInline.fix.powershell', { name }), target: setEnvironmentVariableToType(name) },
        { kind: 'command', message: msg('config.secretsInline.fix.setx', { name }), target: `setx ${name} "…"` },
        { kind: 'command', message: msg('config.secretsInline.fix.posix', { name }), target: `export ${name}='…'` },
        { kind: 'text', message: msg('config.secretsInline.fix.file', { file: FILE_NAMES[key] }), target: `${key}: \${file:./${FILE_NAMES[key]}}` },
        ROTATE[key],
      ];
    });
    return {
      status: 'warn',
      code: 'SECRET_INLINE',
      summary: msg('config.secretsInline.warn', { keys: inline.map((key) => `auth.${key}`).join(', ') }),
      evidence,
      remediation,
    };
  },
});
