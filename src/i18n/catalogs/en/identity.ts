/** English strings of the 'identity' area. */
export const identity = {
  'identity.noTokenSource': 'no access token is available for this account: set auth.accessToken, or use a sign-in the tool supports for this provider',
} as const;
