/** English strings of the 'incoming' area. */
export const incoming = {
} as const;
