/**
 * The Entra stand-in itself: Microsoft's shapes (discovery document, instance discovery, JWKS that really
 * verifies the RS256 tokens), strictness (an unknown request is recorded), and the RFC 7662 introspection
 * handler that lets Dovecot's XOAUTH2 accept the stand-in's app tokens.
 */
import http from 'node:http';
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fetchJson } from '../../../src/probes/https/client.js';
import { acquireAppToken } from '../../../src/identity/entra-client.js';
import { Secret } from '../../../src/secrets/secret.js';
import { standinResolver } from '../../../standins/entra-standin/index.js';
import { startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;
let introspection: http.Server;
let introspectionUrl = '';

beforeAll(async () => {
  world = await startWorld();
  const mailboxes = new Map([[world.app.servicePrincipal.id, 'atendimento@contoso.com.br']]);
  introspection = http.createServer(world.standin.introspectionHandler((token) => mailboxes.get(token.oid)));
  await new Promise<void>((resolve) => introspection.listen(0, '127.0.0.1', () => resolve()));
  const address = introspection.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  introspectionUrl = `http://127.0.0.1:${address.port}/introspect`;
});

afterAll(async () => {
  introspection.closeAllConnections();
  await new Promise<void>((resolve) => introspection.close(() => resolve()));
  await world.close();
});

const settings = () => ({ timeoutMs: 3000, extraCa: [world.ca.pem], resolver: standinResolver(), env: {} });

async function appToken(): Promise<string> {
  const result = await acquireAppToken({
    login: world.standin.url(),
    tenant: world.contoso.id,
    clientId: world.app.application.appId,
    clientSecret: new Secret(world.app.secret, 'runtime'),
    scope: 'https://outlook.office365.com/.default',
    http: settings(),
  });
  if (!result.ok) throw new Error(`no token: ${JSON.stringify(result.failure)}`);
  return result.token.reveal();
}

async function introspect(token: string): Promise<unknown> {
  const response = await fetch(introspectionUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  return response.json();
}

describe('the Entra stand-in', () => {
  it('serves a tenant’s discovery document with the issuer, endpoints and cloud fields built from its own host', async () => {
    const response = await fetchJson(`${world.standin.url()}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, {}, settings());
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      issuer: `${world.standin.url()}/${world.contoso.id}/v2.0`,
      token_endpoint: `${world.standin.url()}/${world.contoso.id}/oauth2/v2.0/token`,
      jwks_uri: `${world.standin.url()}/${world.contoso.id}/discovery/v2.0/keys`,
      cloud_instance_name: 'microsoftonline.com',
      msgraph_host: 'graph.microsoft.com',
    });
  });

  it('answers instance discovery for its own host', async () => {
    const response = await fetchJson(`${world.standin.url()}/common/discovery/instance?api-version=1.1`, {}, settings());
    expect(response.json).toMatchObject({ 'api-version': '1.1', metadata: [{ preferred_network: `login.standin.test:${world.standin.port}` }] });
  });

  it('issues RS256 tokens that verify with its JWKS, with the v1 app-only claims', async () => {
    const token = await appToken();
    const [header, payload, signature] = token.split('.');
    const keys = await fetchJson(`${world.standin.url()}/${world.contoso.id}/discovery/v2.0/keys`, {}, settings());
    const jwks = keys.json as { keys: { kid: string; kty: string; n: string; e: string }[] };
    const kid = JSON.parse(Buffer.from(header ?? '', 'base64url').toString()).kid;
    const jwk = jwks.keys.find((key) => key.kid === kid);
    expect(jwk).toBeDefined();
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk?.n ?? '', e: jwk?.e ?? '' }, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    expect(claims).toMatchObject({
      aud: 'https://outlook.office365.com',
      iss: `https://sts.windows.net/${world.contoso.id}/`,
      appid: world.app.application.appId,
      oid: world.app.servicePrincipal.id,
      tid: world.contoso.id,
      idtyp: 'app',
      ver: '1.0',
      appidacr: '1',
    });
  });

  it('feeds RFC 7662 introspection: its own unexpired tokens are active for the mailbox the test maps them to', async () => {
    const token = await appToken();
    expect(await introspect(token)).toEqual({ active: true, username: 'atendimento@contoso.com.br', token_type: 'Bearer', scope: 'mail' });
    expect(await introspect(`${token}x`)).toEqual({ active: false });
    const other = world.register(world.contoso);
    const result = await acquireAppToken({
      login: world.standin.url(),
      tenant: world.contoso.id,
      clientId: other.application.appId,
      clientSecret: new Secret(other.secret, 'runtime'),
      scope: 'https://outlook.office365.com/.default',
      http: settings(),
    });
    expect(result.ok && (await introspect(result.token.reveal()))).toEqual({ active: false });
  });

  it('records a request no route knows, so tests can fail on it', async () => {
    world.standin.resetLog();
    const response = await fetchJson(`${world.standin.url()}/v1.0/me`, {}, settings());
    expect(response.status).toBe(404);
    expect(world.standin.unexpected.map((request) => request.path)).toEqual(['/v1.0/me']);
    world.standin.resetLog();
  });
});
