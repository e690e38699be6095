/** The server questions of `init`: protocol, hosts, security and ports, proposed from the provider or the domain. */
import type { AccountDraft } from '../config/write/draft.js';
import { conventionalPort, defaultIncoming, defaultOutgoing } from '../config/defaults.js';
import type { Cloud, IncomingProtocol, Provider, Security } from '../config/types.js';
import type { Translator } from '../i18n/index.js';
import type { MessageKey } from '../core/message.js';
import type { ServerProposal } from '../discovery/types.js';
import type { Prompter, Validator } from './prompts.js';
import { hostFromPasted, validateHost, validatePortForSecurity, type Verdict } from './validate.js';
import { oneOf, read, readString, type WrittenAccount } from './written.js';

const SECURITIES: readonly Security[] = ['tls', 'starttls', 'none'];

export async function askServers(
  prompter: Prompter,
  t: Translator,
  provider: Provider,
  cloud: Cloud,
  existing: WrittenAccount | undefined,
  sameProvider: boolean,
  check: (validate: (value: string) => Verdict) => Validator,
  proposed?: ServerProposal,
): Promise<Pick<AccountDraft, 'incoming' | 'outgoing'>> {
  const written = (path: string) => (sameProvider ? readString(existing, path) : undefined);
  prompter.say(t.t(provider === 'imap' ? 'wizard.servers.imap' : 'wizard.servers.defaults'));

  const protocol = await prompter.select<IncomingProtocol>({
    message: t.t('wizard.incoming.protocol'),
    choices: [
      { value: 'imap', name: 'IMAP', description: t.t('wizard.incoming.imap') },
      { value: 'pop3', name: 'POP3', description: t.t('wizard.incoming.pop3') },
    ],
    default: oneOf(read(existing, 'incoming.protocol'), ['imap', 'pop3'] as const) ?? proposed?.incoming.protocol ?? 'imap',
  });
  const incomingDefaults = defaultIncoming(provider, cloud, protocol) ?? (proposed?.incoming.protocol === protocol ? proposed.incoming : undefined);
  const sameProtocol = (oneOf(read(existing, 'incoming.protocol'), ['imap', 'pop3'] as const) ?? 'imap') === protocol;
  const incoming = await askHost(prompter, t, 'wizard.incoming.host', (sameProtocol ? written('incoming.host') : undefined) ?? incomingDefaults?.host, check);
  const incomingHost = incoming.host;
  const incomingSecurity = await askSecurity(
    prompter,
    t,
    'wizard.incoming.security',
    (sameProtocol ? oneOf(written('incoming.security'), SECURITIES) : undefined) ?? incomingDefaults?.security ?? 'tls',
    protocol,
  );
  const incomingPort = await askPort(
    prompter,
    t,
    'wizard.incoming.port',
    incoming.port ??
      (incomingSecurity === (oneOf(written('incoming.security'), SECURITIES) ?? incomingDefaults?.security) && sameProtocol
        ? written('incoming.port')
        : undefined) ??
      (incomingSecurity === incomingDefaults?.security ? String(incomingDefaults.port) : undefined),
    conventionalPort(protocol, incomingSecurity),
    incomingSecurity,
    check,
  );

  const outgoingDefaults = defaultOutgoing(provider, cloud) ?? proposed?.outgoing;
  if (provider === 'office365') prompter.say(t.t('wizard.outgoing.office365'));
  const outgoing = await askHost(prompter, t, 'wizard.outgoing.host', written('outgoing.host') ?? outgoingDefaults?.host, check);
  const outgoingHost = outgoing.host;
  for (;;) {
    const previousSecurity = oneOf(written('outgoing.security'), SECURITIES) ?? outgoingDefaults?.security;
    const security = await askSecurity(prompter, t, 'wizard.outgoing.security', previousSecurity ?? 'starttls', 'smtp');
    const port = await askPort(
      prompter,
      t,
      'wizard.outgoing.port',
      outgoing.port ??
        (security === previousSecurity ? written('outgoing.port') : undefined) ??
        (security === outgoingDefaults?.security ? String(outgoingDefaults.port) : undefined),
      conventionalPort('smtp', security),
      security,
      check,
    );
    // Office 365 refuses SMTP AUTH client submission on 465 / implicit TLS (docs/provider-facts.md
    // §Microsoft hosts and ports); the config.smtp-port check would fail it. Said now, kept only if the
    // person insists.
    if (provider === 'office365' && (security === 'tls' || port === 465)) {
      prompter.say(t.t('wizard.outgoing.office365Warning'));
      if (!(await prompter.confirm({ message: t.t('wizard.outgoing.keepAnyway'), default: false }))) continue;
    }
    return {
      incoming: { protocol, host: incomingHost, port: incomingPort, security: incomingSecurity },
      outgoing: { host: outgoingHost, port, security },
    };
  }
}

async function askSecurity(prompter: Prompter, t: Translator, question: MessageKey, current: Security, protocol: IncomingProtocol | 'smtp'): Promise<Security> {
  const port = (security: Security) => (security === 'none' ? conventionalPort(protocol, 'starttls') : conventionalPort(protocol, security));
  return prompter.select<Security>({
    message: t.t(question),
    choices: SECURITIES.map((security) => ({
      value: security,
      name: t.t(`wizard.security.${security}`, { port: port(security) }),
      description: t.t(`wizard.security.${security}.when`),
    })),
    default: current,
  });
}

async function askPort(
  prompter: Prompter,
  t: Translator,
  question: MessageKey,
  written: string | undefined,
  conventional: number,
  security: Security,
  check: (validate: (value: string) => Verdict) => Validator,
): Promise<number> {
  // A remembered or pasted port that cannot work with the security just chosen is not offered.
  const proposed = written !== undefined && validatePortForSecurity(written, security) === true ? written : String(conventional);
  const answer = await prompter.input({ message: t.t(question), default: proposed, validate: check((value) => validatePortForSecurity(value, security)) });
  return Number(answer);
}

/** A host; a pasted URL or `host:port` is reduced to its host (the port becomes the next default), with a note. */
async function askHost(
  prompter: Prompter,
  t: Translator,
  question: MessageKey,
  proposed: string | undefined,
  check: (validate: (value: string) => Verdict) => Validator,
): Promise<{ host: string; port?: string }> {
  const answer = await prompter.input({
    message: t.t(question),
    default: proposed,
    validate: check((value) => (hostFromPasted(value) ? true : validateHost(value))),
  });
  const pasted = hostFromPasted(answer);
  if (!pasted) return { host: answer };
  prompter.say(
    pasted.port !== undefined
      ? t.t('wizard.host.reducedWithPort', { host: pasted.host, port: pasted.port })
      : t.t('wizard.host.reduced', { host: pasted.host }),
  );
  return pasted.port !== undefined ? { host: pasted.host, port: String(pasted.port) } : { host: pasted.host };
}
