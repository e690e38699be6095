import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { input, password } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { parseConfigText } from '../config/load/index.js';
import { renderNewConfig } from '../config/write/render.js';
import { CancelledError } from '../errors/index.js';
import { createTranslator, msg } from '../i18n/index.js';
import type { MessageKey } from '../core/message.js';
import { scrub } from '../secrets/redact.js';
import { createSecretPrompt, createTerminalPrompter, EscapePressed, type Prompter } from './prompts.js';
import { askAccount, askTarget, suggestName } from './questions.js';
import { validateObjectId } from './validate.js';
import type { Discovery } from '../discovery/types.js';

const t = createTranslator('en');
const ENTER = Symbol('Enter: the default');
type Answer = string | typeof ENTER;

/**
 * A person answering from a script, through the Prompter seam: each answer is checked by the question's
 * own validator, and a refused one is recorded and the question asked again with the next answer (what
 * inquirer does on screen, see the @inquirer/testing cases below and test/e2e/init.test.ts).
 */
class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly refusals: string[] = [];
  readonly said: string[] = [];
  constructor(private readonly answers: Answer[]) {}

  private next(message: string): Answer {
    this.asked.push(message);
    if (this.answers.length === 0) throw new Error(`no scripted answer for "${message}"`);
    return this.answers.shift()!;
  }

  async select<T extends string>(question: { message: string; choices: readonly { value: T; name: string }[]; default?: T }): Promise<T> {
    const answer = this.next(question.message);
    const value = answer === ENTER ? (question.default ?? question.choices[0]!.value) : answer;
    const choice = question.choices.find((candidate) => candidate.value === value);
    if (!choice) throw new Error(`"${String(value)}" is not a choice of "${question.message}"`);
    return choice.value;
  }

  async input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string> {
    for (;;) {
      const answer = this.next(question.message);
      const value = answer === ENTER ? (question.default ?? '') : answer;
      const verdict = question.validate ? question.validate(value) : true;
      if (verdict === true) return value;
      this.refusals.push(verdict);
    }
  }

  async secret(question: { message: string; validate?: (value: string) => true | string }): Promise<string> {
    return this.input(question);
  }

  async confirm(question: { message: string; default: boolean }): Promise<boolean> {
    const answer = this.next(question.message);
    return answer === ENTER ? question.default : answer === 'yes';
  }

  say(text: string): void {
    this.said.push(text);
  }
}

const w = (key: MessageKey) => t.t(key);

describe('askAccount', () => {
  it('builds an Office 365 application-flow account, re-asking refused IDs', async () => {
    const prompter = new ScriptedPrompter([
      'atendimento@contoso.com.br',
      ENTER, // provider: office365
      ENTER, // name from the mailbox
      'application',
      ENTER, // cloud: global
      'contoso.onmicrosoft.com',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c', // the App ID again as the Object ID: refused
      '9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a',
      'abc8Q~K1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI', // the secret's value as the Secret ID: refused
      '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f',
      ENTER, // no expiry
      'admin@contoso.com.br',
      ENTER,
      ENTER,
      ENTER,
      ENTER, // incoming: imap, outlook.office365.com, tls, 993
      ENTER,
      ENTER,
      ENTER, // outgoing: smtp.office365.com, starttls, 587
      ENTER,
      ENTER, // secret from an environment variable, TACTIUM_CLIENT_SECRET
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(prompter.refusals).toEqual([t.message(msg('wizard.invalid.objectIdIsClientId')), t.message(msg('wizard.invalid.secretIdIsValue'))]);
    expect(prompter.asked).not.toContain(expect.stringContaining(w('wizard.redirectUri.question')));
    expect(prompter.said).toContain(w('wizard.outgoing.office365'));
    expect(draft).toEqual({
      name: 'atendimento',
      provider: 'office365',
      mailbox: 'atendimento@contoso.com.br',
      auth: {
        method: 'oauth2',
        flow: 'application',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
        objectId: '9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a',
        secretId: '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f',
        clientSecret: '${env:TACTIUM_CLIENT_SECRET}',
      },
      admin: { user: 'admin@contoso.com.br' },
      incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
      cloud: 'global',
      literalSecrets: [],
    });
    await expect(parseConfigText(renderNewConfig(draft, t, '/tmp/x.yaml'), '/tmp/x.yaml', { resolveSecrets: false })).resolves.toBeDefined();
  });

  it("suggests the national cloud's hosts when another cloud is chosen", async () => {
    const prompter = new ScriptedPrompter([
      'a@contoso.us',
      ENTER,
      ENTER,
      'application',
      'usgov',
      'contoso.onmicrosoft.us',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(draft.cloud).toBe('usgov');
    expect(draft.incoming.host).toBe('outlook.office365.us');
    expect(draft.outgoing.host).toBe('smtp.office365.us');
  });

  it('keeps an existing account\'s values as the defaults, and a written reference with "keep"', async () => {
    const existing = {
      name: 'vendas',
      provider: 'office365',
      mailbox: 'vendas@contoso.com.br',
      auth: {
        method: 'oauth2',
        flow: 'delegated',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
        clientSecret: '${file:segredo.txt}',
        redirectUri: 'https://crm.example.com/cb',
        username: 'ana@contoso.com.br',
      },
      incoming: { protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' },
    };
    const prompter = new ScriptedPrompter(Array.from({ length: 22 }, () => ENTER));
    const draft = await askAccount({ prompter, t, takenNames: ['atendimento'], existing });
    expect(draft).toMatchObject({
      name: 'vendas',
      auth: { flow: 'delegated', redirectUri: 'https://crm.example.com/cb', username: 'ana@contoso.com.br', clientSecret: '${file:segredo.txt}' },
      incoming: { protocol: 'pop3', port: 995 },
      outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    });
  });

  it('asks nothing about Azure for Gmail, even when the edited account was Office 365', async () => {
    const existing = {
      name: 'x',
      provider: 'office365',
      mailbox: 'x@exemplo.com.br',
      auth: { method: 'oauth2', flow: 'application', tenantId: 'contoso.onmicrosoft.com', clientId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c' },
    };
    const prompter = new ScriptedPrompter([
      ENTER,
      'gmail',
      ENTER,
      'oauth2',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c', // an Azure client ID: refused
      '1234-abc.apps.googleusercontent.com',
      ENTER, // no redirect URI: --login uses http://127.0.0.1
      ENTER,
      ENTER, // no login name, no Workspace administrator
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [], existing });
    expect(prompter.refusals).toEqual([w('wizard.invalid.clientIdAzure')]);
    expect(prompter.asked.some((question) => /tenant|Object ID|Secret ID|cloud/i.test(question))).toBe(false);
    expect(draft.auth).toEqual({
      method: 'oauth2',
      clientId: '1234-abc.apps.googleusercontent.com',
      clientSecret: '${env:GOOGLE_CLIENT_SECRET}',
      refreshToken: '${env:GOOGLE_REFRESH_TOKEN}',
    });
    expect(draft.incoming.host).toBe('imap.gmail.com');
  });

  it('lets a Gmail refresh token be left out for now (check --login obtains one), and the file written loads', async () => {
    const prompter = new ScriptedPrompter([
      'novo@gmail.com',
      'gmail',
      ENTER,
      'oauth2',
      '1234-abc.apps.googleusercontent.com',
      'https://crm.example.com/oauth/google', // the CRM's callback, registered in the client
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER, // the client secret: an environment variable…
      'none', // no refresh token yet
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(draft.auth).toEqual({
      method: 'oauth2',
      clientId: '1234-abc.apps.googleusercontent.com',
      redirectUri: 'https://crm.example.com/oauth/google',
      clientSecret: '${env:GOOGLE_CLIENT_SECRET}',
    });
    await expect(parseConfigText(renderNewConfig(draft, t, '/tmp/x.yaml'), '/tmp/x.yaml', { resolveSecrets: false })).resolves.toBeDefined();
  });

  it('writes a literal secret only after the warning and a yes, refusing a GUID, and scrubs it from every output', async () => {
    const literal = 'Kz9~wizard-literal-canary-0042';
    const prompter = new ScriptedPrompter([
      'a@contoso.com.br',
      ENTER,
      ENTER,
      'application',
      ENTER,
      'contoso.onmicrosoft.com',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      ENTER,
      '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f',
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      'literal',
      ENTER, // warned; the default answer is no: asked again
      'literal',
      'yes',
      '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f', // the Secret ID as the secret: refused
      literal,
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(prompter.said.filter((line) => line === w('wizard.secret.literalWarning'))).toHaveLength(2);
    expect(prompter.refusals).toEqual([w('wizard.invalid.secretIsGuid')]);
    expect(draft.auth.clientSecret).toBe(literal);
    expect(draft.literalSecrets).toEqual(['clientSecret']);
    expect(scrub(`typed: ${literal}`)).toBe('typed: [redacted]');
  });

  it('requires the servers for a generic provider, reduces a pasted URL and refuses a port the security cannot use', async () => {
    const prompter = new ScriptedPrompter([
      'loja@example.test',
      'imap',
      ENTER,
      'password',
      ENTER,
      'pop3',
      'pops://pop.example.test:2995', // pasted as a URL: reduced to the host, its port proposed
      ENTER, // tls
      ENTER, // 2995, from the URL
      '',
      'smtp.example.test',
      'tls',
      '587', // implicit TLS on the submission port: refused as typed
      ENTER,
      'file',
      'segredos/loja.txt',
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(prompter.refusals).toEqual([w('wizard.invalid.empty'), t.t('wizard.invalid.portIsPlainFirst', { port: 587 })]);
    expect(prompter.said).toContain(t.t('wizard.host.reducedWithPort', { host: 'pop.example.test', port: 2995 }));
    expect(draft).toMatchObject({
      provider: 'imap',
      incoming: { protocol: 'pop3', host: 'pop.example.test', port: 2995, security: 'tls' },
      outgoing: { host: 'smtp.example.test', port: 465, security: 'tls' },
      auth: { password: '${file:segredos/loja.txt}' },
    });
    expect(draft.cloud).toBeUndefined();
  });
});

describe('askAccount: the expiry date as the portal shows it', () => {
  const script = (expiry: string): Answer[] => [
    'atendimento@contoso.com.br',
    ENTER,
    ENTER,
    'application',
    ENTER,
    'contoso.onmicrosoft.com',
    '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
    ENTER,
    ENTER,
    expiry,
    ...Array<Answer>(10).fill(ENTER),
  ];

  it('reads 31/05/2027 day first in Portuguese and says back 2027-05-31', async () => {
    const pt = createTranslator('pt-BR');
    const prompter = new ScriptedPrompter(script('31/05/2027'));
    const draft = await askAccount({ prompter, t: pt, takenNames: [] });
    expect(draft.auth.secretExpiresOn).toBe('2027-05-31');
    expect(prompter.said).toContain(pt.t('wizard.secretExpiresOn.readAs', { date: '2027-05-31' }));
  });

  it('reads 5/31/2027 month first in English, and refuses the day-first form there', async () => {
    const answers = script('31/05/2027');
    answers.splice(10, 0, '5/31/2027'); // the refused answer, then this one
    const prompter = new ScriptedPrompter(answers);
    const draft = await askAccount({ prompter, t, takenNames: [] });
    expect(prompter.refusals).toEqual([w('wizard.invalid.datePortalEn')]);
    expect(draft.auth.secretExpiresOn).toBe('2027-05-31');
  });
});

describe('askAccount with what the address tells (discovery)', () => {
  const tenant = '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f';
  const office365: Discovery = {
    domain: 'contoso.com.br',
    provider: {
      value: 'office365',
      source: msg('wizard.discovery.source.mx', { domain: 'contoso.com.br', host: 'contoso-com-br.mail.protection.outlook.com' }),
    },
    cloud: {
      value: 'usgov',
      source: msg('wizard.discovery.source.openid', { url: 'https://login.microsoftonline.com/contoso.com.br/v2.0/.well-known/openid-configuration' }),
    },
    tenantId: {
      value: tenant,
      source: msg('wizard.discovery.source.openid', { url: 'https://login.microsoftonline.com/contoso.com.br/v2.0/.well-known/openid-configuration' }),
    },
    notes: [],
  };

  it('asks the address first, then proposes the provider, cloud and tenant with where each came from; Enter accepts', async () => {
    const asked: string[] = [];
    // Address, provider, name, method, cloud, tenant: Enter; the client ID typed; every other question: Enter.
    const prompter = new ScriptedPrompter([
      'ana@contoso.com.br',
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      ...Array<Answer>(14).fill(ENTER),
    ]);
    const draft = await askAccount({ prompter, t, takenNames: [], discover: async (mailbox) => (asked.push(mailbox), office365) });
    expect(asked).toEqual(['ana@contoso.com.br']);
    expect(prompter.asked.slice(0, 2)).toEqual([w('wizard.mailbox.question'), w('wizard.provider.question')]);
    expect(draft).toMatchObject({ provider: 'office365', cloud: 'usgov', auth: { tenantId: tenant }, incoming: { host: 'outlook.office365.us' } });
    expect(prompter.said).toContain(t.t('wizard.discovery.found', { domain: 'contoso.com.br' }));
    expect(prompter.said).toContain(
      `  provider: ${w('report.provider.office365')} — from the MX records of contoso.com.br (contoso-com-br.mail.protection.outlook.com)`,
    );
    expect(prompter.said).toContain(
      `  tenantId: ${tenant} — from the OpenID discovery document https://login.microsoftonline.com/contoso.com.br/v2.0/.well-known/openid-configuration`,
    );
  });

  it('proposes the servers the domain publishes for a generic provider, port and security included', async () => {
    const found: Discovery = {
      domain: 'loja.example',
      provider: { value: 'imap', source: msg('wizard.discovery.source.srv', { names: '_imaps._tcp.loja.example, _submission._tcp.loja.example' }) },
      servers: {
        value: {
          incoming: { protocol: 'pop3', host: 'pop.loja.example', port: 1995, security: 'tls' },
          outgoing: { host: 'smtp.loja.example', port: 2587, security: 'starttls' },
        },
        source: msg('wizard.discovery.source.srv', { names: '_pop3s._tcp.loja.example, _submission._tcp.loja.example' }),
      },
      notes: [
        msg('wizard.discovery.note.redirect', {
          url: 'https://autoconfig.loja.example/mail/config-v1.1.xml',
          target: 'https://evil.example',
          domain: 'loja.example',
        }),
      ],
    };
    const prompter = new ScriptedPrompter(['loja@loja.example', ...Array<Answer>(20).fill(ENTER)]);
    const draft = await askAccount({ prompter, t, takenNames: [], discover: async () => found });
    expect(draft).toMatchObject({
      provider: 'imap',
      incoming: { protocol: 'pop3', host: 'pop.loja.example', port: 1995, security: 'tls' },
      outgoing: { host: 'smtp.loja.example', port: 2587, security: 'starttls' },
    });
    expect(prompter.said).toContain(
      '  https://autoconfig.loja.example/mail/config-v1.1.xml redirects to https://evil.example, outside loja.example: not followed.',
    );
  });

  it('says when nothing was found, and runs no discovery for an edited account whose address stays', async () => {
    const prompter = new ScriptedPrompter([
      'x@offline.example',
      'imap',
      ENTER,
      ENTER,
      ENTER,
      ENTER,
      'imap.offline.example',
      ENTER,
      ENTER,
      'smtp.offline.example',
      ENTER,
      ENTER,
      ENTER,
      ENTER,
    ]);
    await askAccount({ prompter, t, takenNames: [], discover: async () => ({ domain: 'offline.example', notes: [] }) });
    expect(prompter.said).toContain(t.t('wizard.discovery.nothing', { domain: 'offline.example' }));
    let called = 0;
    const existing = {
      name: 'x',
      provider: 'imap',
      mailbox: 'x@offline.example',
      auth: { method: 'password', password: '${env:P}' },
      incoming: { host: 'imap.offline.example' },
      outgoing: { host: 'smtp.offline.example' },
    };
    const again = new ScriptedPrompter(Array<Answer>(14).fill(ENTER));
    await askAccount({ prompter: again, t, takenNames: [], existing, discover: async () => (called++, undefined) });
    expect(called).toBe(0);
  });
});

describe('askTarget and suggestName', () => {
  it('offers to add an account or change each existing one', async () => {
    expect(await askTarget(new ScriptedPrompter([ENTER]), t, ['a', 'b'])).toEqual({ kind: 'add' });
    expect(await askTarget(new ScriptedPrompter(['1']), t, ['a', 'b'])).toEqual({ kind: 'edit', index: 1 });
  });

  it('suggests a free label from the mailbox', () => {
    expect(suggestName('Atendimento@contoso.com.br', [])).toBe('atendimento');
    expect(suggestName('atendimento@contoso.com.br', ['atendimento', 'atendimento-2'])).toBe('atendimento-3');
  });
});

describe('single questions in inquirer (@inquirer/testing)', () => {
  it('shows the refusal under the question and accepts the corrected answer', async () => {
    const validate = (value: string) => {
      const verdict = validateObjectId(value, '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
      return verdict === true ? true : t.message(verdict);
    };
    const { answer, events, getScreen } = await render(input, { message: w('wizard.objectId.question'), validate });
    events.type('6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
    events.keypress('enter');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(getScreen()).toContain(w('wizard.invalid.objectIdIsClientId').slice(0, 40));
    events.keypress({ name: 'u', ctrl: true });
    events.type('9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a');
    events.keypress('enter');
    await expect(answer).resolves.toBe('9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a');
  });

  it('masks a secret with asterisks', async () => {
    const { answer, events, getScreen } = await render(password, { message: w('wizard.secretPrompt'), mask: '*' });
    events.type('s3cr3t!');
    expect(getScreen()).toContain('*******');
    expect(getScreen()).not.toContain('s3cr3t');
    events.keypress('enter');
    await expect(answer).resolves.toBe('s3cr3t!');
  });
});

describe('createTerminalPrompter', () => {
  const streams = () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    return { input, output };
  };

  it('tells Esc apart from Ctrl-C, so that the wizard can ask what was meant', async () => {
    const io = streams();
    const prompter = createTerminalPrompter(t, msg('wizard.cancelled.init'), io);
    const asked = prompter.input({ message: 'name?' });
    setTimeout(() => io.input.write('\u001b'), 50);
    await expect(asked).rejects.toBeInstanceOf(EscapePressed);
  });

  it('stops the masked prompt of check on Esc like Ctrl-C', async () => {
    const io = streams();
    const asked = createSecretPrompt(t, io)({ account: 'a', key: 'password', reference: '${env:X}' } as never);
    setTimeout(() => io.input.write('\u001b'), 50);
    await expect(asked).rejects.toEqual(new CancelledError(msg('wizard.cancelled.check')));
  });

  it('refuses a secret pasted at a plain question, never draws it, and clears it from the line', async () => {
    const io = streams();
    // Two prompts in a row on one stream, as on a terminal (inquirer ends a piped stream it was given).
    io.output.end = (() => io.output) as never;
    const chunks: string[] = [];
    io.output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const prompter = createTerminalPrompter(t, msg('wizard.cancelled.init'), io);
    const pasted = 'Xy78Q~pasted-canary-client-secret-value-00';
    const asked = prompter.input({ message: 'Account name:' });
    setTimeout(() => io.input.write(`${pasted}\r`), 50);
    // After the refusal the question is asked afresh: the line is empty, and Enter on it gives ''.
    setTimeout(() => io.input.write('atendimento\r'), 400);
    await expect(asked).resolves.toBe('atendimento');
    const screen = chunks.join('');
    expect(screen.replace(/\u001b\[[0-9;]*[A-Za-z]|\s/g, '')).toContain(t.t('wizard.invalid.secretPasted').replace(/\s/g, ''));
    // Not one of its characters after the 5th was drawn (the pattern is recognised by then).
    expect(screen).not.toContain(pasted.slice(0, 8));
    expect(screen).not.toContain(pasted.slice(10));
  });

  it('turns Ctrl-C into the same cancellation', async () => {
    const io = streams();
    const prompter = createTerminalPrompter(t, msg('wizard.cancelled.check'), io);
    const asked = prompter.secret({ message: 'secret?' });
    setTimeout(() => io.input.write('\u0003'), 50);
    await expect(asked).rejects.toMatchObject({ name: 'CancelledError', detail: { key: 'wizard.cancelled.check' } });
  });

  it('answers a confirmation with the localised words, Enter taking the default', async () => {
    const io = streams();
    const chunks: string[] = [];
    io.output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const prompter = createTerminalPrompter(createTranslator('pt-BR'), msg('wizard.cancelled.init'), io);
    const asked = prompter.confirm({ message: 'Gravar?', default: false });
    setTimeout(() => io.input.write('\r'), 50);
    await expect(asked).resolves.toBe(false);
    expect(chunks.join('')).toContain('Não');
  });
});
