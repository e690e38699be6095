import type { cli as en } from '../en/cli.js';

export const cli = {
} as const satisfies Record<keyof typeof en, string>;
