/** Microsoft's documentation pages the fixes link to, one constant per page. */

/** Authenticate an IMAP, POP or SMTP connection using OAuth (app registration, service principal, permissions). */
export const OAUTH_MAIL_DOC =
  'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth';

/** Enable or disable SMTP AUTH (authenticated client SMTP submission) for the organization or a mailbox. */
export const SMTP_AUTH_DOC = 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission';

/**
 * How a device or application sends mail through Microsoft 365: "If your device recommends or defaults to
 * port 465, it doesn't support SMTP AUTH client submission" (submission is 587, or 25, with STARTTLS).
 */
export const SMTP_DEVICE_DOC =
  'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365';

/** Continuous error throttling of SMTP AUTH submissions. */
export const SMTP_THROTTLING_DOC = 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/continuous-error-throttling-smtp-auth-submissions';

/** RBAC for Applications with SMTP (the Exchange role assignment instead of SMTP.SendAsApp in Entra). */
export const SMTP_RBAC_DOC = 'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/smtp-app-rbac-onboarding';

/**
 * Microsoft's page for one AADSTS number (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes:
 * "link directly to a specific error").
 */
export function errorLookupUrl(aadsts: number): string {
  return `https://login.microsoftonline.com/error?code=${aadsts}`;
}
