/**
 * The one real message of `--send-to`: composed with nodemailer's MailComposer, then dot-stuffed for DATA.
 */

/** Dot-stuffing (RFC 5321 §4.5.2) and the final `.` line of DATA. */
export function dotStuff(message: string): string {
  const normalised = message.replace(/\r?\n/g, '\r\n');
  const stuffed = normalised.replace(/^\./gm, '..');
  return `${stuffed.endsWith('\r\n') ? stuffed : `${stuffed}\r\n`}.\r\n`;
}

/** The one test message of `--send-to`: plain text, a unique id in the subject and a header of its own. */
export interface TestMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly id: string;
}

/**
 * Builds the RFC 5322 message with nodemailer's MailComposer (headers, Date, Message-ID, encodings),
 * loaded on demand so start-up stays fast.
 */
export async function composeTestMessage(message: TestMessage): Promise<string> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const built = await new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    headers: { 'X-Tactium-Preflight-Test': message.id },
  })
    .compile()
    .build();
  return built.toString('utf8');
}
