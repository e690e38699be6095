/**
 * Builders for unit-testing checks without the CLI: an Account with sensible defaults, and a CheckContext
 * around it. Integration tests use these too, pointing hosts and ports at loopback servers.
 */
import { Secret } from '../../src/secrets/secret.js';
import { RunMemo } from '../../src/core/memo.js';
import { Transcript } from '../../src/runner/transcript.js';
import type { Account, AuthConfig, Endpoint, PreflightConfig } from '../../src/config/types.js';
import type { Check, CheckContext, CheckOutcome, CheckResult, RunOptions } from '../../src/core/check.js';
import type { DnsResolver, Services } from '../../src/core/services.js';
import { defaultEndpoints } from '../../src/config/defaults.js';

export interface AccountOverrides {
  name?: string;
  provider?: Account['provider'];
  mailbox?: string;
  auth?: Partial<AuthConfig>;
  incoming?: Partial<Account['incoming']>;
  outgoing?: Partial<Endpoint>;
  cloud?: Account['cloud'];
  endpoints?: Partial<Account['endpoints']>;
  admin?: Account['admin'];
  /** Keys to mark as written in the file (e.g. `outgoing.port`). */
  explicit?: string[];
}

export function secret(value: string, source: Secret['source'] = 'env', reference = '${env:TEST_SECRET}'): Secret {
  return new Secret(value, source, reference);
}

export function makeAccount(overrides: AccountOverrides = {}): Account {
  const provider = overrides.provider ?? 'imap';
  const cloud = overrides.cloud ?? 'global';
  // Any combination, rule-breaking ones included (the loader never builds those): tests probe the edges.
  return {
    name: overrides.name ?? 'test',
    provider,
    mailbox: overrides.mailbox ?? 'user@example.test',
    auth: { method: 'password', password: secret('correct horse battery staple'), ...overrides.auth },
    admin: overrides.admin,
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 993, security: 'tls', ...overrides.incoming },
    outgoing: { host: '127.0.0.1', port: 587, security: 'starttls', ...overrides.outgoing },
    cloud,
    endpoints: { ...defaultEndpoints(cloud), ...overrides.endpoints },
    explicit: new Set(overrides.explicit ?? []),
    positions: new Map(),
  } as Account;
}

export interface ContextOverrides {
  options?: Partial<RunOptions>;
  results?: Map<string, CheckResult>;
  dns?: DnsResolver;
  now?: () => Date;
  extraCa?: string[];
  signal?: AbortSignal;
  shared?: RunMemo;
  config?: Partial<PreflightConfig>;
}

/** A resolver that answers every name with 127.0.0.1 (integration tests reach loopback servers by name). */
export const loopbackResolver: DnsResolver = {
  async resolve() {
    return [{ address: '127.0.0.1', family: 4 }];
  },
};

export function makeContext(account: Account, overrides: ContextOverrides = {}): CheckContext {
  const services: Services = {
    dns: overrides.dns ?? loopbackResolver,
    now: overrides.now ?? (() => new Date()),
    extraCa: overrides.extraCa ?? [],
  };
  return {
    account,
    config: { file: '/tmp/test.yaml', accounts: [account], tls: { extraCa: services.extraCa }, ...overrides.config },
    options: { stepTimeoutMs: 3000, trace: true, verbose: false, admin: false, login: false, ...overrides.options },
    signal: overrides.signal ?? new AbortController().signal,
    results: overrides.results ?? new Map(),
    shared: overrides.shared ?? new RunMemo(),
    transcript: new Transcript(true),
    services,
  };
}

/** A passed result for a dependency, so a check under test can run as if its dependencies passed. */
export function passed(id: string): CheckResult {
  return { id, status: 'pass', code: null, reason: null, summary: { key: 'status.pass' }, evidence: [], remediation: [], durationMs: 0, trace: [] };
}

/**
 * Runs `checks` in order on one memo (one session), each with its own context, the DNS checks taken as
 * passed. A check whose dependency did not pass still runs here, as the runner would not: a test then sees
 * that the check refuses by itself (e.g. an auth check after a failed TLS check sends nothing).
 */
export async function runInOrder(checks: readonly Check[], account: Account, extraCa: string[]): Promise<CheckOutcome[]> {
  const shared = new RunMemo();
  const results = new Map<string, CheckResult>([
    ['dns.incoming', passed('dns.incoming')],
    ['dns.outgoing', passed('dns.outgoing')],
  ]);
  const outcomes: CheckOutcome[] = [];
  try {
    for (const check of checks) {
      const context = makeContext(account, { shared, results, extraCa, options: { stepTimeoutMs: 3000 } });
      const outcome = await check.run(context);
      outcomes.push(outcome);
      if (outcome.status === 'pass' || outcome.status === 'warn') results.set(check.id, passed(check.id));
    }
  } finally {
    await shared.dispose();
  }
  return outcomes;
}
