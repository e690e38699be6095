/**
 * The stand-in's authorization code flow as both sign-ins meet it: the confidential `--login` client (its
 * secret, a Web redirect URI) and the `--admin` public client (Microsoft Graph Command Line Tools, PKCE,
 * http://localhost on any port). One implementation serves both, so each case runs for each: the code
 * redeems once, a wrong PKCE verifier is AADSTS501481 and spends the code, another redirect URI than the
 * code's is AADSTS500112, and what cannot go back to the client is Microsoft's error page with its IDs.
 */
import https from 'node:https';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GRAPH_CLI_APP_ID, graphOf } from '../../../standins/entra-standin/graph.js';
import { delegatedOf, signInAt } from '../../../standins/entra-standin/delegated.js';
import { startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

interface Flow {
  readonly name: string;
  readonly clientId: () => string;
  readonly upn: string;
  readonly scope: string;
  readonly redirectUri: string;
  /** Another redirect URI the client may use, not the one the code was issued for. */
  readonly otherRedirectUri: string;
  /** What a confidential client adds to its token request. */
  readonly credentials: () => Record<string, string>;
}

const FLOWS: readonly Flow[] = [
  {
    name: 'the confidential --login client',
    clientId: () => world.app.application.appId,
    upn: 'pessoa@contoso.com.br',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    redirectUri: 'https://crm.tactium.test/oauth/callback',
    otherRedirectUri: 'https://crm.tactium.test/oauth/other',
    credentials: () => ({ client_secret: world.app.secret }),
  },
  {
    name: 'the --admin public client',
    clientId: () => GRAPH_CLI_APP_ID,
    upn: 'admin@contoso.com.br',
    scope: 'https://graph.microsoft.com/User.Read openid offline_access',
    redirectUri: 'http://localhost:53111',
    otherRedirectUri: 'http://localhost:53112',
    credentials: () => ({}),
  },
];

beforeAll(async () => {
  world = await startWorld();
  const graph = graphOf(world.standin);
  graph.equip(world.contoso);
  graph.addUser(world.contoso, { upn: 'admin@contoso.com.br' });
  graph.signIn.consentPublicClient(world.contoso, graph.signIn.graphCli, ['User.Read']);
  const delegated = delegatedOf(world.standin);
  delegated.addUser(world.contoso, { upn: 'pessoa@contoso.com.br' });
  delegated.setRedirectUris(world.app.application.appId, { web: [FLOWS[0]!.redirectUri, FLOWS[0]!.otherRedirectUri] });
  delegated.grantDelegatedConsent(world.contoso, world.app.application.appId, ['IMAP.AccessAsUser.All', 'offline_access']);
});

afterAll(async () => {
  await world.close();
});

function authorizationUrl(flow: Flow, verifier: string): string {
  const url = new URL(`${world.standin.origin}/${world.contoso.id}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: flow.clientId(),
    response_type: 'code',
    redirect_uri: flow.redirectUri,
    scope: flow.scope,
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/** The person signs in; the code the browser is sent back with. */
async function codeFor(flow: Flow, verifier: string): Promise<string> {
  const answer = await signInAt(authorizationUrl(flow, verifier), flow.upn, { ca: world.ca.pem });
  expect(answer.status).toBe(302);
  const back = new URL(answer.location ?? '');
  expect(`${back.origin}${back.pathname}`.replace(/\/$/, '')).toBe(flow.redirectUri);
  expect(back.searchParams.get('state')).toBe('state-1');
  return back.searchParams.get('code') ?? '';
}

function redeem(flow: Flow, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: flow.clientId(), scope: flow.scope, ...flow.credentials(), ...fields });
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${world.standin.origin}/${world.contoso.id}/oauth2/v2.0/token`,
      { method: 'POST', ca: world.ca.pem, headers: { 'content-type': 'application/x-www-form-urlencoded' }, timeout: 5000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('token endpoint timed out')));
    request.on('error', reject);
    request.end(form.toString());
  });
}

describe.each(FLOWS)('the authorization code of $name', (flow) => {
  it('redeems once with the PKCE verifier and the same redirect URI, and answers the tokens', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(flow, verifier);
    const first = await redeem(flow, { code, redirect_uri: flow.redirectUri, code_verifier: verifier });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    for (const field of ['access_token', 'id_token', 'client_info', 'refresh_token']) expect(typeof first.body[field]).toBe('string');
    expect(String(first.body.scope).split(' ')).not.toContain('offline_access');
    const again = await redeem(flow, { code, redirect_uri: flow.redirectUri, code_verifier: verifier });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [54005] } });
  });

  it('answers AADSTS501481 for a wrong PKCE verifier, and the code is spent', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(flow, verifier);
    const wrong = await redeem(flow, { code, redirect_uri: flow.redirectUri, code_verifier: `${verifier}x` });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [501481] } });
    expect(String(wrong.body.error_description)).toMatch(/^AADSTS501481: The Code_Verifier does not match .* Trace ID: /);
    const right = await redeem(flow, { code, redirect_uri: flow.redirectUri, code_verifier: verifier });
    expect(right).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [54005] } });
  });

  it('answers AADSTS500112 when the redirect URI is not the one the code was issued for', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(flow, verifier);
    const answer = await redeem(flow, { code, redirect_uri: flow.otherRedirectUri, code_verifier: verifier });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [500112] } });
  });

  it('shows an unknown account on Microsoft’s error page, with the IDs support asks for', async () => {
    const answer = await signInAt(authorizationUrl(flow, 'v'), 'nobody@contoso.com.br', { ca: world.ca.pem });
    expect(answer.status).toBe(400);
    expect(answer.location).toBeUndefined();
    expect(answer.errorText).toMatch(/^AADSTS50034: The user account nobody@contoso\.com\.br does not exist in the contoso\.onmicrosoft\.com directory\./);
    expect(answer.body).toMatch(/Trace ID: [0-9a-f-]{36}<\/p><p>Correlation ID: [0-9a-f-]{36}<\/p><p>Timestamp: /);
  });
});

describe('the --admin public client', () => {
  it('echoes the authorization request’s nonce in the id_token', async () => {
    const flow = FLOWS[1]!;
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(flow, verifier);
    const answer = await redeem(flow, { code, redirect_uri: flow.redirectUri, code_verifier: verifier });
    const payload = JSON.parse(Buffer.from(String(answer.body.id_token).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload.nonce).toBe('nonce-1');
  });
});
