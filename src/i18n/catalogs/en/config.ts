/** English strings of the 'config' area. */
export const config = {
} as const;
