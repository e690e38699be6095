/**
 * From the mailbox address alone, what `init` can propose: the provider from the domain's MX records; for
 * Office 365 the tenant and the cloud from the domain's public OpenID discovery document; the servers
 * from the provider's defaults, else from the domain's SRV records (RFC 6186 / RFC 8314), else from its
 * Thunderbird autoconfig file. Only the mailbox's own domain is asked (DNS, its autoconfig hosts) and the
 * provider's identity endpoint; every step has the deadline given; any failure only means "nothing to
 * propose" (offline, the wizard simply asks).
 */
import { CLOUD_HOSTS, defaultIncoming, defaultOutgoing } from '../config/defaults.js';
import { mailboxDomain } from '../config/mailbox-domain.js';
import type { Cloud, Provider } from '../config/types.js';
import type { Message } from '../core/message.js';
import { msg } from '../i18n/index.js';
import { cloudOf, lookupTenant } from '../identity/tenant-discovery.js';
import { createResolver, createSystemResolver } from '../probes/dns.js';
import { queryMx, type RecordQuery } from '../probes/dns-records.js';
import type { HttpSettings } from '../probes/https/client.js';
import { classifyExchanger, printableHost, type MailExchanger } from '../providers/mail-exchangers.js';
import { readAutoconfig } from './autoconfig.js';
import { readSrv } from './srv.js';
import type { Discovery, Proposal, ServerProposal } from './types.js';

export type { Discovery, Proposal, ServerProposal } from './types.js';

export interface DiscoveryOptions {
  /** Deadline of each network step, in milliseconds. */
  readonly timeoutMs: number;
  /** A DNS server ("IP[:port]") instead of the system's (tests, sandbox). */
  readonly dnsServer?: string;
  /** A base URL replacing the domain's autoconfig hosts (tests, sandbox). */
  readonly autoconfigBase?: string;
  /** The Entra login host instead of the cloud's (tests, sandbox). */
  readonly login?: string;
  readonly signal?: AbortSignal;
  /** Extra trust anchors (PEM) for the HTTPS requests, beside Node's and NODE_EXTRA_CA_CERTS (tests). */
  readonly extraCa?: readonly string[];
  /** Called before each step, to show progress. */
  readonly onStep?: (step: Message) => void;
}

/** The variables `init` reads its overrides from (docs/testing.md §Discovery). */
export const DISCOVERY_ENV = { dns: 'TACTIUM_PREFLIGHT_DNS', autoconfig: 'TACTIUM_PREFLIGHT_AUTOCONFIG', login: 'TACTIUM_PREFLIGHT_LOGIN' } as const;

export function discoveryOverrides(env: NodeJS.ProcessEnv): Pick<DiscoveryOptions, 'dnsServer' | 'autoconfigBase' | 'login'> {
  const dns = env[DISCOVERY_ENV.dns];
  const autoconfig = env[DISCOVERY_ENV.autoconfig];
  const login = env[DISCOVERY_ENV.login];
  return {
    ...(dns && /^(?:[0-9.]+|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/.test(dns) ? { dnsServer: dns } : {}),
    ...(autoconfig?.startsWith('https://') ? { autoconfigBase: autoconfig } : {}),
    ...(login?.startsWith('https://') ? { login } : {}),
  };
}

function providerOf(owner: MailExchanger): Provider | undefined {
  if (owner.kind === 'microsoft') return 'office365';
  if (owner.kind === 'google') return 'gmail';
  if (owner.kind === 'other') return 'imap';
  return undefined; // a gateway hides who is behind it
}

export async function discover(address: string, options: DiscoveryOptions): Promise<Discovery | undefined> {
  const domain = mailboxDomain(address);
  if (!domain) return undefined;
  const notes: Message[] = [];
  const query: RecordQuery = {
    ...(options.dnsServer ? { server: options.dnsServer } : {}),
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const http: HttpSettings = {
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    extraCa: options.extraCa ?? [],
    resolver: options.dnsServer ? createResolver([options.dnsServer]) : createSystemResolver(),
  };

  // 1. Who receives the domain's mail.
  options.onStep?.(msg('wizard.discovery.step.mx', { domain }));
  const mx = await queryMx(domain, query);
  let provider: Proposal<Provider> | undefined;
  let cloud: Proposal<Cloud> | undefined;
  let owner: MailExchanger | undefined;
  if (mx.ok && mx.records.length > 0 && mx.records[0]!.exchange !== '') {
    const primary = [...mx.records].sort((a, b) => a.priority - b.priority)[0]!;
    const host = printableHost(primary.exchange);
    owner = classifyExchanger(host);
    const source = msg('wizard.discovery.source.mx', { domain, host });
    const value = providerOf(owner);
    if (value) provider = { value, source };
    if (owner.kind === 'microsoft') cloud = { value: owner.cloud, source };
    if (owner.kind === 'gateway') notes.push(msg('wizard.discovery.note.gateway', { domain, host, vendor: owner.vendor }));
  } else {
    notes.push(msg('wizard.discovery.note.noMx', { domain, reason: mx.ok ? (mx.records.length > 0 ? 'null MX' : 'ENODATA') : mx.nodeCode }));
  }

  // 2. Office 365 (or a gateway that may hide it): the tenant the domain is verified in.
  let tenantId: Proposal<string> | undefined;
  if (provider?.value === 'office365' || owner?.kind === 'gateway') {
    const login = options.login ?? CLOUD_HOSTS[cloud?.value ?? 'global'].login;
    options.onStep?.(msg('wizard.discovery.step.tenant', { domain }));
    const found = await lookupTenant(login, domain, http);
    if (found.kind === 'found') {
      const source = msg('wizard.discovery.source.openid', { url: found.url });
      tenantId = { value: found.discovery.tenantId!, source };
      const tenantCloud = cloudOf(found.discovery);
      if (tenantCloud) cloud = { value: tenantCloud, source };
      provider ??= { value: 'office365', source };
    }
  }

  // 3. Servers: the provider's own, else what the domain publishes.
  let servers: Proposal<ServerProposal> | undefined;
  if (provider?.value === 'office365' || provider?.value === 'gmail') {
    const incoming = defaultIncoming(provider.value, cloud?.value ?? 'global', 'imap')!;
    const outgoing = defaultOutgoing(provider.value, cloud?.value ?? 'global')!;
    servers = {
      value: { incoming: { protocol: 'imap', ...incoming }, outgoing },
      source: msg('wizard.discovery.source.defaults', { provider: provider.value }),
    };
  } else {
    options.onStep?.(msg('wizard.discovery.step.srv', { domain }));
    const srv = await readSrv(domain, query);
    if (srv) {
      servers = { value: srv.servers, source: msg('wizard.discovery.source.srv', { names: srv.names.join(', ') }) };
    } else {
      options.onStep?.(msg('wizard.discovery.step.autoconfig', { domain }));
      const file = await readAutoconfig(address, domain, http, options.autoconfigBase);
      if (file.kind === 'found') servers = { value: file.servers, source: msg('wizard.discovery.source.autoconfig', { url: file.url }) };
      else if (file.kind === 'redirectRefused') notes.push(msg('wizard.discovery.note.redirect', { url: file.url, target: file.target, domain }));
      else if (file.kind === 'refused') notes.push(msg(`wizard.discovery.note.${file.reason}`, { url: file.url }));
    }
    if (servers && !provider) provider = { value: 'imap', source: servers.source };
  }
  return { domain, ...(provider ? { provider } : {}), ...(cloud ? { cloud } : {}), ...(tenantId ? { tenantId } : {}), ...(servers ? { servers } : {}), notes };
}

/** `check`'s default step timeout (`--timeout 15`): the same bound for each discovery step. */
export const DISCOVERY_STEP_TIMEOUT_MS = 15_000;

/**
 * The whole of discovery, whatever its steps: a silent domain answers none of its three or four steps, and a
 * person waiting at the first question gives up long before 4 × 15 s.
 */
export const DISCOVERY_TOTAL_MS = 20_000;

/**
 * `discover` for the wizard: any unexpected failure is "nothing to propose", never a stopped wizard, and the
 * whole discovery ends within `totalMs` (DISCOVERY_TOTAL_MS): the steps still running are aborted, and the
 * wizard asks without proposals.
 */
export async function discoverSafely(address: string, options: DiscoveryOptions & { readonly totalMs?: number }): Promise<Discovery | undefined> {
  const budget = AbortSignal.timeout(options.totalMs ?? DISCOVERY_TOTAL_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, budget]) : budget;
  let open = true;
  const onStep = options.onStep;
  const overrun = new Promise<undefined>((resolve) => budget.addEventListener('abort', () => resolve(undefined), { once: true }));
  try {
    return await Promise.race([
      discover(address, { ...options, signal, ...(onStep ? { onStep: (step: Message) => (open ? onStep(step) : undefined) } : {}) }),
      overrun,
    ]);
  } catch {
    return undefined;
  } finally {
    // A step that ends after the deadline says nothing more: the wizard has moved on.
    open = false;
  }
}
