/**
 * What the Entra integration tests share: one stand-in per test file with a healthy tenant (Contoso) and
 * its app (secret, enterprise application, Exchange roles consented), a second tenant, a test CA passed
 * as `extraCa` (tls.caFile), a resolver that sends login.standin.test to 127.0.0.1 and refuses any other
 * name, and builders for an Office 365 account pointed at the stand-in through `endpoints.login`.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../src/config/types.js';
import type { CheckContext, CheckOutcome } from '../../../src/core/check.js';
import { translate } from '../../../src/i18n/index.js';
import type { Message } from '../../../src/core/message.js';
import { createCa, type TestCa } from '../../../standins/certs.js';
import { makeAccount, makeContext, secret, type AccountOverrides, type ContextOverrides } from '../../support/check-context.js';
import {
  CLOUDS,
  createTenant,
  registerApp,
  standinResolver,
  startEntraStandin,
  type Application,
  type EntraStandin,
  type ExchangeRole,
  type RecordingResolver,
  type ServicePrincipal,
  type Tenant,
} from '../../../standins/entra-standin/index.js';

/** A client secret Value shaped like Entra's (40 characters, `~` in the 4th place). */
export function secretValue(): string {
  return `Q7x~${randomUUID().replace(/-/g, '')}abcd`.slice(0, 40);
}

export interface RegisteredApp {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly secret: string;
  readonly secretId: string;
}

export interface EntraWorld {
  readonly ca: TestCa;
  readonly standin: EntraStandin;
  readonly contoso: Tenant;
  readonly fabrikam: Tenant;
  /** Contoso's app: IMAP, POP and SMTP app roles consented. */
  readonly app: RegisteredApp;
  /** Registers one more app in a tenant (each test its own, so tests do not disturb each other). */
  register(tenant: Tenant, options?: { roles?: readonly ExchangeRole[]; expiredSecret?: boolean }): RegisteredApp;
  close(): Promise<void>;
}

export async function startWorld(): Promise<EntraWorld> {
  const ca = createCa();
  const standin = await startEntraStandin({ ca });
  const contoso = createTenant({ displayName: 'Contoso', domains: ['contoso.onmicrosoft.com', 'contoso.com.br'] });
  const fabrikam = createTenant({ displayName: 'Fabrikam', domains: ['fabrikam.onmicrosoft.com'] });
  standin.directory.tenants.push(contoso, fabrikam);
  const register: EntraWorld['register'] = (tenant, options = {}) => {
    const value = secretValue();
    const secretId = randomUUID();
    const { application, servicePrincipal } = registerApp(standin.directory, {
      home: tenant,
      secrets: [{ value, keyId: secretId, ...(options.expiredSecret ? { endDateTime: new Date(Date.now() - 86_400_000) } : {}) }],
      exchangeRoles: options.roles ?? ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp'],
    });
    if (!servicePrincipal) throw new Error('registerApp created no service principal');
    return { application, servicePrincipal, secret: value, secretId };
  };
  const app = register(contoso);
  return { ca, standin, contoso, fabrikam, app, register, close: () => standin.close() };
}

/** An Office 365 application-flow account for `app` in `tenant`, signing in at the stand-in. */
export function entraAccount(world: EntraWorld, app: RegisteredApp, overrides: AccountOverrides & { tenantId?: string } = {}): Account {
  return makeAccount({
    provider: 'office365',
    mailbox: 'atendimento@contoso.com.br',
    incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' },
    outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    ...overrides,
    auth: {
      method: 'oauth2',
      flow: 'application',
      tenantId: overrides.tenantId ?? world.contoso.id,
      clientId: app.application.appId,
      objectId: app.servicePrincipal.id,
      secretId: app.secretId,
      clientSecret: secret(app.secret, 'env', '${env:TACTIUM_CLIENT_SECRET}'),
      ...overrides.auth,
    },
    endpoints: { login: world.standin.url(), ...overrides.endpoints },
  });
}

export interface EntraContext {
  readonly context: CheckContext;
  readonly resolver: RecordingResolver;
}

/** A context that trusts the stand-in's CA at run time and resolves only the stand-in's name. */
export function entraContext(world: EntraWorld, account: Account, overrides: ContextOverrides = {}): EntraContext {
  const resolver = standinResolver();
  const context = makeContext(account, { extraCa: [world.ca.pem], dns: resolver, ...overrides, options: { stepTimeoutMs: 3000, ...overrides.options } });
  return { context, resolver };
}

export function evidenceOf(outcome: CheckOutcome, label: string): string[] {
  return (outcome.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}

export function english(message: Message): string {
  return translate('en', message.key, message.params);
}

/** Every remediation step in English with its target, one string per step. */
export function fixesText(outcome: CheckOutcome): string[] {
  return (outcome.remediation ?? []).map((step) => `${english(step.message)}${step.target ? ` => ${step.target}` : ''}`);
}

export { CLOUDS };
