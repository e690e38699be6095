import type { Check } from './types.js';

/**
 * Every check, in report order, grouped by area (expo-doctor style: explicit, easy to grep).
 * Check ids are stable forever; add new checks, never rename.
 */
export const CHECKS: readonly Check[] = [
  // Configuration (the file only)
  // DNS
  // Outgoing mail (SMTP)
  // Incoming mail (IMAP / POP3)
];
