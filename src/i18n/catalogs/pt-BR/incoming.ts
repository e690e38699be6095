import type { incoming as en } from '../en/incoming.js';

export const incoming = {
} as const satisfies Record<keyof typeof en, string>;
