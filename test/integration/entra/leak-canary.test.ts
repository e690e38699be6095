/**
 * The client secret and the access token never leave in any form: raw, base64, URL-encoded — not in check
 * results (summary, evidence, remediation, in both languages), not in --trace transcripts, not in what the
 * token provider returns, not in errors. The process-wide redactor is emptied after the secrets are made,
 * so this proves the code never puts them there, not merely that scrub() hides them on the way out.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import type { CheckResult } from '../../../src/core/check.js';
import type { Account } from '../../../src/config/types.js';
import { translate } from '../../../src/i18n/index.js';
import { acquireAppToken } from '../../../src/identity/entra-client.js';
import { entraTokenProvider } from '../../../src/checks/shared/entra-token-provider.js';
import { getMailToken, registerTokenProvider } from '../../../src/checks/shared/token-provider.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import { resetRedactionForTests } from '../../../src/secrets/redact.js';
import { Secret } from '../../../src/secrets/secret.js';
import { secret } from '../../support/check-context.js';
import { standinResolver } from '../../../standins/entra-standin/index.js';
import { entraAccount, entraContext, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;
const CANARY = 'Zq9~CANARY+secret/value=with&odd%chars';

function forms(value: string): string[] {
  return [
    value,
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    Buffer.from(value).toString('base64url'),
  ];
}

function expectClean(text: string, values: readonly string[]): void {
  for (const value of values) for (const form of forms(value)) expect(text.includes(form) ? `leaked ${form}` : 'clean').toBe('clean');
}

/** Everything a report would show of a result: the JSON, and every message in both languages. */
function rendered(results: readonly CheckResult[]): string {
  const parts: string[] = [JSON.stringify(results)];
  for (const result of results) {
    for (const locale of ['en', 'pt-BR'] as const) {
      parts.push(translate(locale, result.summary.key, result.summary.params));
      for (const step of result.remediation) parts.push(translate(locale, step.message.key, step.message.params));
    }
  }
  return parts.join('\n');
}

beforeAll(async () => {
  world = await startWorld();
  registerTokenProvider(entraTokenProvider);
  // The canary becomes the app's real secret, so the healthy run really sends it.
  world.app.application.passwordCredentials.push({
    keyId: 'b0b0b0b0-0000-4000-8000-000000000001',
    secretText: CANARY,
    displayName: 'canary',
    startDateTime: new Date(Date.now() - 1000),
    endDateTime: new Date(Date.now() + 86_400_000),
    hint: 'Zq9',
  });
});

afterAll(async () => {
  await world.close();
});

async function run(accounts: Account[], extraCa: string[]): Promise<CheckResult[]> {
  const runs = await runChecks({
    config: { file: '/tmp/cliente.yaml', accounts, tls: { extraCa } },
    checks: [entraTenantCheck, entraCredentialsCheck, entraExchangeRolesCheck, entraObjectIdCheck],
    options: { stepTimeoutMs: 3000, trace: true, verbose: true, admin: false, login: false },
    services: { dns: standinResolver(), now: () => new Date(), extraCa },
    concurrency: 2,
    signal: new AbortController().signal,
  });
  return runs.flatMap((entry) => entry.results);
}

describe('secrets and tokens never leak', () => {
  it('keeps the client secret and the token out of results, transcripts, translations and provider answers', async () => {
    const healthy = entraAccount(world, world.app, { name: 'healthy', auth: { clientSecret: secret(CANARY) } });
    const wrongTenant = entraAccount(world, world.app, { name: 'wrong-tenant', tenantId: 'fabrikam.onmicrosoft.com', auth: { clientSecret: secret(CANARY) } });
    const wrongSecret = entraAccount(world, world.register(world.contoso), { name: 'wrong-secret', auth: { clientSecret: secret(CANARY) } });
    const unreachable = entraAccount(world, world.app, {
      name: 'dns',
      endpoints: { login: 'https://login.gone.invalid' },
      auth: { clientSecret: secret(CANARY) },
    });
    resetRedactionForTests();

    world.standin.resetLog();
    const results = [...(await run([healthy, wrongTenant, wrongSecret, unreachable], [world.ca.pem])), ...(await run([healthy], []))];
    const statuses = results.map((result) => `${result.id}:${result.status}:${result.code ?? ''}`);
    expect(statuses).toContain('entra.credentials:pass:');
    expect(statuses).toContain('entra.credentials:fail:ENTRA_APP_NOT_FOUND');
    expect(statuses).toContain('entra.credentials:fail:ENTRA_SECRET_INVALID');
    expect(statuses).toContain('entra.tenant:fail:DNS_NOT_FOUND');
    expect(statuses).toContain('entra.tenant:fail:TLS_CERT_UNTRUSTED');
    // The canary really went to the token endpoint (and only in the request body).
    expect(world.standin.requests.some((request) => request.secretPresented === true && request.status === 200)).toBe(true);

    const tokens = world.standin.tokens.all().map((issued) => issued.token);
    expect(tokens.length).toBeGreaterThan(0);
    const text = rendered(results);
    expectClean(text, [CANARY, ...tokens]);
    expect(text).toContain('AADSTS7000215');

    const { context } = entraContext(world, healthy);
    const given = await getMailToken(context, 'imap');
    expect(given.kind).toBe('token');
    expectClean(JSON.stringify(given), [CANARY, ...world.standin.tokens.all().map((issued) => issued.token)]);
    expectClean(
      context.transcript
        .entries()
        .map((entry) => entry.text)
        .join('\n'),
      [CANARY],
    );
  });

  it('keeps the secret out of every failure the token request can produce, including thrown errors', async () => {
    const value = `${CANARY}-2`;
    const clientSecret = new Secret(value, 'env', '${env:TACTIUM_CLIENT_SECRET}');
    resetRedactionForTests();
    const base = { tenant: world.contoso.id, clientId: world.app.application.appId, clientSecret, scope: 'https://outlook.office365.com/.default' };
    const http = { timeoutMs: 1500, extraCa: [world.ca.pem], resolver: standinResolver(), env: {} };
    const outcomes = [
      await acquireAppToken({ ...base, login: world.standin.url(), http }),
      await acquireAppToken({ ...base, login: world.standin.url(), http: { ...http, extraCa: [] } }),
      await acquireAppToken({ ...base, login: 'https://login.none.invalid', http }),
      await acquireAppToken({ ...base, login: world.standin.url(), http: { ...http, env: { HTTPS_PROXY: 'http://user:pw@127.0.0.1:9' } } }),
    ];
    const described = outcomes.map((outcome) => {
      if (outcome.ok) return 'ok';
      const failure = outcome.failure;
      return failure.kind === 'network'
        ? `${JSON.stringify(failure)} ${failure.error.message} ${failure.error.stack ?? ''} ${String(failure.error.cause)}`
        : JSON.stringify(failure);
    });
    expect(described.filter((item) => item !== 'ok')).toHaveLength(4);
    expectClean(described.join('\n'), [value]);
  });
});
