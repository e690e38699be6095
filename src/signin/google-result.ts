/**
 * What `--login` gives a Gmail OAuth account (google.ts), in memory for this run only: the refresh token
 * obtained, or why there is none (`Services.signIns.google`). Kept apart from the sign-in flow so that
 * gmail.credentials reads its types and codes without loading the flow at start-up.
 */
import type { Secret } from '../secrets/secret.js';
import type { GoogleTokenResponse } from '../identity/google-token.js';

export type GoogleSignInVia = 'paste' | 'loopback';

/**
 * The codes gmail.credentials reports for `--login` and for a file without a refresh token, besides the
 * token endpoint's (GOOGLE_TOKEN_CODES: the code redemption is refused the same ways), one line each.
 * Google's authorization errors: https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors.
 */
export const GOOGLE_SIGN_IN_CODES = {
  LOGIN_REQUIRED: 'no refresh token in the file and no --login: the client ID and secret are proved, the mailbox sign-in is not',
  LOGIN_NO_TERMINAL: '--login was asked for, but nobody is at a terminal (no TTY, or CI set): no sign-in started',
  GOOGLE_REDIRECT_URI_MISMATCH: "`redirect_uri_mismatch`: the redirect URI is not one of the client's Authorized redirect URIs",
  GOOGLE_ACCESS_BLOCKED: 'Google\'s page "Error 403: access_denied": an app in "Testing" and a person who is not a test user (or an unverified app)',
  GOOGLE_ORG_INTERNAL: "`org_internal`: the client admits only its own Workspace organisation's users",
  GOOGLE_CLIENT_DELETED: '`deleted_client`: the OAuth client was deleted',
  GOOGLE_CODE_REJECTED: "`invalid_grant` at the code redemption: the code expired, was already used (a live callback took it) or is another sign-in's",
  GOOGLE_NO_REFRESH_TOKEN: 'the code was redeemed but no refresh token came back',
  GOOGLE_SIGN_IN_ERROR: 'another authorization error sent back or shown by Google (its name is in the evidence)',
  GOOGLE_CODE_REDEMPTION_FAILED: 'another refusal of the code redemption (the error name is in the evidence)',
  LOGIN_CANCELLED: 'the person did not allow access on the consent screen, or pressed Esc',
  LOGIN_TIMEOUT: 'nobody completed the sign-in within 12 × the step timeout',
  LOGIN_NO_CODE: 'what was pasted is not the address after sign-in (three tries)',
  LOGIN_STATE_MISMATCH: 'the pasted address belongs to another sign-in (state differs)',
  LOOPBACK_PORT_UNAVAILABLE: "the loopback redirect URI's port could not be listened on",
} as const;

/** How a Google sign-in ended. */
export type GoogleSignIn =
  | {
      readonly kind: 'signed-in';
      readonly refreshToken: Secret;
      readonly via: GoogleSignInVia;
      /** The redirect URI the code was sent to (for a loopback listener, with the port it used). */
      readonly redirectUri: string;
      /** The person asked for it (`--show-refresh-token`) and it was shown on their terminal. */
      readonly shown?: boolean;
    }
  | {
      readonly kind: 'failed';
      /** Our code (GOOGLE_REDIRECT_URI_MISMATCH, LOGIN_CANCELLED…): gmail.credentials explains it. */
      readonly code: string;
      /** Google's error name and description, or what the page said (scrubbed). */
      readonly detail?: string;
      readonly via?: GoogleSignInVia;
      readonly redirectUri?: string;
      /** The token endpoint's answer, when the code redemption failed (its evidence and diagnosis). */
      readonly response?: GoogleTokenResponse;
    }
  /** `--login` was given, but nobody is at a terminal (no TTY, or CI): no sign-in was started. */
  | { readonly kind: 'no-terminal' };

declare module '../core/sign-in.js' {
  interface SignInResults {
    /** The `--login` of a Gmail OAuth account (signin/google.ts). */
    readonly google: GoogleSignIn;
  }
}
