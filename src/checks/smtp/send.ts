import { randomUUID } from 'node:crypto';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { isProbeError } from '../../probes/probe-error.js';
import type { SmtpSession } from '../../probes/smtp.js';
import { composeTestMessage } from '../../probes/smtp-message.js';
import { classifyEnvelopeReply, queueIdOf, replyEvidence, replySummary, type SmtpEnvelopeDiagnosis, type SmtpReply } from '../../probes/smtp-replies.js';
import { settingsEvidence, transportFailure } from '../shared/mail/transport-outcome.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { smtpAuthStage, smtpUsername } from './auth.js';
import { closeSmtpSession, smtpSession, smtpTarget } from './shared/session.js';

import { PLACEHOLDER, addRecipientPermission } from '../../providers/microsoft/powershell.js';
import { OAUTH_MAIL_DOC, SMTP_THROTTLING_DOC } from '../../providers/microsoft/urls.js';

/** Labels of the envelope replies in the evidence. */
const REPLY_LABEL = { MAIL: 'smtp.evidence.mailFrom', RCPT: 'smtp.evidence.rcptTo', DATA: 'smtp.evidence.data' } as const;

function refusal(context: CheckContext, reply: SmtpReply, command: 'MAIL' | 'RCPT' | 'DATA', recipient: string, evidence: Evidence[]): CheckOutcome {
  const { account } = context;
  const host = account.outgoing.host;
  const mailbox = account.mailbox;
  const username = smtpUsername(context);
  // The server's own words in the summary, not only its code (the whole reply is in the evidence).
  const code = replySummary(reply);
  const diagnosis: SmtpEnvelopeDiagnosis = classifyEnvelopeReply(reply, command);
  let summary: Message;
  let remediation: Remediation[];
  switch (diagnosis) {
    case 'SMTP_NOT_AUTHENTICATED':
      summary = msg('smtp.send.notAuthenticated', { host, code });
      remediation = [{ kind: 'text', message: msg('smtp.fix.authenticateFirst') }];
      break;
    case 'SMTP_SEND_AS_DENIED': {
      const application = account.auth.method === 'oauth2' && account.auth.flow === 'application';
      const trustee = application ? (account.auth.objectId ?? PLACEHOLDER.servicePrincipal) : username;
      summary = msg('smtp.send.sendAsDenied', { username, mailbox, code });
      remediation = [
        {
          kind: 'command',
          message: msg(application ? 'smtp.fix.sendAsServicePrincipal' : 'smtp.fix.sendAs', { username, mailbox }),
          target: addRecipientPermission(mailbox, trustee),
        },
      ];
      break;
    }
    case 'SMTP_SENDER_THROTTLED':
      summary = msg('smtp.send.throttled', { mailbox, code });
      remediation = [{ kind: 'url', message: msg('smtp.fix.throttling'), target: SMTP_THROTTLING_DOC }];
      break;
    case 'SMTP_BASIC_AUTH_DISABLED':
      summary = msg('smtp.send.basicDisabled', { code });
      remediation = [{ kind: 'url', message: msg('smtp.fix.useOauth'), target: OAUTH_MAIL_DOC }];
      break;
    case 'SMTP_SENDER_REJECTED':
      summary = msg('smtp.send.senderRejected', { host, mailbox, code });
      remediation = [{ kind: 'text', message: msg('smtp.fix.checkSender', { mailbox, username }) }];
      break;
    case 'SMTP_RECIPIENT_REJECTED':
      summary = msg('smtp.send.recipientRejected', { host, recipient, code });
      remediation = [
        { kind: 'text', message: context.options.sendTo ? msg('smtp.fix.checkRecipient', { recipient }) : msg('smtp.fix.checkSender', { mailbox, username }) },
      ];
      break;
    case 'SMTP_MESSAGE_REJECTED':
      summary = msg('smtp.send.messageRejected', { host, code });
      remediation = [{ kind: 'text', message: msg('smtp.fix.checkSender', { mailbox, username }) }];
      break;
    case 'SMTP_TEMPORARY_FAILURE':
      summary = msg('smtp.send.temporary', { host, code });
      remediation = [{ kind: 'text', message: msg('smtp.fix.retryLater', { host }) }];
      break;
    case 'PROTOCOL_UNEXPECTED_REPLY':
      summary = msg('smtp.send.unexpected', { host, reply: reply.lines[0] ?? '', stage: command });
      remediation = [{ kind: 'text', message: msg('mail.fix.serverSide') }];
      break;
  }
  return { status: 'fail', code: diagnosis, summary, evidence, remediation };
}

/** RSET after a refused envelope, so that nothing half-made stays on the server; its failure changes nothing. */
async function resetQuietly(session: SmtpSession): Promise<void> {
  try {
    await session.reset();
  } catch {
    // The refusal is the finding; a broken RSET adds nothing to it.
  }
}

async function sendEnvelope(context: CheckContext, session: SmtpSession): Promise<CheckOutcome> {
  const { account, options } = context;
  const target = smtpTarget(account);
  const mailbox = account.mailbox;
  const recipient = options.sendTo ?? mailbox;
  const evidence: Evidence[] = [...settingsEvidence(context, target)];

  const mail = await session.mailFrom(mailbox);
  evidence.push({ label: REPLY_LABEL.MAIL, value: replyEvidence(mail) });
  if (mail.code !== 250) {
    await resetQuietly(session);
    return refusal(context, mail, 'MAIL', recipient, evidence);
  }
  const rcpt = await session.rcptTo(recipient);
  evidence.push({ label: REPLY_LABEL.RCPT, value: replyEvidence(rcpt) });
  if (rcpt.code !== 250 && rcpt.code !== 251) {
    await resetQuietly(session);
    return refusal(context, rcpt, 'RCPT', recipient, evidence);
  }

  if (!options.sendTo) {
    // The envelope is accepted; RSET abandons it before DATA, so nothing is delivered (RFC 5321 §4.1.1.5).
    const reset = await session.reset();
    evidence.push({ label: 'smtp.evidence.reset', value: replyEvidence(reset) });
    return { status: 'pass', summary: msg('smtp.send.passEnvelope', { host: target.host, mailbox }), evidence };
  }

  const id = randomUUID();
  const subject = `tactium-preflight test ${id}`;
  const text =
    `This is a test message sent by tactium-preflight to prove that ${mailbox} can send mail through ${target.host}. Test id: ${id}.\n\n` +
    `Esta é uma mensagem de teste enviada pelo tactium-preflight para comprovar que ${mailbox} consegue enviar e-mails por ${target.host}. Id do teste: ${id}.\n`;
  const message = await composeTestMessage({ from: mailbox, to: recipient, subject, text, id });
  const data = await session.data(message, `subject "${subject}"`);
  evidence.push(
    { label: 'smtp.evidence.recipient', value: recipient },
    { label: 'smtp.evidence.subject', value: subject },
    { label: REPLY_LABEL.DATA, value: replyEvidence(data) },
  );
  if (data.code !== 250) {
    await resetQuietly(session);
    return refusal(context, data, 'DATA', recipient, evidence);
  }
  const queueId = queueIdOf(data) ?? data.text;
  evidence.push({ label: 'smtp.evidence.queueId', value: queueId });
  return { status: 'pass', summary: msg('smtp.send.passSent', { recipient, host: target.host, queueId, subject }), evidence };
}

/**
 * The envelope after login: without `--send-to`, `MAIL FROM:<mailbox>` + `RCPT TO:<mailbox>` + `RSET` —
 * nothing is delivered; with `--send-to`, one small plain-text message with a unique id in the subject,
 * and the server's queue id from its 250 reply. Refusals are named (530 5.7.57, 550 5.7.60 send-as,
 * 5.2.25x throttling…) with the server's own reply as evidence.
 */
export const smtpSendCheck = defineCheck({
  id: 'smtp.send',
  area: 'smtp',
  title: 'smtp.send.title',
  needs: ['network', 'credentials'],
  usesLogin: ['office365', 'google'],
  dependsOn: ['smtp.auth'],
  // MAIL FROM, RCPT TO, RSET or DATA + message; and every earlier stage when those were not selected.
  steps: 28,
  appliesTo: () => true,
  run: (context) => smtpSendStage(context),
});

/**
 * The envelope stage, once per account (like smtpAuthStage): smtp.send reports it, and
 * exchange.mailbox-access reads it without a second envelope (or a second message with --send-to).
 */
export function smtpSendStage(context: CheckContext): Promise<CheckOutcome> {
  return context.shared.once('smtp.session.send', async () => {
    const auth = await smtpAuthStage(context);
    if (!auth.accepted) return auth.outcome;
    try {
      const session = await smtpSession(context);
      return await sendEnvelope(context, session);
    } catch (error) {
      if (isProbeError(error)) return transportFailure(context, smtpTarget(context.account), error);
      throw error;
    } finally {
      await closeSmtpSession(context);
    }
  });
}
