/**
 * A tiny RFC 7662 token-introspection endpoint on loopback: what Dovecot's `oauth2` passdb asks
 * (`introspection_mode = post`: POST `token=…`) to accept XOAUTH2 / OAUTHBEARER logins.
 * The token table is injectable, so identity-provider stand-ins (Entra, Google) can serve their own
 * tokens through `introspectionHandler` and have them accepted end to end.
 */
import http from 'node:http';

/** What a valid token stands for: the user Dovecot logs in (`username_attribute = username`). */
export interface TokenInfo {
  readonly username: string;
}

/** A lookup from token to its user; a Map works, and so does any function (e.g. a stand-in's own store). */
export type TokenTable = ReadonlyMap<string, TokenInfo | string> | ((token: string) => TokenInfo | string | undefined);

function lookup(table: TokenTable, token: string): TokenInfo | undefined {
  const found = typeof table === 'function' ? table(token) : table.get(token);
  if (found === undefined) return undefined;
  return typeof found === 'string' ? { username: found } : found;
}

/** The answer RFC 7662 §2.2 prescribes: `{"active":false}` and nothing else for an unknown token. */
export function introspect(table: TokenTable, token: string | null): Record<string, unknown> {
  const info = token ? lookup(table, token) : undefined;
  if (!info) return { active: false };
  return { active: true, username: info.username, token_type: 'Bearer', scope: 'mail' };
}

/**
 * An `http` request handler answering introspection requests (form-encoded POST, RFC 7662 §2.1).
 * `onRequest` sees each token looked up (tests count them).
 */
export function introspectionHandler(table: TokenTable, onRequest?: (token: string | null) => void): http.RequestListener {
  return (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 64 * 1024) chunks.push(chunk);
    });
    request.on('end', () => {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('token');
      onRequest?.(token);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(introspect(table, token)));
    });
  };
}

export interface IntrospectionServer {
  /** The URL to give Dovecot's `introspection_url`. */
  readonly url: string;
  readonly port: number;
  /** The tokens asked about so far, in order (for "the server really checked the token" assertions). */
  readonly requests: readonly (string | null)[];
  stop(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1 with an ephemeral port. */
export async function startIntrospection(table: TokenTable): Promise<IntrospectionServer> {
  const requests: (string | null)[] = [];
  const server = http.createServer(introspectionHandler(table, (token) => requests.push(token)));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('introspection endpoint did not bind a TCP port');
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}/introspect`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
