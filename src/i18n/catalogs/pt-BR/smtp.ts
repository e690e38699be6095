import type { smtp as en } from '../en/smtp.js';

export const smtp = {
} as const satisfies Record<keyof typeof en, string>;
