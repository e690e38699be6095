import { isAlias, isMap, isScalar } from 'yaml';
import { InternalError } from '../../errors/index.js';
import type { Secret } from '../../secrets/secret.js';
import { conventionalPort, defaultEndpoints, defaultIncoming, defaultOutgoing } from '../defaults.js';
import type { RawAccount } from '../schema.js';
import {
  SECRET_KEYS,
  type Account,
  type AuthConfig,
  type Cloud,
  type Endpoint,
  type Endpoints,
  type IncomingProtocol,
  type SourcePosition,
  type Security,
} from '../types.js';
import type { SourceMap } from './source-map.js';

// ---- Building the typed configuration ------------------------------------------------------------------

/** The security a conventional port implies, so that writing only `port: 465` does not pair it with STARTTLS. */
function securityForPort(protocol: IncomingProtocol | 'smtp', port: number): Security | undefined {
  for (const security of ['tls', 'starttls'] as const) {
    if (conventionalPort(protocol, security) === port) return security;
  }
  // Port 25 (relay / submission on Office 365) speaks STARTTLS: RFC 3207.
  return protocol === 'smtp' && port === 25 ? 'starttls' : undefined;
}

function fillEndpoint(
  written: { host?: string; port?: number; security?: Security } | undefined,
  defaults: Endpoint | undefined,
  protocol: IncomingProtocol | 'smtp',
  where: string,
): Endpoint {
  const security = written?.security ?? (written?.port !== undefined ? securityForPort(protocol, written.port) : undefined) ?? defaults?.security;
  const port = written?.port ?? (written?.security !== undefined ? conventionalPort(protocol, written.security) : defaults?.port);
  const host = written?.host ?? defaults?.host;
  // The rules require all three for providers without defaults, so this is a bug if it happens.
  if (host === undefined || port === undefined || security === undefined)
    throw new InternalError(`config: ${where} has no host/port/security after validation`);
  return { host, port, security };
}

function collectKeys(source: SourceMap, node: unknown, prefix: string, explicit: Set<string>, positions: Map<string, SourcePosition>): void {
  const resolved = isAlias(node) ? node.resolve(source.doc) : node;
  if (!isMap(resolved)) return;
  for (const pair of resolved.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const dotted = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value);
    explicit.add(dotted);
    positions.set(dotted, source.position(pair.key.range[0]));
    collectKeys(source, pair.value, dotted, explicit, positions);
  }
}

export function buildAccount(raw: RawAccount, index: number, source: SourceMap, secrets: ReadonlyMap<string, Secret>): Account {
  const cloud: Cloud = raw.provider === 'office365' ? (raw.cloud ?? 'global') : 'global';
  const protocol: IncomingProtocol = raw.incoming?.protocol ?? 'imap';
  const incoming = fillEndpoint(raw.incoming, defaultIncoming(raw.provider, cloud, protocol), protocol, `accounts[${index}].incoming`);
  const outgoing = fillEndpoint(raw.outgoing, defaultOutgoing(raw.provider, cloud), 'smtp', `accounts[${index}].outgoing`);
  const endpoints: { -readonly [K in keyof Endpoints]: Endpoints[K] } = { ...defaultEndpoints(cloud) };
  for (const key of ['login', 'graph', 'googleToken', 'dns', 'autoconfig'] as const) {
    const value = raw.endpoints?.[key];
    if (value !== undefined) endpoints[key] = value;
  }

  const { clientSecret: _clientSecret, password: _password, refreshToken: _refreshToken, accessToken: _accessToken, ...plainAuth } = raw.auth;
  const auth: { -readonly [K in keyof AuthConfig]: AuthConfig[K] } = { ...plainAuth };
  for (const key of SECRET_KEYS) {
    const secret = secrets.get(`${index}.${key}`);
    if (secret) auth[key] = secret;
  }

  const explicit = new Set<string>();
  const positions = new Map<string, SourcePosition>();
  const located = source.locate(['accounts', index]);
  positions.set('', source.anchor(['accounts', index]));
  collectKeys(source, located?.valueNode, '', explicit, positions);

  return ofItsKind(
    {
      name: raw.name,
      provider: raw.provider,
      mailbox: raw.mailbox,
      auth,
      ...(raw.admin ? { admin: { ...raw.admin } } : {}),
      incoming: { protocol, ...incoming },
      outgoing,
      cloud,
      endpoints,
      explicit,
      positions,
    },
    `accounts[${index}]`,
  );
}

/**
 * The account as its kind (config/types.ts): what the cross-field rules require is there, so a bug if not —
 * the rules (rules.ts) already turned every such file into a located configuration error.
 */
function ofItsKind(account: Omit<Account, 'auth' | 'provider'> & { provider: Account['provider']; auth: AuthConfig }, where: string): Account {
  const { provider, auth } = account;
  // Only the keys that are not secrets: without secret resolution (`init`, `schema`) those are absent.
  const missing =
    provider === 'office365' && auth.method === 'oauth2' && (auth.tenantId === undefined || auth.clientId === undefined || auth.flow === undefined);
  if (missing) throw new InternalError(`config: ${where} (${provider}, ${auth.method}) lacks a key its rules require, after validation`);
  return account as Account;
}
