import type { MessageKey } from '../../core/message.js';
import type { SecretKey } from '../types.js';
import type { AccountDraft } from './draft.js';

// ---- Comments --------------------------------------------------------------------------------------------

/** The comment written above a key, chosen for this account's provider and method. */
export function commentFor(path: string, draft: AccountDraft): MessageKey | undefined {
  const office = draft.provider === 'office365';
  const literal = (key: SecretKey) => draft.literalSecrets.includes(key);
  switch (path) {
    case 'name':
      return 'wizard.yaml.name';
    case 'provider':
      return 'wizard.yaml.provider';
    case 'mailbox':
      return 'wizard.yaml.mailbox';
    case 'auth':
      return 'wizard.yaml.auth';
    case 'auth.method':
      return office ? 'wizard.yaml.method.office365' : draft.provider === 'gmail' ? 'wizard.yaml.method.gmail' : 'wizard.yaml.method.imap';
    case 'auth.flow':
      return 'wizard.yaml.flow';
    case 'auth.tenantId':
      return 'wizard.yaml.tenantId';
    case 'auth.clientId':
      return office ? 'wizard.yaml.clientId.office365' : 'wizard.yaml.clientId.gmail';
    case 'auth.objectId':
      return 'wizard.yaml.objectId';
    case 'auth.secretId':
      return 'wizard.yaml.secretId';
    case 'auth.clientSecret':
      return literal('clientSecret') ? 'wizard.yaml.literalSecret' : office ? 'wizard.yaml.clientSecret.office365' : 'wizard.yaml.clientSecret.gmail';
    case 'auth.secretExpiresOn':
      return 'wizard.yaml.secretExpiresOn';
    case 'auth.redirectUri':
      return office ? 'wizard.yaml.redirectUri' : 'wizard.yaml.redirectUri.gmail';
    case 'auth.username':
      return 'wizard.yaml.username';
    case 'auth.password':
      return literal('password') ? 'wizard.yaml.literalSecret' : draft.provider === 'gmail' ? 'wizard.yaml.password.gmail' : 'wizard.yaml.password';
    case 'auth.refreshToken':
      return literal('refreshToken') ? 'wizard.yaml.literalSecret' : 'wizard.yaml.refreshToken';
    case 'auth.accessToken':
      return literal('accessToken') ? 'wizard.yaml.literalSecret' : 'wizard.yaml.accessToken';
    case 'admin':
      return 'wizard.yaml.admin';
    case 'admin.user':
      return office ? 'wizard.yaml.admin.office365' : 'wizard.yaml.admin.gmail';
    case 'incoming':
      return 'wizard.yaml.incoming';
    case 'incoming.protocol':
      return 'wizard.yaml.incoming.protocol';
    case 'incoming.host':
      return 'wizard.yaml.host';
    case 'incoming.port':
      return 'wizard.yaml.incoming.port';
    case 'incoming.security':
      return 'wizard.yaml.incoming.security';
    case 'outgoing':
      return 'wizard.yaml.outgoing';
    case 'outgoing.host':
      return 'wizard.yaml.host';
    case 'outgoing.port':
      return office ? 'wizard.yaml.outgoing.port.office365' : 'wizard.yaml.outgoing.port';
    case 'outgoing.security':
      return 'wizard.yaml.outgoing.security';
    case 'cloud':
      return 'wizard.yaml.cloud';
    default:
      return undefined;
  }
}

export function commentLines(text: string, indent: string): string[] {
  return text.split('\n').map((line) => `${indent}# ${line}`.trimEnd());
}
