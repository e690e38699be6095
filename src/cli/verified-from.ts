import os from 'node:os';
import type { VerifiedFrom } from '../report/model.js';

/** A proxy URL as configured, without its user name and password (proxy URLs often carry them). */
export function describeProxy(env: NodeJS.ProcessEnv): string | null {
  const raw = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  if (!raw) return null;
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy setting)';
  }
}

/**
 * A pass from the customer's LAN does not prove that Tactium's servers reach the same
 * hosts, so every report says where it was verified from.
 */
export function collectVerifiedFrom(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): VerifiedFrom {
  const addresses: string[] = [];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) if (!entry.internal) addresses.push(entry.address);
  }
  return {
    hostname: os.hostname(),
    addresses,
    platform: `${os.platform()} ${os.release()} (${os.arch()}), Node ${process.version}`,
    proxy: describeProxy(env),
    at: now.toISOString(),
  };
}
