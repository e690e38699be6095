import type { configfile as en } from '../en/configfile.js';

export const configfile = {
} as const satisfies Record<keyof typeof en, string>;
