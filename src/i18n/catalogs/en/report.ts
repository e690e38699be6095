/** English strings of the 'report' area. */
export const report = {
} as const;
