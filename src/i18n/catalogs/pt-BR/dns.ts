import type { dns as en } from '../en/dns.js';

export const dns = {
} as const satisfies Record<keyof typeof en, string>;
