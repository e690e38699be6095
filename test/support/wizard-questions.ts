/** The server questions `init` asks after the account's identity, in order: each has a default that Enter accepts. */
export const SERVER_QUESTIONS = [
  'wizard.incoming.protocol',
  'wizard.incoming.host',
  'wizard.incoming.security',
  'wizard.incoming.port',
  'wizard.outgoing.host',
  'wizard.outgoing.security',
  'wizard.outgoing.port',
] as const;
