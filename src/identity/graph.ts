/**
 * Microsoft Graph v1.0, read-only, on the identity HTTP client (probes/https: proxy, run-time CA, our resolver,
 * classified transport failures). The base comes from `endpoints.graph`, so national clouds
 * (graph.microsoft.us, dod-graph.microsoft.us, microsoftgraph.chinacloudapi.cn — docs/provider-facts.md
 * §National clouds) and a stand-in work alike. Every answer is classified the way the directory checks need it:
 * - 2xx → the JSON;
 * - 401 / 403 (Graph's `{error:{code,message,innerError}}`, e.g. `Authorization_RequestDenied`) → `denied`:
 *   the directory refused to answer this caller, which is a permission to unlock, not a broken setup;
 * - 404 (`Request_ResourceNotFound`) → `not-found`: the object does not exist;
 * - 429 / 5xx → `throttled` / `unavailable`, with Retry-After and request-id as evidence;
 * - anything not Graph's JSON (a proxy's page) → `unexpected`; no answer at all → `network` (HttpError).
 * Shapes: https://learn.microsoft.com/graph/errors and the resource pages cited next to each reader.
 */
import type { Account } from '../config/types.js';
import type { Secret } from '../secrets/secret.js';
import { scrubAndClip } from '../secrets/redact.js';
import { answerSnippet } from './entra-client.js';
import { isObject, text } from './graph-resources.js';
import { fetchJson, type HttpResponse, type HttpSettings, type IdentityHttp } from '../probes/https/client.js';
import { isHttpError, type HttpError } from '../probes/https/failure.js';
import type { ProxyUse } from '../probes/https/proxy.js';

export const GRAPH_VERSION = 'v1.0';

/**
 * Office 365 Exchange Online and Microsoft Graph: the resources mail permissions live under
 * (docs/provider-facts.md §Exchange permissions).
 */
export const EXCHANGE_RESOURCE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';

/** `endpoints.graph` without a trailing slash: `https://graph.microsoft.com`. */
export function graphOrigin(account: Account): string {
  return account.endpoints.graph.replace(/\/+$/, '');
}

/** Graph's `.default` scope for this cloud: each national cloud has its own Graph host (docs/provider-facts.md). */
export function graphDefaultScope(account: Account): string {
  return `${graphOrigin(account)}/.default`;
}

/** Who reads the directory: an administrator signed in with `--admin`, or the app with its own permissions. */
export type GraphCaller = 'admin' | 'application';

export interface GraphAccess {
  readonly token: Secret;
  /** `https://graph.microsoft.com/v1.0` */
  readonly base: string;
  readonly caller: GraphCaller;
  /** The administrator's user name, or the app's client ID: shown as evidence, never a secret. */
  readonly who: string;
}

export function graphAccess(account: Account, token: Secret, caller: GraphCaller, who: string): GraphAccess {
  return { token, base: `${graphOrigin(account)}/${GRAPH_VERSION}`, caller, who };
}

/** Graph's error body (https://learn.microsoft.com/graph/errors). */
export interface GraphErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly date?: string;
}

export function parseGraphError(json: unknown): GraphErrorBody | undefined {
  if (!isObject(json)) return undefined;
  const error = json.error;
  if (!isObject(error)) return undefined;
  const inner = isObject(error.innerError) ? error.innerError : undefined;
  const code = text(error, 'code');
  const message = text(error, 'message');
  if (code === undefined && message === undefined) return undefined;
  const requestId = inner ? text(inner, 'request-id') : undefined;
  const date = inner ? text(inner, 'date') : undefined;
  return {
    ...(code !== undefined ? { code } : {}),
    // Scrubbed before the cut: a message quoting a secret must not keep its head.
    ...(message !== undefined ? { message: scrubAndClip(message, 300) } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(date !== undefined ? { date } : {}),
  };
}

/** Why a Graph request gave no usable answer. `path` is the request path without the query. */
export type GraphFailure =
  | { readonly kind: 'denied'; readonly path: string; readonly status: number; readonly error: GraphErrorBody }
  | { readonly kind: 'not-found'; readonly path: string; readonly status: number; readonly error: GraphErrorBody }
  | { readonly kind: 'bad-request'; readonly path: string; readonly status: number; readonly error: GraphErrorBody }
  | { readonly kind: 'throttled'; readonly path: string; readonly status: number; readonly retryAfter?: string; readonly error: GraphErrorBody }
  | { readonly kind: 'unavailable'; readonly path: string; readonly status: number; readonly error: GraphErrorBody }
  | { readonly kind: 'unexpected'; readonly path: string; readonly status: number; readonly contentType: string; readonly snippet: string }
  | { readonly kind: 'network'; readonly path: string; readonly error: HttpError };

export type GraphResult<T> =
  /** `truncated`: a collection with more pages than `graphList` follows (what was read is `value`). */
  | { readonly ok: true; readonly value: T; readonly requestId?: string; readonly proxy?: ProxyUse; readonly truncated?: true }
  | { readonly ok: false; readonly failure: GraphFailure };

/** The path part of a Graph URL for evidence and messages: `/v1.0/applications(appId='…')`. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return decodeURIComponent(parsed.pathname);
}

function classify(response: HttpResponse, path: string): GraphFailure {
  const error = parseGraphError(response.json) ?? {};
  const requestId = error.requestId ?? response.headers['request-id'];
  const withId: GraphErrorBody = requestId !== undefined ? { ...error, requestId } : error;
  const status = response.status;
  if (response.json === undefined && response.text.trim().length > 0) {
    return { kind: 'unexpected', path, status, contentType: response.contentType, snippet: answerSnippet(response.text) };
  }
  if (status === 401 || status === 403) return { kind: 'denied', path, status, error: withId };
  if (status === 404) return { kind: 'not-found', path, status, error: withId };
  if (status === 429) {
    const retryAfter = response.headers['retry-after'];
    return { kind: 'throttled', path, status, error: withId, ...(retryAfter ? { retryAfter } : {}) };
  }
  if (status >= 500) return { kind: 'unavailable', path, status, error: withId };
  if (status >= 400) return { kind: 'bad-request', path, status, error: withId };
  return { kind: 'unexpected', path, status, contentType: response.contentType, snippet: answerSnippet(response.text) };
}

export interface GraphRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * `GET {base}{path}` with the bearer token; `path` starts with `/` and may carry a query. The token is in
 * the Authorization header only (never in the URL, never in the transcript).
 */
export async function graphGet(
  access: GraphAccess,
  path: string,
  http: HttpSettings | IdentityHttp,
  options: GraphRequestOptions = {},
): Promise<GraphResult<unknown>> {
  const url = `${access.base}${path}`;
  const plainPath = pathOf(url);
  let response: HttpResponse;
  try {
    response = await fetchJson(
      url,
      {
        method: 'GET',
        headers: { authorization: `Bearer ${access.token.reveal()}`, ...options.headers },
        traceLabel: `${new URL(url).origin}${plainPath}`,
      },
      http,
    );
  } catch (error) {
    if (isHttpError(error)) return { ok: false, failure: { kind: 'network', path: plainPath, error } };
    throw error;
  }
  if (response.status >= 200 && response.status < 300 && response.json !== undefined) {
    const requestId = response.headers['request-id'];
    return { ok: true, value: response.json, ...(requestId ? { requestId } : {}), ...(response.proxy ? { proxy: response.proxy } : {}) };
  }
  return { ok: false, failure: classify(response, plainPath) };
}

/** Most pages of a collection followed through `@odata.nextLink` (these collections are small; past it, `truncated`). */
const MAX_PAGES = 10;

/** A collection (`{value:[…]}`), following `@odata.nextLink` on the same Graph host. */
export async function graphList(
  access: GraphAccess,
  path: string,
  http: HttpSettings | IdentityHttp,
  options: GraphRequestOptions = {},
): Promise<GraphResult<unknown[]>> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  let requestId: string | undefined;
  for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
    const result = await graphGet(access, next, http, options);
    if (!result.ok) return result;
    requestId ??= result.requestId;
    const value = isObject(result.value) ? result.value.value : undefined;
    if (Array.isArray(value)) items.push(...value);
    const link = isObject(result.value) ? text(result.value, '@odata.nextLink') : undefined;
    next = link && link.startsWith(access.base) ? link.slice(access.base.length) : undefined;
  }
  return { ok: true, value: items, ...(requestId ? { requestId } : {}), ...(next !== undefined ? { truncated: true as const } : {}) };
}

/** An OData string literal: single quotes doubled (OData ABNF, `SQUOTE-in-string`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
