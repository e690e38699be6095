/**
 * A healthy tenant through the real runner: entra.tenant → entra.credentials → entra.exchange-roles and
 * entra.object-id all pass with two requests in all (the discovery document and one token POST), and the
 * mail checks get the same token through the token provider, without another request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import { entraTokenProvider } from '../../../src/checks/shared/entra-token-provider.js';
import { getMailToken, registerTokenProvider } from '../../../src/checks/shared/token-provider.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import { secret } from '../../support/check-context.js';
import { standinResolver } from '../../../standins/entra-standin/index.js';
import { english, entraAccount, entraContext, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

beforeAll(async () => {
  world = await startWorld();
  registerTokenProvider(entraTokenProvider);
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

const CHECKS = [entraTenantCheck, entraCredentialsCheck, entraExchangeRolesCheck, entraObjectIdCheck];

describe('a healthy Office 365 tenant, application flow', () => {
  it('passes entra.tenant, entra.credentials, entra.exchange-roles and entra.object-id with two requests', async () => {
    world.standin.resetLog();
    const account = entraAccount(world, world.app, { tenantId: 'contoso.com.br' });
    const resolver = standinResolver();
    const [run] = await runChecks({
      config: { file: '/tmp/cliente.yaml', accounts: [account], tls: { extraCa: [world.ca.pem] } },
      checks: CHECKS,
      options: { stepTimeoutMs: 3000, trace: true, verbose: false, admin: false, login: false },
      services: { dns: resolver, now: () => new Date(), extraCa: [world.ca.pem] },
      concurrency: 1,
      signal: new AbortController().signal,
    });
    const results = run?.results ?? [];
    expect(results.map((result) => [result.id, result.status, result.code])).toEqual([
      ['entra.tenant', 'pass', null],
      ['entra.credentials', 'pass', null],
      ['entra.exchange-roles', 'pass', null],
      ['entra.object-id', 'pass', null],
    ]);
    expect(world.standin.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /contoso.com.br/v2.0/.well-known/openid-configuration',
      'POST /contoso.com.br/oauth2/v2.0/token',
    ]);
    expect(resolver.unexpected).toEqual([]);
    // --trace: the token request is in the transcript, its body is not.
    const trace = results.find((result) => result.id === 'entra.credentials')?.trace.map((entry) => entry.text) ?? [];
    expect(trace).toContainEqual(
      expect.stringContaining(
        `POST ${world.standin.url()}/contoso.com.br/oauth2/v2.0/token (grant client_credentials, client_id ${world.app.application.appId}, scope https://outlook.office365.com/.default)`,
      ),
    );
    expect(trace).toContainEqual(expect.stringMatching(/^200 application\/json/));
    expect(trace.join('\n')).not.toContain('client_secret');
  });

  it('hands the same app token to the mail checks (no second request), and nothing for the delegated flow', async () => {
    world.standin.resetLog();
    const { context } = entraContext(world, entraAccount(world, world.app));
    expect((await entraCredentialsCheck.run(context)).status).toBe('pass');
    const imap = await getMailToken(context, 'imap');
    const smtp = await getMailToken(context, 'smtp');
    expect(imap).toMatchObject({ kind: 'token', origin: 'entra-application' });
    expect(smtp.kind === 'token' && imap.kind === 'token' && smtp.token.reveal() === imap.token.reveal()).toBe(true);
    expect(imap.kind === 'token' && world.standin.tokens.get(imap.token.reveal())?.roles).toEqual(['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp']);
    expect(world.standin.requests).toHaveLength(1);

    const delegated = await getMailToken(entraContext(world, entraAccount(world, world.app, { auth: { flow: 'delegated' } })).context, 'imap');
    expect(delegated.kind).toBe('unavailable');
    expect(delegated.kind === 'unavailable' && english(delegated.reason)).toBe('needs --login (delegated flow): a user signs in to get the mailbox token');
  });

  it('gets the token itself when the mail checks run alone, and reports a refusal with its code', async () => {
    world.standin.resetLog();
    const alone = await getMailToken(entraContext(world, entraAccount(world, world.app)).context, 'pop3');
    expect(alone.kind).toBe('token');
    expect(world.standin.requests.map((request) => request.method)).toEqual(['POST']);

    const refused = await getMailToken(
      entraContext(world, entraAccount(world, world.app, { auth: { clientSecret: secret(world.app.secretId) } })).context,
      'imap',
    );
    expect(refused).toMatchObject({ kind: 'failed', code: 'ENTRA_SECRET_ID_AS_VALUE' });
    expect(refused.kind === 'failed' && english(refused.reason)).toBe('no Office 365 token (ENTRA_SECRET_ID_AS_VALUE); entra.credentials says why');
  });

  it('leaves the token given in the file alone: it wins and no request is made', async () => {
    world.standin.resetLog();
    const given = secret('eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.c2ln');
    const result = await getMailToken(entraContext(world, entraAccount(world, world.app, { auth: { accessToken: given } })).context, 'imap');
    expect(result).toMatchObject({ kind: 'token', origin: 'config' });
    expect(world.standin.requests).toEqual([]);
  });
});
