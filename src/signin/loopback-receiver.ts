/**
 * The loopback alternative of `--login` (RFC 8252 §7.3): when the app's registered
 * redirect URI is a live service that redeems the code before the tool can (AADSTS54005), the person
 * registers a temporary `http://localhost:<port>/` Web redirect URI and this tiny HTTP server on
 * 127.0.0.1 receives the browser's redirect itself. Entra ignores the port of localhost redirect URIs
 * when matching (https://learn.microsoft.com/en-us/entra/identity-platform/reply-url, "Localhost
 * exceptions"), so an ephemeral port works.
 *
 * It answers the one redirect that carries `code` or `error` with a plain "you can close this tab" page
 * (both languages: the page is shown before the tool knows anything else), ignores everything else
 * (favicon…) with 404, and is closed right after. The address it received is a `Secret`: it holds the code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Secret } from '../secrets/secret.js';

export interface LoopbackReceiver {
  readonly port: number;
  /** `http://localhost:<port><path>`: what goes in the authorization request and the app registration. */
  readonly redirectUri: string;
  /** The first redirect that carries `code` or `error`, as a full URL; rejects when `signal` aborts. */
  next(signal: AbortSignal): Promise<Secret>;
  close(): Promise<void>;
}

/** Why the receiver could not listen (the port is taken, or loopback is not allowed to bind). */
export class LoopbackListenError extends Error {
  constructor(
    readonly port: number,
    readonly nodeCode: string | undefined,
  ) {
    super(`cannot listen on 127.0.0.1:${port}${nodeCode ? ` (${nodeCode})` : ''}`);
    this.name = 'LoopbackListenError';
  }
}

const PAGE = [
  '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>tactium-preflight</title></head>',
  '<body style="font-family: sans-serif; margin: 3em">',
  '<h1>tactium-preflight</h1>',
  '<p>Login recebido. Pode fechar esta aba e voltar ao terminal.</p>',
  '<p lang="en">Sign-in received. You can close this tab and return to the terminal.</p>',
  '</body></html>',
].join('');

/** Listens on 127.0.0.1:`port` (0: a free one) for the redirect to `path`. */
export async function startLoopbackReceiver(options: { port: number; path?: string }): Promise<LoopbackReceiver> {
  const path = options.path && options.path.startsWith('/') ? options.path : '/';
  let received: Secret | undefined;
  const waiters: Array<(value: Secret) => void> = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://localhost:${port}`);
    if (request.method !== 'GET' || url.pathname !== path || (!url.searchParams.has('code') && !url.searchParams.has('error'))) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(PAGE);
    if (received) return;
    received = new Secret(url.href, 'runtime');
    for (const waiter of waiters.splice(0)) waiter(received);
  });
  server.keepAliveTimeout = 500;
  let port = options.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new LoopbackListenError(options.port, error.code)));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    redirectUri: `http://localhost:${port}${path}`,
    next(signal) {
      if (received) return Promise.resolve(received);
      return new Promise<Secret>((resolve, reject) => {
        const onAbort = (): void =>
          reject(typeof signal.reason === 'object' && signal.reason !== null ? signal.reason : new Error(String(signal.reason ?? 'aborted')));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.push((value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
