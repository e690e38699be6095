import type { mail as en } from '../en/mail.js';

export const mail = {
} as const satisfies Record<keyof typeof en, string>;
