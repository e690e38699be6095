import type { AccountDraft, AuthKey } from '../config/write/draft.js';
import { parseReference } from '../config/references.js';
import { CLOUDS, GOOGLE_CLIENT_ID_PATTERN } from '../config/schema.js';
import type { AuthMethod, Cloud, OAuthFlow, Provider, SecretKey } from '../config/types.js';
import type { Translator } from '../i18n/index.js';
import type { MessageKey } from '../core/message.js';
import { registerSecretValue } from '../secrets/redact.js';
import type { Choice, Prompter, Validator } from './prompts.js';
import { askServers } from './servers.js';
import { oneOf, read, readString, type WrittenAccount } from './written.js';
import type { Discovery } from '../discovery/types.js';
import { describeDiscovery } from '../discovery/present.js';
import {
  validateAccountName,
  validateClientSecretValue,
  parsePortalDate,
  validateDate,
  validateEmail,
  validateEnvName,
  validateGoogleClientId,
  validateLogin,
  validateNonEmptySecret,
  validateObjectId,
  validateOfficeClientId,
  validateRedirectUri,
  validateSecretFilePath,
  validateSecretId,
  validateTenant,
  type Verdict,
} from './validate.js';

/**
 * The `init` flow: provider → how Tactium signs in (with when to choose each) → IDs, checked as typed →
 * incoming and outgoing servers, the provider's defaults pre-filled → where each secret comes from. It
 * only asks (through a Prompter) and returns a draft; init.ts writes it. Editing an existing account
 * pre-fills every answer with what the file says.
 */

export interface AccountQuestionsOptions {
  readonly prompter: Prompter;
  readonly t: Translator;
  /** Names of the file's other accounts (a name must be unique). */
  readonly takenNames: readonly string[];
  /** The account being edited. */
  readonly existing?: WrittenAccount;
  /** What the address alone tells (provider, tenant, cloud, servers), to propose; never throws. */
  readonly discover?: (mailbox: string) => Promise<Discovery | undefined>;
}

type Method = 'application' | 'delegated' | 'password' | 'oauth2';

interface SecretQuestion {
  readonly key: SecretKey;
  readonly label: MessageKey;
  readonly defaultEnv: string;
  /** The secret may be left out for now (a Gmail refresh token: `check --login` obtains one). */
  readonly optional?: boolean;
}

/** A label from the mailbox's local part: `atendimento@contoso.com.br` → `atendimento`. */
export function suggestName(mailbox: string, taken: readonly string[]): string {
  const base = (mailbox.split('@')[0] ?? 'conta').toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'conta';
  if (validateAccountName(base, taken) === true) return base;
  for (let index = 2; ; index++) if (validateAccountName(`${base}-${index}`, taken) === true) return `${base}-${index}`;
}

/** Google's own consumer domains: any other domain on Gmail is Google Workspace (an administrator exists). */
function isWorkspace(mailbox: string): boolean {
  return !/@(gmail|googlemail)\.com$/i.test(mailbox);
}

export async function askAccount(options: AccountQuestionsOptions): Promise<AccountDraft> {
  const { prompter, t, existing } = options;
  const check =
    (validate: (value: string) => Verdict): Validator =>
    (value) => {
      const verdict = validate(value);
      return verdict === true ? true : t.message(verdict);
    };
  const optional = (text: string) => `${text} ${t.t('wizard.optional')}:`;

  // 1. The mailbox address first: the rest is proposed from it (a changed address of an edited account too).
  const mailbox = await prompter.input({
    message: t.t('wizard.mailbox.question'),
    default: readString(existing, 'mailbox'),
    validate: check((value) => validateEmail(value)),
  });
  const found = options.discover && mailbox !== readString(existing, 'mailbox') ? await options.discover(mailbox) : undefined;
  for (const line of describeDiscovery(found, t)) prompter.say(line);

  // 2. Provider, and the account's label
  const previousProvider = oneOf(read(existing, 'provider'), ['office365', 'gmail', 'imap'] as const);
  const provider = await prompter.select<Provider>({
    message: t.t('wizard.provider.question'),
    choices: [
      { value: 'office365', name: t.t('report.provider.office365'), description: t.t('wizard.provider.office365') },
      { value: 'gmail', name: t.t('report.provider.gmail'), description: t.t('wizard.provider.gmail') },
      { value: 'imap', name: t.t('report.provider.imap'), description: t.t('wizard.provider.imap') },
    ],
    default: previousProvider ?? found?.provider?.value ?? 'office365',
  });
  const sameProvider = previousProvider === provider;
  const previous = (path: string) => (sameProvider ? readString(existing, path) : undefined);

  const name = await prompter.input({
    message: t.t('wizard.name.question'),
    default: readString(existing, 'name') ?? suggestName(mailbox, options.takenNames),
    validate: check((value) => validateAccountName(value, options.takenNames)),
  });

  // 3. How Tactium signs in
  const method = await askMethod(prompter, t, provider, existing, sameProvider);
  const authMethod: AuthMethod = method === 'password' ? 'password' : 'oauth2';
  const flow: OAuthFlow | undefined = method === 'application' || method === 'delegated' ? method : undefined;
  const auth: { -readonly [K in Exclude<AuthKey, 'method' | 'flow'>]?: string } = {};

  let cloud: Cloud | undefined;
  if (provider === 'office365') {
    cloud = await prompter.select<Cloud>({
      message: t.t('wizard.cloud.question'),
      choices: CLOUDS.map((value) => ({ value, name: t.t(`wizard.cloud.${value}`) })),
      default: oneOf(read(existing, 'cloud'), CLOUDS) ?? found?.cloud?.value ?? 'global',
    });
  }

  // 4. The IDs, each checked as it is typed
  if (provider === 'office365' && authMethod === 'oauth2') {
    prompter.say(t.t('wizard.ids.office365'));
    const tenantId = previous('auth.tenantId') ?? found?.tenantId?.value;
    auth.tenantId = await prompter.input({ message: t.t('wizard.tenantId.question'), default: tenantId, validate: check(validateTenant) });
    const clientId = await prompter.input({
      message: t.t('wizard.clientId.question'),
      default: previous('auth.clientId'),
      validate: check(validateOfficeClientId),
    });
    auth.clientId = clientId;
    const objectId = await prompter.input({
      message: optional(t.t('wizard.objectId.question')),
      default: previous('auth.objectId'),
      validate: check((value) => validateObjectId(value, clientId)),
    });
    if (objectId) auth.objectId = objectId;
    const secretId = await prompter.input({
      message: optional(t.t('wizard.secretId.question')),
      default: previous('auth.secretId'),
      validate: check((value) => validateSecretId(value, { clientId, objectId })),
      pastedSecret: t.t('wizard.invalid.secretIdIsValue'),
    });
    if (secretId) auth.secretId = secretId;
    const expires = await prompter.input({
      message: optional(t.t('wizard.secretExpiresOn.question')),
      default: previous('auth.secretExpiresOn'),
      validate: check((value) => validateDate(value, { optional: true, locale: t.locale })),
    });
    const expiresOn = expires ? parsePortalDate(expires, t.locale) : undefined;
    if (expiresOn) {
      auth.secretExpiresOn = expiresOn;
      // The portal's short date is read by the language's convention: said back unambiguously.
      if (expiresOn !== expires) prompter.say(t.t('wizard.secretExpiresOn.readAs', { date: expiresOn }));
    }
    if (flow === 'delegated') {
      auth.redirectUri = await prompter.input({
        message: t.t('wizard.redirectUri.question'),
        default: previous('auth.redirectUri'),
        validate: check(validateRedirectUri),
      });
    }
  }
  if (provider === 'gmail' && authMethod === 'oauth2') {
    prompter.say(t.t('wizard.ids.gmail'));
    const written = previous('auth.clientId');
    auth.clientId = await prompter.input({
      message: t.t('wizard.googleClientId.question'),
      default: written && GOOGLE_CLIENT_ID_PATTERN.test(written) ? written : undefined,
      validate: check(validateGoogleClientId),
    });
    // Where `check --login` has Google send the browser: one of the client's Authorized redirect URIs.
    // Empty: http://127.0.0.1 (any port), which a Desktop app client accepts without registering it.
    const redirectUri = await prompter.input({
      message: optional(t.t('wizard.googleRedirectUri.question')),
      default: previous('auth.redirectUri'),
      validate: check((value) => (value === '' ? true : validateRedirectUri(value))),
    });
    if (redirectUri) auth.redirectUri = redirectUri;
  }

  // The login name, where one can differ from the address (not for the application flow: the app signs
  // in for the mailbox itself).
  if (!(provider === 'office365' && flow === 'application')) {
    const username = await prompter.input({
      message: optional(t.t('wizard.username.question')),
      default: previous('auth.username'),
      validate: check(validateLogin),
    });
    if (username && username !== mailbox) auth.username = username;
  }

  let admin: { user: string } | undefined;
  if (provider === 'office365' || (provider === 'gmail' && isWorkspace(mailbox))) {
    const user = await prompter.input({
      message: optional(t.t(provider === 'office365' ? 'wizard.admin.office365' : 'wizard.admin.gmail')),
      default: readString(existing, 'admin.user'),
      validate: check((value) => validateEmail(value, { optional: true })),
    });
    if (user) admin = { user };
  }

  // 5. Servers
  const proposed = provider === found?.provider?.value ? found.servers?.value : undefined;
  const { incoming, outgoing } = await askServers(prompter, t, provider, cloud ?? 'global', existing, sameProvider, check, proposed);

  // 6. Where each secret comes from
  const literalSecrets: SecretKey[] = [];
  for (const question of secretQuestions(provider, method)) {
    const answer = await askSecret(prompter, t, question, sameProvider ? readString(existing, `auth.${question.key}`) : undefined, auth.secretId, check);
    if (answer.value === undefined) delete auth[question.key];
    else auth[question.key] = answer.value;
    if (answer.literal) literalSecrets.push(question.key);
  }

  return {
    name,
    provider,
    mailbox,
    auth: { ...auth, method: authMethod, ...(flow ? { flow } : {}) },
    ...(admin ? { admin } : {}),
    incoming,
    outgoing,
    ...(cloud ? { cloud } : {}),
    literalSecrets,
  };
}

async function askMethod(prompter: Prompter, t: Translator, provider: Provider, existing: WrittenAccount | undefined, sameProvider: boolean): Promise<Method> {
  const writtenMethod = sameProvider ? readString(existing, 'auth.method') : undefined;
  const writtenFlow = sameProvider ? readString(existing, 'auth.flow') : undefined;
  if (provider === 'office365') {
    const written = writtenMethod === 'password' ? 'password' : oneOf(writtenFlow, ['application', 'delegated'] as const);
    return prompter.select<Method>({
      message: t.t('wizard.method.question'),
      choices: [
        { value: 'application', name: t.t('wizard.method.application'), description: t.t('wizard.method.application.when') },
        { value: 'delegated', name: t.t('wizard.method.delegated'), description: t.t('wizard.method.delegated.when') },
        { value: 'password', name: t.t('wizard.method.office365Password'), description: t.t('wizard.method.office365Password.when') },
      ],
      default: written ?? 'application',
    });
  }
  const choices: Choice<Method>[] =
    provider === 'gmail'
      ? [
          { value: 'password', name: t.t('wizard.method.gmailAppPassword'), description: t.t('wizard.method.gmailAppPassword.when') },
          { value: 'oauth2', name: t.t('wizard.method.gmailOAuth'), description: t.t('wizard.method.gmailOAuth.when') },
        ]
      : [
          { value: 'password', name: t.t('wizard.method.imapPassword'), description: t.t('wizard.method.imapPassword.when') },
          { value: 'oauth2', name: t.t('wizard.method.imapToken'), description: t.t('wizard.method.imapToken.when') },
        ];
  return prompter.select<Method>({ message: t.t('wizard.method.question'), choices, default: writtenMethod === 'oauth2' ? 'oauth2' : 'password' });
}

function secretQuestions(provider: Provider, method: Method): SecretQuestion[] {
  if (method === 'password') {
    return [
      {
        key: 'password',
        label: provider === 'gmail' ? 'wizard.secret.appPassword' : 'wizard.secret.password',
        defaultEnv: provider === 'gmail' ? 'GMAIL_APP_PASSWORD' : 'MAILBOX_PASSWORD',
      },
    ];
  }
  if (provider === 'office365') return [{ key: 'clientSecret', label: 'wizard.secret.clientSecret', defaultEnv: 'TACTIUM_CLIENT_SECRET' }];
  if (provider === 'gmail') {
    return [
      { key: 'clientSecret', label: 'wizard.secret.googleClientSecret', defaultEnv: 'GOOGLE_CLIENT_SECRET' },
      { key: 'refreshToken', label: 'wizard.secret.refreshToken', defaultEnv: 'GOOGLE_REFRESH_TOKEN', optional: true },
    ];
  }
  return [{ key: 'accessToken', label: 'wizard.secret.accessToken', defaultEnv: 'ACCESS_TOKEN' }];
}

type SecretSource = 'keep' | 'env' | 'file' | 'literal' | 'none';

/** Where one secret comes from: an environment variable (default), a file, or — insisted on — the value. */
async function askSecret(
  prompter: Prompter,
  t: Translator,
  question: SecretQuestion,
  written: string | undefined,
  secretId: string | undefined,
  check: (validate: (value: string) => Verdict) => Validator,
): Promise<{ value: string | undefined; literal: boolean }> {
  const label = t.t(question.label);
  const parsed = written !== undefined ? parseReference(written) : undefined;
  const writtenReference = parsed?.type === 'reference' ? parsed.reference : undefined;
  for (;;) {
    const choices: Choice<SecretSource>[] = [];
    if (written !== undefined && parsed?.type !== 'malformed') {
      choices.push({
        value: 'keep',
        name: writtenReference ? t.t('wizard.secret.keep', { reference: writtenReference.text }) : t.t('wizard.secret.keepLiteral'),
      });
    }
    choices.push(
      { value: 'env', name: t.t('wizard.secret.env'), description: t.t('wizard.secret.env.when') },
      { value: 'file', name: t.t('wizard.secret.file'), description: t.t('wizard.secret.file.when') },
      { value: 'literal', name: t.t('wizard.secret.literal'), description: t.t('wizard.secret.literal.when') },
    );
    if (question.optional) choices.push({ value: 'none', name: t.t('wizard.secret.none'), description: t.t('wizard.secret.none.when') });
    const source = await prompter.select<SecretSource>({ message: t.t('wizard.secret.question', { secret: label }), choices, default: choices[0]!.value });
    if (source === 'none') return { value: undefined, literal: false };
    if (source === 'keep' && written !== undefined) return { value: written, literal: parsed?.type === 'literal' };
    if (source === 'env') {
      const name = await prompter.input({
        message: t.t('wizard.secret.envName'),
        default: writtenReference?.kind === 'env' ? writtenReference.name : question.defaultEnv,
        validate: check(validateEnvName),
      });
      return { value: `\${env:${name}}`, literal: false };
    }
    if (source === 'file') {
      const path = await prompter.input({
        message: t.t('wizard.secret.filePath'),
        default: writtenReference?.kind === 'file' ? writtenReference.path : undefined,
        validate: check(validateSecretFilePath),
      });
      return { value: `\${file:${path}}`, literal: false };
    }
    prompter.say(t.t('wizard.secret.literalWarning'));
    if (!(await prompter.confirm({ message: t.t('wizard.secret.literalConfirm'), default: false }))) continue;
    const value = await prompter.secret({
      message: t.t('wizard.secret.type', { secret: label }),
      validate: check((typed) => (question.key === 'clientSecret' ? validateClientSecretValue(typed, { secretId }) : validateNonEmptySecret(typed))),
    });
    // From here on every output of this process scrubs it (it will be in the file, nowhere else).
    registerSecretValue(value);
    return { value, literal: true };
  }
}

/** In an existing file: add an account or change one of them. */
export async function askTarget(prompter: Prompter, t: Translator, names: readonly string[]): Promise<{ kind: 'add' } | { kind: 'edit'; index: number }> {
  const choice = await prompter.select<string>({
    message: t.t('wizard.target.question'),
    choices: [
      { value: 'add', name: t.t('wizard.target.add') },
      ...names.map((name, index) => ({ value: String(index), name: t.t('wizard.target.edit', { name }) })),
    ],
    default: 'add',
  });
  return choice === 'add' ? { kind: 'add' } : { kind: 'edit', index: Number(choice) };
}
