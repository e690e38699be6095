/** English strings of the 'smtp' area. */
export const smtp = {
} as const;
