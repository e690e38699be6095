import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfigText } from '../../config/load/index.js';
import { readConfigText } from '../../config/load/read.js';
import { parseReference } from '../../config/references.js';
import type { AccountDraft } from '../../config/write/draft.js';
import { appendAccount, replaceAccount } from '../../config/write/edit.js';
import { renderNewConfig } from '../../config/write/render.js';
import { configJsonSchema } from '../../config/json-schema.js';
import { SCHEMA_FILE, schemaFileAction, schemaReference } from '../../config/schema-reference.js';
import { SECRET_KEYS } from '../../config/types.js';
import { ConfigError, UsageError } from '../../errors/index.js';
import { msg, type Translator } from '../../i18n/index.js';
import { formatConfigIssues } from '../../config/format-issues.js';
import { runForgiving } from '../../wizard/forgiving.js';
import { createTerminalPrompter, EscapePressed, PromptCancelled, type Prompter } from '../../wizard/prompts.js';
import { askCustomer } from '../../wizard/customer.js';
import { askAccount, askTarget } from '../../wizard/questions.js';
import type { WrittenAccount } from '../../wizard/written.js';
import { DISCOVERY_STEP_TIMEOUT_MS, discoverSafely, discoveryOverrides } from '../../discovery/index.js';
import { EXIT } from '../exit-codes.js';
import { FileWriteError, writeFileSafely } from '../write-file.js';
import { runCheckCommand, type CheckCommandEnvironment } from './check.js';
import { setEnvironmentVariableToType } from '../../providers/microsoft/powershell.js';

export interface InitCommandEnvironment extends CheckCommandEnvironment {
  /** Arms Ctrl-C handling for the check run offered at the end. */
  onLongRunning(): void;
}

export const DEFAULT_CONFIG_FILE = 'tactium-preflight.yaml';

/**
 * `init` only talks to a person: "interactive" means both ends a terminal and no `CI`, the same
 * test as the masked secret prompt of `check`.
 */
export function isInteractiveTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY) && !env.CI;
}

/**
 * `tactium-preflight init [config.yaml]`: asks, validates, writes the YAML (a new file, or an account
 * added to / changed in an existing one, comments kept), then offers to run `check`. Ctrl-C or Esc at any
 * question: nothing is written, exit 130.
 */
export async function runInitCommand(file: string | undefined, environment: InitCommandEnvironment, prompter?: Prompter): Promise<number> {
  const { t } = environment;
  if (!prompter && !isInteractiveTerminal()) throw new UsageError(msg('wizard.notInteractive'));
  const ask = prompter ?? createTerminalPrompter(t, msg('wizard.cancelled.init'));
  try {
    return await converse(file, environment, ask);
  } catch (error) {
    // Esc outside the account's questions (the file, the account to change, write?, run check?) stops.
    if (!(error instanceof PromptCancelled) && !(error instanceof EscapePressed)) throw error;
    process.stderr.write(`\n${t.message(error instanceof PromptCancelled ? error.detail : msg('wizard.cancelled.init'))}\n`);
    return EXIT.sigint;
  }
}

async function converse(argument: string | undefined, environment: InitCommandEnvironment, prompter: Prompter): Promise<number> {
  const { t } = environment;
  prompter.say(t.t('wizard.welcome'));
  const file = resolve(
    argument ??
      (await prompter.input({
        message: t.t('wizard.file.question'),
        default: DEFAULT_CONFIG_FILE,
        validate: (value) => (value.length > 0 && !(existsSync(value) && statSync(value).isDirectory()) ? true : t.t('wizard.invalid.file')),
      })),
  );
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(msg('wizard.invalid.fileIsDirectory', { file }));

  let existingText: string | undefined;
  let accounts: WrittenAccount[] = [];
  if (existsSync(file)) {
    // Decoded as `check` reads it (a UTF-16 or BOM file from Notepad or PowerShell); the edited file is
    // written back as UTF-8 without a BOM, which every editor and this tool read alike.
    existingText = readConfigText(file);
    try {
      // The file's values, not its credentials: a secret that is not set here must not stop an edit.
      await parseConfigText(existingText, file, { resolveSecrets: false });
    } catch (error) {
      if (error instanceof ConfigError) process.stderr.write(`${t.t('wizard.existing.invalid', { file })}\n`);
      throw error;
    }
    const data = parseDocument(existingText, { version: '1.2' }).toJS() as { accounts: WrittenAccount[] };
    accounts = data.accounts;
    prompter.say(t.t('wizard.existing.found', { file, count: accounts.length }));
  }

  const names = accounts.map((account) => String(account.name));
  const target = existingText === undefined ? ({ kind: 'add' } as const) : await askTarget(prompter, t, names);
  const editing = target.kind === 'edit' ? target.index : undefined;
  // Going back a question replays the flow (forgiving.ts): the domain is asked once per address.
  const discovered = new Map<string, ReturnType<typeof discoverSafely>>();
  const discover = (mailbox: string) => {
    let found = discovered.get(mailbox);
    if (!found) {
      // Overrides for tests and the sandbox: docs/testing.md §Discovery.
      found = discoverSafely(mailbox, {
        timeoutMs: DISCOVERY_STEP_TIMEOUT_MS,
        ...discoveryOverrides(process.env),
        onStep: (step) => prompter.say(t.message(step)),
      });
      discovered.set(mailbox, found);
    }
    return found;
  };
  const { draft, customer } = await runForgiving(prompter, t, async (forgiving) => {
    const asked = await askAccount({
      prompter: forgiving,
      t,
      takenNames: names.filter((_, index) => index !== editing),
      ...(editing !== undefined ? { existing: accounts[editing]! } : {}),
      // The address's domain proposes the rest.
      discover,
    });
    // A new file names its customer (the handoff sheet opens with it); an existing one keeps what it has.
    return { draft: asked, customer: existingText === undefined ? await askCustomer(forgiving, t) : undefined };
  });
  const text =
    existingText === undefined
      ? renderNewConfig(draft, t, file, new Date(), customer)
      : editing !== undefined
        ? replaceAccount(existingText, editing, draft, t)
        : appendAccount(existingText, draft, t);

  // Never an invalid file: the text is validated exactly as `check` will read it before anything is written.
  try {
    await parseConfigText(text, file, { resolveSecrets: false });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(formatConfigIssues(error.issues, t));
      process.stderr.write(`${t.t('wizard.notWritten')}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  if (
    !(await prompter.confirm({ message: t.t(existingText === undefined ? 'wizard.write.confirmNew' : 'wizard.write.confirmEdit', { file }), default: true }))
  ) {
    prompter.say(t.t('wizard.notWritten'));
    return EXIT.ok;
  }
  const literal = hasLiteralSecret(text);
  try {
    // A new file is 0644 like any configuration; a literal secret inside makes it owner-only.
    await writeFileSafely(file, text, { mode: 0o644, ownerOnly: literal });
  } catch (error) {
    if (error instanceof FileWriteError) throw new UsageError(msg('wizard.write.failed', { file: error.file, reason: error.code }));
    throw error;
  }
  prompter.say(t.t('wizard.written', { file }));
  if (text.startsWith(`# yaml-language-server: $schema=${schemaReference()}\n`)) await writeSchemaBeside(file, prompter, t);
  if (literal) prompter.say(t.t('wizard.written.literal'));
  for (const line of environmentHints(draft, t)) prompter.say(line);

  if (!(await prompter.confirm({ message: t.t('wizard.runCheck'), default: true }))) {
    prompter.say(t.t('wizard.next', { file }));
    return EXIT.ok;
  }
  environment.onLongRunning();
  return runCheckCommand(
    file,
    { format: 'table', timeout: 15, concurrency: 4, strict: false, trace: false, quiet: false, verbose: false, account: draft.name },
    environment,
  );
}

/** The JSON Schema the YAML's first line points at, beside it; a file of someone else's by that name is left alone. */
async function writeSchemaBeside(file: string, prompter: Prompter, t: Translator): Promise<void> {
  const schemaFile = join(dirname(file), SCHEMA_FILE);
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  let existing: string | undefined;
  try {
    existing = readFileSync(schemaFile, 'utf8');
  } catch {
    existing = undefined;
  }
  const action = schemaFileAction(existing, text);
  if (action === 'foreign') return prompter.say(t.t('wizard.schema.foreign', { file: schemaFile }));
  if (action === 'write') {
    try {
      await writeFileSafely(schemaFile, text, { mode: 0o644 });
    } catch (error) {
      if (error instanceof FileWriteError) return prompter.say(t.t('wizard.schema.notWritten', { file: schemaFile, reason: error.code }));
      throw error;
    }
  }
  prompter.say(t.t('wizard.schema.written', { file: schemaFile }));
}

/** Whether any account of the file (the new one or another) holds a secret written literally. */
function hasLiteralSecret(text: string): boolean {
  const data = parseDocument(text, { version: '1.2' }).toJS() as { accounts?: Array<{ auth?: Record<string, unknown> }> };
  return (data.accounts ?? []).some((account) =>
    SECRET_KEYS.some((key) => typeof account.auth?.[key] === 'string' && parseReference(String(account.auth[key])).type === 'literal'),
  );
}

/** How to set each environment variable the account reads, in the shells people use. */
function environmentHints(draft: AccountDraft, t: Translator): string[] {
  const names: string[] = [];
  for (const key of SECRET_KEYS) {
    const value = draft.auth[key];
    if (value === undefined) continue;
    const parsed = parseReference(value);
    if (parsed.type === 'reference' && parsed.reference.kind === 'env' && !names.includes(parsed.reference.name)) names.push(parsed.reference.name);
  }
  if (names.length === 0) return [];
  return [
    t.t('wizard.env.intro'),
    ...names.flatMap((name) => [`  bash/zsh:    export ${name}='…'`, `  PowerShell:  ${setEnvironmentVariableToType(name)}`, `  cmd.exe:     set ${name}=…`]),
  ];
}
