/**
 * What the Office 365 mailbox tests share: the Entra stand-in (entra-world.ts) with its delegated flows,
 * a real Dovecot whose XOAUTH2 asks the stand-in's token table (RFC 7662 introspection) and a real
 * smtp-server fed the same table, and between them a small model of the Exchange side that Entra cannot
 * see: which service principals `New-ServicePrincipal` registered, who has FullAccess on which mailbox.
 * A token opens a mailbox only as Exchange would let it: an app token with the protocol's role, for a
 * registered service principal with FullAccess; a user token for the user's own mailbox or one they have
 * FullAccess on. The tests change the model to make Exchange refuse.
 *
 * Dovecot and smtp-server learn one mailbox per token (introspection answers one user name): the
 * mailbox the account under test names (`target`).
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../src/config/types.js';
import type { Check, CheckResult, RunOptions } from '../../../src/core/check.js';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import { incomingAuthCheck } from '../../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpSendCheck } from '../../../src/checks/smtp/send.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import { delegatedTokenProvider } from '../../../src/checks/shared/delegated-sign-in.js';
import { entraTokenProvider } from '../../../src/checks/shared/entra-token-provider.js';
import { registerTokenProvider } from '../../../src/checks/shared/token-provider.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import { Transcript } from '../../../src/runner/transcript.js';
import { createTranslator } from '../../../src/i18n/index.js';
import type { SignInInteraction } from '../../../src/signin/delegated.js';
import type { SignIns } from '../../../src/core/sign-in.js';
import { prepareSignIns } from '../../../src/signin/prepare.js';
import { createTerminalSignIn } from '../../../src/signin/terminal.js';
import { issueCert } from '../../../standins/certs.js';
import { makeAccount, secret, type AccountOverrides } from '../../support/check-context.js';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot.js';
import { delegatedOf, type DelegatedDirectory, type StandinUser } from '../../../standins/entra-standin/delegated.js';
import { standinResolver, type IssuedToken, type RecordingResolver } from '../../../standins/entra-standin/index.js';
import { startIntrospection, type IntrospectionServer } from '../../../standins/oauth-introspection.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import { startWorld, type EntraWorld, type RegisteredApp } from '../entra/entra-world.js';

export const IMAP_HOST = 'outlook.contoso.test';
export const SMTP_HOST = 'smtp.contoso.test';
export const MAILBOX = 'atendimento@contoso.com.br';
export const SHARED_MAILBOX = 'financeiro@contoso.com.br';
export const USER_UPN = 'alice@contoso.com.br';
export const REDIRECT_URI = 'https://crm.tactium.test/oauth/callback';

const USERS: readonly DovecotUser[] = [
  { name: MAILBOX, password: 'unused-Dovecot-Password-1', messages: 3 },
  { name: SHARED_MAILBOX, password: 'unused-Dovecot-Password-2', messages: 5 },
  { name: USER_UPN, password: 'unused-Dovecot-Password-3', messages: 2 },
];

/** The Exchange Online side, as far as opening a mailbox with a token goes (docs/provider-facts.md). */
export class ExchangeModel {
  /** Service principal object IDs registered with New-ServicePrincipal. */
  readonly servicePrincipals = new Set<string>();
  /** mailbox → principals (service principal oid or user oid) with FullAccess. */
  readonly fullAccess = new Map<string, Set<string>>();
  /** user oid → their own mailbox. */
  readonly ownMailbox = new Map<string, string>();
  /** The mailbox the account under test logs in to (`user=` of XOAUTH2). */
  target = MAILBOX;

  grantFullAccess(mailbox: string, principal: string): void {
    const set = this.fullAccess.get(mailbox) ?? new Set<string>();
    set.add(principal);
    this.fullAccess.set(mailbox, set);
  }

  reset(): void {
    this.servicePrincipals.clear();
    this.fullAccess.clear();
    this.target = MAILBOX;
  }

  /** The mailbox a token may open for a protocol, or undefined (Exchange refuses the login). */
  mailboxFor(token: IssuedToken, protocol: 'mail' | 'smtp'): string | undefined {
    const target = this.target;
    if (token.grantType === 'client_credentials') {
      const role = protocol === 'smtp' ? ['SMTP.SendAsApp'] : ['IMAP.AccessAsApp', 'POP.AccessAsApp'];
      if (!token.roles.some((held) => role.includes(held))) return undefined;
      if (!this.servicePrincipals.has(token.oid)) return undefined;
      return this.fullAccess.get(target)?.has(token.oid) ? target : undefined;
    }
    if (this.ownMailbox.get(token.oid) === target) return target;
    return this.fullAccess.get(target)?.has(token.oid) ? target : undefined;
  }
}

export interface ExchangeWorld extends EntraWorld {
  readonly dovecot: DovecotServer;
  readonly smtp: SmtpTestServer;
  readonly introspection: IntrospectionServer;
  readonly exchange: ExchangeModel;
  readonly delegated: DelegatedDirectory;
  readonly user: StandinUser;
  readonly resolver: () => RecordingResolver;
  /** A healthy app of Contoso, registered in Exchange with FullAccess on MAILBOX. */
  healthyApp(options?: Parameters<EntraWorld['register']>[1]): RegisteredApp;
  stopAll(): Promise<void>;
}

export async function startExchangeWorld(): Promise<ExchangeWorld> {
  registerTokenProvider(entraTokenProvider);
  registerTokenProvider(delegatedTokenProvider);
  const world = await startWorld();
  const exchange = new ExchangeModel();
  const delegated = delegatedOf(world.standin);
  const user = delegated.addUser(world.contoso, { upn: USER_UPN, displayName: 'Alice' });
  exchange.ownMailbox.set(user.id, USER_UPN);
  const introspection = await startIntrospection(world.standin.tokens.introspectionTable((token) => exchange.mailboxFor(token, 'mail')));
  // smtp-server takes a token table object: a Proxy answers from the stand-in's tokens and the model.
  const smtpTokens = new Proxy<Record<string, string>>(
    {},
    {
      get: (_target, key) => {
        if (typeof key !== 'string') return undefined;
        const issued = world.standin.tokens.get(key);
        return issued && issued.expiresAt.getTime() > Date.now() ? exchange.mailboxFor(issued, 'smtp') : undefined;
      },
    },
  );
  const [dovecot, smtp] = await Promise.all([
    startDovecot({ certificate: issueCert(world.ca, { hosts: [IMAP_HOST] }), users: USERS, oauth: { introspectionUrl: introspection.url } }),
    startSmtpServer({ certificate: issueCert(world.ca, { hosts: [SMTP_HOST] }), tokens: smtpTokens }),
  ]);
  const healthyApp: ExchangeWorld['healthyApp'] = (options) => {
    const app = world.register(world.contoso, options);
    exchange.servicePrincipals.add(app.servicePrincipal.id);
    exchange.grantFullAccess(MAILBOX, app.servicePrincipal.id);
    return app;
  };
  return {
    ...world,
    dovecot,
    smtp,
    introspection,
    exchange,
    delegated,
    user,
    resolver: () => standinResolver({ 'login.standin.test': '127.0.0.1', [IMAP_HOST]: '127.0.0.1', [SMTP_HOST]: '127.0.0.1' }),
    healthyApp,
    stopAll: async () => {
      await Promise.all([dovecot.stop(), smtp.close(), introspection.stop()]);
      await world.close();
    },
  };
}

/** An Office 365 account for `app`, its mail at the world's Dovecot (IMAPS or POP3S) and smtp-server (587). */
export function officeAccount(world: ExchangeWorld, app: RegisteredApp, protocol: 'imap' | 'pop3', overrides: AccountOverrides = {}): Account {
  return makeAccount({
    name: 'atendimento',
    provider: 'office365',
    mailbox: MAILBOX,
    incoming: { protocol, host: IMAP_HOST, port: protocol === 'imap' ? world.dovecot.imapsPort : world.dovecot.pop3sPort, security: 'tls' },
    outgoing: { host: SMTP_HOST, port: world.smtp.port, security: 'starttls' },
    ...overrides,
    auth: {
      method: 'oauth2',
      flow: 'application',
      password: undefined,
      tenantId: world.contoso.id,
      clientId: app.application.appId,
      objectId: app.servicePrincipal.id,
      secretId: app.secretId,
      clientSecret: secret(app.secret, 'env', '${env:TACTIUM_CLIENT_SECRET}'),
      ...overrides.auth,
    },
    endpoints: { login: world.standin.url(), ...overrides.endpoints },
  });
}

/** A delegated app: redirect URI on the Web platform, delegated mail permissions consented. */
export function delegatedApp(
  world: ExchangeWorld,
  options: { redirectUris?: { web?: string[]; spa?: string[] }; consent?: readonly string[] } = {},
): RegisteredApp {
  const app = world.register(world.contoso, { roles: [] });
  world.delegated.setRedirectUris(app.application.appId, options.redirectUris ?? { web: [REDIRECT_URI] });
  const consent = options.consent ?? ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send', 'offline_access', 'openid', 'profile'];
  if (consent.length > 0) world.delegated.grantDelegatedConsent(world.contoso, app.application.appId, consent);
  return app;
}

export function delegatedAccount(world: ExchangeWorld, app: RegisteredApp, protocol: 'imap' | 'pop3', overrides: AccountOverrides = {}): Account {
  return officeAccount(world, app, protocol, { ...overrides, auth: { flow: 'delegated', objectId: undefined, redirectUri: REDIRECT_URI, ...overrides.auth } });
}

export const MAIL_CHECKS: readonly Check[] = [
  entraTenantCheck,
  entraCredentialsCheck,
  entraExchangeRolesCheck,
  entraObjectIdCheck,
  smtpConnectCheck,
  smtpTlsCheck,
  smtpAuthCheck,
  smtpSendCheck,
  incomingConnectCheck,
  incomingTlsCheck,
  incomingAuthCheck,
  exchangeMailboxAccessCheck,
];

export interface RunResult {
  readonly results: Record<string, CheckResult>;
  readonly resolver: RecordingResolver;
}

/** The account's checks through the real runner (one memo, dependencies, budgets, transcripts). */
export async function runAccount(
  world: ExchangeWorld,
  account: Account,
  settings: Partial<RunOptions> & { readonly interaction?: SignInInteraction; readonly signIns?: SignIns } = {},
  checks: readonly Check[] = MAIL_CHECKS,
): Promise<RunResult> {
  const { interaction, signIns: given, ...options } = settings;
  const resolver = world.resolver();
  const extraCa = [world.ca.pem];
  const config = { file: '/tmp/cliente.yaml', accounts: [account], tls: { extraCa } };
  const runOptions = { stepTimeoutMs: 3000, trace: true, verbose: false, admin: false, login: false, ...options };
  // --login: the sign-in before the checks, as the CLI does it, with the person the test plays (default: the
  // real terminal, which under jest is none).
  const signIns =
    given ??
    (runOptions.login
      ? await prepareSignIns(config, checks, {
          admin: false,
          login: true,
          t: createTranslator('en'),
          interaction: interaction ?? createTerminalSignIn(createTranslator('en')),
          stepTimeoutMs: runOptions.stepTimeoutMs,
          signal: new AbortController().signal,
          dns: resolver,
          extraCa,
          newTranscript: () => new Transcript(runOptions.trace),
        })
      : undefined);
  const [run] = await runChecks({
    config,
    checks,
    options: runOptions,
    services: { dns: resolver, now: () => new Date(), extraCa, ...(signIns ? { signIns } : {}) },
    concurrency: 1,
    signal: new AbortController().signal,
  });
  return { results: Object.fromEntries((run?.results ?? []).map((result) => [result.id, result])), resolver };
}

export function statuses(results: Record<string, CheckResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.code ? `${result.status} ${result.code}` : result.status]));
}

export function targets(result: CheckResult | undefined): string[] {
  return (result?.remediation ?? []).flatMap((step) => (step.target ? [step.target] : []));
}

export function fixKeys(result: CheckResult | undefined): string[] {
  return (result?.remediation ?? []).map((step) => step.message.key);
}

export function evidenceOf(result: CheckResult | undefined, label: string): string[] {
  return (result?.evidence ?? []).filter((entry) => entry.label === label).map((entry) => entry.value);
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
