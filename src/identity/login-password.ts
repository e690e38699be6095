/**
 * The password the mail logins (incoming.auth, smtp.auth) send. For Gmail it is an app password, which
 * Google shows as four groups of four letters (`abcd efgh ijkl mnop`) and which people paste with the
 * spaces; its value is the 16 letters ("strip spaces before use", docs/provider-facts.md §App passwords,
 * https://support.google.com/accounts/answer/185833). Both logins call `loginPassword()`, so the one
 * normalisation applies to IMAP, POP3 and SMTP alike, and gmail.credentials reports it.
 */
import type { Account } from '../config/types.js';
import { Secret } from '../secrets/secret.js';

/** What an app password looks like once the spaces are gone: 16 letters (Google shows lower case). */
const APP_PASSWORD = /^[A-Za-z]{16}$/;

export interface AppPasswordShape {
  /** The value the login sends: without spaces when that leaves an app password, else unchanged. */
  readonly value: string;
  /** Whitespace was removed (the value as written had spaces, e.g. Google's groups of four). */
  readonly normalised: boolean;
  readonly removedSpaces: number;
  /** 16 letters: the shape of a Google app password. */
  readonly looksLikeAppPassword: boolean;
  /** Characters in the value as written (for evidence: the length, never the value). */
  readonly length: number;
  readonly lettersOnly: boolean;
}

/**
 * Reads a Gmail password. Spaces are removed only when what remains is 16 letters: a normal password with
 * spaces (which Google refuses for IMAP/SMTP anyway) is left exactly as written.
 */
export function appPasswordShape(written: string): AppPasswordShape {
  const compact = written.replace(/\s+/g, '');
  const removedSpaces = written.length - compact.length;
  const looksLikeAppPassword = APP_PASSWORD.test(compact);
  const normalised = looksLikeAppPassword && removedSpaces > 0;
  return {
    value: normalised ? compact : written,
    normalised,
    removedSpaces,
    looksLikeAppPassword,
    length: written.length,
    lettersOnly: /^[A-Za-z]+$/.test(compact),
  };
}

/** The shape of a configured password (gmail.credentials reports it; the value itself never leaves here). */
export function passwordShape(password: Secret): AppPasswordShape {
  return appPasswordShape(password.reveal());
}

/** One normalised Secret per written Secret, so repeated calls do not mint new ones. */
const normalisedSecrets = new WeakMap<Secret, Secret>();

/**
 * The password for the IMAP/POP3/SMTP login of this account: `auth.password`, with a Gmail app password's
 * spaces removed. The normalised value is a Secret of its own (registered with the redactor), keeping the
 * reference the user wrote for messages.
 */
export function loginPassword(account: Account): Secret | undefined {
  const written = account.auth.password;
  if (!written || account.provider !== 'gmail' || account.auth.method !== 'password') return written;
  const cached = normalisedSecrets.get(written);
  if (cached) return cached;
  const shape = appPasswordShape(written.reveal());
  if (!shape.normalised) return written;
  const normalised = new Secret(shape.value, written.source, written.reference);
  normalisedSecrets.set(written, normalised);
  return normalised;
}
