/**
 * What the directory-check tests share: the Entra world (entra-world.ts) with Graph on the stand-in —
 * Contoso equipped with the Exchange and Graph service principals as Graph shows them, an administrator
 * (Global + Exchange Administrator), a shared mailbox, a healthy application-flow app and a healthy
 * delegated-flow app (permissions configured and consented, Web redirect URI) — builders for more apps,
 * users and roles, accounts whose `endpoints.graph` is the stand-in, an app with its own Graph read access,
 * and a scripted administrator at the terminal for `--admin` (who approves device codes through the
 * stand-in's control route and pastes what the browser shows).
 */
import { expectKind, isOffice365OAuth } from '../../../src/config/account-kind.js';
import { randomUUID } from 'node:crypto';
import type { Account, Office365OAuthAccount } from '../../../src/config/types.js';
import type { CheckContext, CheckOutcome, RunOptions } from '../../../src/core/check.js';
import { AdminSessions } from '../../../src/signin/admin.js';
import type { SignInInteraction } from '../../../src/signin/delegated.js';
import { fetchJson } from '../../../src/probes/https/client.js';
import { translate } from '../../../src/i18n/index.js';
import type { Message } from '../../../src/core/message.js';
import type { RunMemo } from '../../../src/core/memo.js';
import { signInAt } from '../../../standins/entra-standin/delegated.js';
import {
  EXCHANGE_SCOPES,
  GRAPH_APP_ROLES,
  GRAPH_SCOPES,
  graphOf,
  type DirectoryUser,
  type ExchangeScope,
  type GraphAppRole,
  type GraphDirectory,
  type RequiredResourceAccess,
} from '../../../standins/entra-standin/graph.js';
import {
  EXCHANGE_APP_ID,
  EXCHANGE_APP_ROLES,
  GRAPH_APP_ID,
  registerApp,
  standinResolver,
  type ExchangeRole,
  type Tenant,
} from '../../../standins/entra-standin/index.js';
import { entraAccount, entraContext, secretValue, startWorld, type EntraWorld, type RegisteredApp } from './entra-world.js';

export const ADMIN_UPN = 'admin@contoso.com.br';
export const MAILBOX = 'atendimento@contoso.com.br';
export const REDIRECT_URI = 'https://crm.tactium.test/oauth/callback';
/** The read-only scopes `--admin` asks for, by name. */
export const ADMIN_SCOPES = ['Directory.Read.All', 'RoleManagement.Read.Directory'];

export interface DirectoryWorld extends EntraWorld {
  readonly graph: GraphDirectory;
  readonly admin: DirectoryUser;
  readonly mailbox: DirectoryUser;
  /** Application flow: IMAP/POP/SMTP app roles configured and consented. */
  readonly appFlow: RegisteredApp;
  /** Delegated flow: IMAP/POP/SMTP + offline_access configured (Exchange resource) and consented tenant-wide; Web redirect URI. */
  readonly delegatedFlow: RegisteredApp;
  registerDirectoryApp(options?: DirectoryAppOptions): RegisteredApp;
}

export interface DirectoryAppOptions {
  readonly tenant?: Tenant;
  readonly flow?: 'application' | 'delegated';
  /** App roles consented (application flow); default IMAP/POP/SMTP. */
  readonly consentedRoles?: readonly ExchangeRole[];
  /** Application permissions configured; default the consented ones. */
  readonly configuredRoles?: readonly ExchangeRole[];
  /** Delegated scopes configured: entries as written in the manifest. */
  readonly requiredResourceAccess?: RequiredResourceAccess[];
  /** Delegated scopes consented tenant-wide, per resource app ID. */
  readonly consentedScopes?: { readonly exchange?: readonly string[]; readonly graph?: readonly string[] };
  readonly redirectUris?: { readonly web?: readonly string[]; readonly spa?: readonly string[]; readonly publicClient?: readonly string[] };
  /** Secrets beyond the working one (description, end). */
  readonly secretEnd?: Date;
  /** Microsoft Graph application permissions for the app itself (reads the directory without --admin). */
  readonly graphRoles?: readonly GraphAppRole[];
}

/** The Exchange delegated scopes of a mail setup under the Exchange resource, offline_access under Graph. */
export function delegatedAccessOnExchange(
  names: readonly ExchangeScope[] = ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'],
): RequiredResourceAccess[] {
  return [
    { resourceAppId: EXCHANGE_APP_ID, resourceAccess: names.map((name) => ({ id: EXCHANGE_SCOPES[name], type: 'Scope' as const })) },
    { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: GRAPH_SCOPES.offline_access, type: 'Scope' }] },
  ];
}

export function roleAccess(roles: readonly ExchangeRole[]): RequiredResourceAccess[] {
  return [{ resourceAppId: EXCHANGE_APP_ID, resourceAccess: roles.map((role) => ({ id: EXCHANGE_APP_ROLES[role], type: 'Role' as const })) }];
}

/** Every Graph application permission the directory checks can use. */
export const ALL_GRAPH_ROLES: readonly GraphAppRole[] = Object.keys(GRAPH_APP_ROLES).filter((role): role is GraphAppRole => role in GRAPH_APP_ROLES);

export async function startDirectoryWorld(): Promise<DirectoryWorld> {
  const world = await startWorld();
  const graph = graphOf(world.standin);
  for (const tenant of [world.contoso, world.fabrikam]) graph.equip(tenant);

  const admin = graph.addUser(world.contoso, { upn: ADMIN_UPN, displayName: 'Admin' });
  graph.assignRole(world.contoso, admin, 'Global Administrator');
  graph.assignRole(world.contoso, admin, 'Exchange Administrator');
  // A shared mailbox: no licence, sign-in blocked (as Exchange creates it).
  const mailbox = graph.addUser(world.contoso, { upn: MAILBOX, displayName: 'Atendimento', accountEnabled: false, licences: [] });
  // The --admin client (Graph Command Line Tools) was consented for the read-only scopes before.
  graph.signIn.consentPublicClient(world.contoso, graph.signIn.graphCli, [...ADMIN_SCOPES]);

  const registerDirectoryApp = (options: DirectoryAppOptions = {}): RegisteredApp => {
    const tenant = options.tenant ?? world.contoso;
    const flow = options.flow ?? 'application';
    const value = secretValue();
    const secretId = randomUUID();
    const consentedRoles = flow === 'application' ? (options.consentedRoles ?? ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp']) : [];
    const { application, servicePrincipal } = registerApp(world.standin.directory, {
      home: tenant,
      secrets: [{ value, keyId: secretId, ...(options.secretEnd ? { endDateTime: options.secretEnd } : {}) }],
      exchangeRoles: consentedRoles,
    });
    if (!servicePrincipal) throw new Error('registerApp created no service principal');
    const registration = graph.registration(application);
    registration.requiredResourceAccess =
      options.requiredResourceAccess ?? (flow === 'application' ? roleAccess(options.configuredRoles ?? consentedRoles) : delegatedAccessOnExchange());
    registration.web = [...(options.redirectUris?.web ?? (flow === 'delegated' ? [REDIRECT_URI] : []))];
    registration.spa = [...(options.redirectUris?.spa ?? [])];
    registration.publicClient = [...(options.redirectUris?.publicClient ?? [])];
    if (flow === 'delegated') {
      const consented = options.consentedScopes ?? { exchange: ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'], graph: ['offline_access'] };
      if (consented.exchange?.length) graph.grantDelegated(tenant, servicePrincipal, EXCHANGE_APP_ID, consented.exchange);
      if (consented.graph?.length) graph.grantDelegated(tenant, servicePrincipal, GRAPH_APP_ID, consented.graph);
    }
    if (options.graphRoles?.length) graph.grantGraphRoles(tenant, servicePrincipal, options.graphRoles);
    return { application, servicePrincipal, secret: value, secretId };
  };

  const appFlow = registerDirectoryApp({ graphRoles: ALL_GRAPH_ROLES });
  const delegatedFlow = registerDirectoryApp({ flow: 'delegated', graphRoles: ALL_GRAPH_ROLES });
  return { ...world, graph, admin, mailbox, appFlow, delegatedFlow, registerDirectoryApp };
}

/** An Office 365 account for an app, reading Graph at the stand-in. */
export function directoryAccount(
  world: DirectoryWorld,
  app: RegisteredApp,
  overrides: Parameters<typeof entraAccount>[2] & { flow?: 'application' | 'delegated' } = {},
): Office365OAuthAccount {
  const { flow, ...rest } = overrides;
  const delegated = flow === 'delegated';
  return expectKind(
    entraAccount(world, app, {
      mailbox: MAILBOX,
      admin: { user: ADMIN_UPN },
      ...rest,
      auth: { flow: flow ?? 'application', ...(delegated ? { redirectUri: REDIRECT_URI } : {}), ...rest.auth },
      endpoints: { graph: world.standin.url(), ...rest.endpoints },
    }),
    isOffice365OAuth,
    'directoryAccount',
  );
}

/** A check context; `admin` runs it as `--admin` with these sessions (a scripted administrator). */
export function directoryContext(
  world: DirectoryWorld,
  account: Account,
  options: { sessions?: AdminSessions; shared?: RunMemo; options?: Partial<RunOptions>; now?: () => Date } = {},
): CheckContext {
  const { context } = entraContext(world, account, {
    ...(options.shared ? { shared: options.shared } : {}),
    ...(options.now ? { now: options.now } : {}),
    options: { admin: options.sessions !== undefined, ...options.options },
  });
  if (!options.sessions) return context;
  // As the CLI does before the checks: the administrator's sign-in for this account's tenant starts now
  // (the check reads its result); its requests go to this context's transcript.
  const http = { timeoutMs: context.options.stepTimeoutMs, extraCa: context.services.extraCa, resolver: context.services.dns, transcript: context.transcript };
  options.sessions.signIn(account, http).catch(() => undefined);
  return { ...context, services: { ...context.services, signIns: { admin: options.sessions } } };
}

export function english(message: Message): string {
  return translate('en', message.key, message.params);
}

export function both(message: Message): string {
  return `${translate('en', message.key, message.params)}\n${translate('pt-BR', message.key, message.params)}`;
}

export function evidenceOf(outcome: CheckOutcome | undefined, label: string): string[] {
  return (outcome?.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}

export function targetsOf(outcome: CheckOutcome | undefined): string[] {
  return (outcome?.remediation ?? []).map((step) => step.target).filter((target): target is string => target !== undefined);
}

export function fixesOf(outcome: CheckOutcome | undefined): string[] {
  return (outcome?.remediation ?? []).map((step) => `${english(step.message)}${step.target ? ` => ${step.target}` : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// The administrator at the terminal, scripted

export interface AdminScript {
  /** Who signs in (default the Global Administrator). */
  readonly upn?: string;
  /** What the person does with a device code (default approve). */
  readonly deviceCode?: 'approve' | 'decline' | 'ignore';
  /** A terminal is there (default true). */
  readonly canPrompt?: boolean;
  /** What to paste for an authorization URL: default what the stand-in's browser shows after signing in. */
  readonly paste?: (url: string) => Promise<string>;
}

export interface ScriptedAdmin {
  readonly interaction: SignInInteraction;
  /** Everything shown, in both languages, with the URLs. */
  readonly shown: string[];
  readonly urls: string[];
  readonly userCodes: string[];
  readonly pasted: string[];
  /** Approvals sent to the stand-in (settled before the sign-in can finish). */
  readonly approvals: Promise<unknown>[];
}

/** Plays the browser: signs `upn` in at an authorization URL (printed with the stand-in's name) and returns where it was sent. */
export async function browserAddress(world: EntraWorld, url: string, upn: string, action?: 'cancel'): Promise<string> {
  const onLoopback = new URL(url);
  onLoopback.hostname = '127.0.0.1';
  const answer = await signInAt(onLoopback.href, upn, { ca: world.ca.pem, ...(action ? { action } : {}) });
  if (answer.location) return answer.location;
  return answer.errorText ?? `HTTP ${answer.status}`;
}

export function scriptedAdmin(world: EntraWorld, script: AdminScript = {}): ScriptedAdmin {
  const shown: string[] = [];
  const urls: string[] = [];
  const userCodes: string[] = [];
  const pasted: string[] = [];
  const approvals: Promise<unknown>[] = [];
  const upn = script.upn ?? ADMIN_UPN;
  const interaction: SignInInteraction = {
    canPrompt: () => script.canPrompt ?? true,
    say(message) {
      shown.push(both(message));
      if (message.key !== 'entra.signin.deviceCode') return;
      const code = String(message.params?.code ?? '');
      userCodes.push(code);
      if ((script.deviceCode ?? 'approve') === 'ignore') return;
      // The person types the code at the verification page: the stand-in's control route.
      const body = new URLSearchParams({ user_code: code, user: upn, action: script.deviceCode === 'decline' ? 'decline' : 'approve' }).toString();
      approvals.push(
        fetchJson(
          `${world.standin.origin}/_standin/devicelogin`,
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
          { timeoutMs: 3000, extraCa: [world.ca.pem], resolver: standinResolver() },
        ),
      );
    },
    showUrl(message, url) {
      shown.push(both(message), url);
      urls.push(url);
    },
    async askSecret(message) {
      shown.push(both(message));
      const url = urls[urls.length - 1] ?? '';
      const answer = script.paste ? await script.paste(url) : await browserAddress(world, url, upn);
      pasted.push(answer);
      return answer;
    },
    async confirm() {
      return true;
    },
    // The administrator sign-in never shows a secret.
    reveal: () => false,
  };
  return { interaction, shown, urls, userCodes, pasted, approvals };
}

/** The run's sessions with a scripted administrator (`CI` unset for them). */
export function adminSessions(admin: ScriptedAdmin): AdminSessions {
  return new AdminSessions(admin.interaction, { env: {} });
}
