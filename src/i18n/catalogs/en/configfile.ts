/** English strings of the 'configfile' area. */
export const configfile = {
} as const;
