import type { config as en } from '../en/config.js';

export const config = {
} as const satisfies Record<keyof typeof en, string>;
