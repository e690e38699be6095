import type { report as en } from '../en/report.js';

export const report = {
} as const satisfies Record<keyof typeof en, string>;
