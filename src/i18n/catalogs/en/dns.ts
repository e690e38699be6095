/** English strings of the 'dns' area. */
export const dns = {
} as const;
