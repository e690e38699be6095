/**
 * Which mail server software answers, from what it says of itself: the greeting (IMAP `* OK …`, POP3
 * `+OK …`, SMTP `220 …`), the capabilities (IMAP CAPABILITY, SMTP EHLO) and its replies. A fix that names one
 * vendor's console or cmdlets is given only when the server is that vendor's (an Exchange Online step for a
 * Postfix is noise; an on-premises Exchange behind `provider: imap` deserves Exchange's steps).
 *
 * Pure: strings in, a family out. Each pattern names where it comes from; the banners below are the
 * software's defaults, which administrators can change, so a server that hides its name is `undefined`
 * (no vendor advice), never guessed. Recorded examples are replayed by the unit tests
 * (test/fixtures/server-replies/).
 */

export type ServerFamilyId =
  | 'exchange-online'
  | 'exchange-onprem'
  /** Exchange, but nothing said which side (a reply seen without greeting or server name). */
  | 'exchange'
  | 'iis-smtp'
  | 'gmail'
  | 'dovecot'
  | 'cyrus'
  | 'courier'
  | 'zimbra'
  | 'postfix'
  | 'exim'
  | 'haraka'
  | 'qmail'
  | 'sendmail'
  | 'hmailserver'
  | 'mdaemon';

export interface ServerFamily {
  readonly id: ServerFamilyId;
  /** The product's name as its vendor writes it (evidence values are not translated). */
  readonly name: string;
  /** What gave it away, quoted from the server: `greeting: …`, `capability: …`, `reply: …`. */
  readonly clue: string;
}

/** What a session saw of the server; any part may be missing (a failed step, a protocol without it). */
export interface ServerSignals {
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly greeting?: string;
  /** IMAP capabilities, POP3 CAPA lines, or SMTP EHLO keywords (with their parameters). */
  readonly capabilities?: readonly string[];
  /** SMTP: the text of EHLO's first line (`SN4PR….outlook.office365.com Hello [192.0.2.1]`). */
  readonly ehloDomain?: string;
  /** Replies after the greeting (login, mailbox, AUTH), as sent. */
  readonly replies?: readonly string[];
}

const NAMES: Readonly<Record<ServerFamilyId, string>> = {
  'exchange-online': 'Microsoft Exchange Online (Office 365)',
  'exchange-onprem': 'Microsoft Exchange Server (on-premises)',
  exchange: 'Microsoft Exchange',
  'iis-smtp': 'Microsoft IIS SMTP Service',
  gmail: 'Gmail (Google Workspace)',
  dovecot: 'Dovecot',
  cyrus: 'Cyrus IMAP',
  courier: 'Courier',
  zimbra: 'Zimbra',
  postfix: 'Postfix',
  exim: 'Exim',
  haraka: 'Haraka',
  qmail: 'qmail',
  sendmail: 'Sendmail',
  hmailserver: 'hMailServer',
  mdaemon: 'MDaemon',
};

/**
 * Exchange Online's front ends are named under these domains, in its banners and EHLO lines
 * (`SN2PR01CA0018.namprd01.prod.outlook.com`, `….outlook.office365.com`) and in the national clouds'
 * (`office365.us`, `partner.outlook.cn`): https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/pop3-and-imap4/pop3-and-imap4
 */
const EXCHANGE_ONLINE_HOST = /(?:^|\.)(?:prod\.outlook\.com|outlook\.office365\.com|office365\.us|outlook\.cn|protection\.outlook\.com)$/i;

/**
 * Exchange 2013 and later end their IMAP/POP3 greetings with the answering server's FQDN as base64 of
 * UTF-16LE (`[UwBOADIA…]` → `SN2PR01CA0018.namprd01.prod.outlook.com`); older ones send no such tail.
 */
export function exchangeGreetingHost(greeting: string): string | undefined {
  const match = /\[([A-Za-z0-9+/]{8,}={0,2})\]\s*$/.exec(greeting);
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString('utf16le');
  return /^[A-Za-z0-9.-]+$/.test(text) ? text : undefined;
}

/** The host name an SMTP banner or EHLO line starts with (`220 host ESMTP …`, `host Hello [ip]`). */
function leadingHost(text: string | undefined): string | undefined {
  const match = /^(?:\d{3}[ -])?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b/.exec(text ?? '');
  return match?.[1];
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function family(id: ServerFamilyId, clue: string): ServerFamily {
  return { id, name: NAMES[id], clue };
}

/**
 * Exchange, online or on-premises, by the name of the server that answered. Exchange Online always names
 * its front end, so an Exchange greeting naming another server, or none, is an on-premises one; a
 * capability or reply alone says only "Exchange".
 */
function exchange(clue: string, host: string | undefined, fromGreeting: boolean): ServerFamily {
  if (host && EXCHANGE_ONLINE_HOST.test(host)) return family('exchange-online', `${clue}; server ${host}`);
  if (host || fromGreeting) return family('exchange-onprem', host ? `${clue}; server ${host}` : clue);
  return family('exchange', clue);
}

interface GreetingRule {
  readonly id: ServerFamilyId;
  readonly pattern: RegExp;
  /** Where the default banner is documented or was seen. */
  readonly source: string;
}

/**
 * Default greetings. The IMAP/POP3 ones are the products' built-in texts; the SMTP ones their default
 * banner settings. Order matters where one product's text contains another's name.
 */
const GREETINGS: readonly GreetingRule[] = [
  // "* OK The Microsoft Exchange IMAP4 service is ready. [base64]" (https://github.com/jstedfast/MailKit/issues/178),
  // "+OK The Microsoft Exchange POP3 service is ready. […]" (https://github.com/simonrob/email-oauth2-proxy/issues/62),
  // and Exchange 2003's "Microsoft Exchange Server 2003 IMAP4rev1 server version 6.5…".
  { id: 'exchange', pattern: /\bMicrosoft Exchange\b/i, source: 'Exchange IMAP4/POP3 banner' },
  // Exchange 2007+ SMTP: "220 host Microsoft ESMTP MAIL Service ready at <date>", the default receive connector banner
  // (https://learn.microsoft.com/en-us/powershell/module/exchange/set-receiveconnector, -Banner).
  // IIS 6+ SMTP says "Microsoft ESMTP MAIL Service, Version: 10.0.… ready at": the ", Version:" tells it apart.
  { id: 'iis-smtp', pattern: /Microsoft ESMTP MAIL Service, Version:/i, source: 'IIS SMTP banner' },
  { id: 'exchange', pattern: /Microsoft ESMTP MAIL Service ready/i, source: 'Exchange SMTP banner' },
  // "* OK Gimap ready for requests from …", "+OK Gpop ready for requests from …", "220 smtp.gmail.com ESMTP … - gsmtp".
  { id: 'gmail', pattern: /\bGimap ready\b|\bGpop ready\b|\s-\s?gsmtp\s*$/i, source: 'Gmail banners' },
  // Dovecot's login_greeting default "Dovecot ready." (also "Dovecot (Ubuntu) ready."), the submission service's too:
  // https://doc.dovecot.org/settings/core/#core_setting-login_greeting
  { id: 'dovecot', pattern: /\bDovecot\b.*\bready\b/i, source: 'Dovecot login_greeting' },
  // "* OK [CAPABILITY …] host Cyrus IMAP v3.4.3 server ready", "+OK host Cyrus POP3 v3.4.3 server ready <…>".
  { id: 'cyrus', pattern: /\bCyrus (?:IMAP|POP3)\b/i, source: 'Cyrus IMAP banner' },
  // "* OK [CAPABILITY …] Courier-IMAP ready. Copyright 1998-2018 Double Precision, Inc." (imapd),
  // and Courier's POP3 "+OK Hello there." (pop3d).
  { id: 'courier', pattern: /\bCourier-IMAP\b|\bDouble Precision, Inc\b|^\+OK Hello there\.?\s*(?:<[^>]*>)?\s*$/i, source: 'Courier banners' },
  // "* OK host Zimbra IMAP4rev1 server ready", "+OK host Zimbra POP3 server ready".
  { id: 'zimbra', pattern: /\bZimbra\b/i, source: 'Zimbra banners' },
  // MDaemon: "* OK host IMAP4rev1 MDaemon 23.5.2 ready", "220 host ESMTP MDaemon 23.5.2; <date>".
  { id: 'mdaemon', pattern: /\bMDaemon\b/i, source: 'MDaemon banners' },
  // hMailServer's default IMAP welcome message is the bare "IMAPrev1" (sic), set under Settings › Protocols › IMAP.
  { id: 'hmailserver', pattern: /^\* OK IMAPrev1\s*$|\bhMailServer\b/i, source: 'hMailServer welcome message' },
  // Postfix smtpd_banner default "$myhostname ESMTP $mail_name": https://www.postfix.org/postconf.5.html#smtpd_banner
  { id: 'postfix', pattern: /\bESMTP Postfix\b/i, source: 'Postfix smtpd_banner' },
  // Exim smtp_banner default "$smtp_active_hostname ESMTP Exim $version_number $tod_full":
  // https://www.exim.org/exim-html-current/doc/html/spec_html/ch-main_configuration.html
  { id: 'exim', pattern: /\bESMTP Exim\b/i, source: 'Exim smtp_banner' },
  // Haraka: "220 host ESMTP Haraka/3.0.3 ready" (its smtp.ini banner default).
  { id: 'haraka', pattern: /\bHaraka\b/i, source: 'Haraka banner' },
  // Sendmail SmtpGreetingMessage default "$j Sendmail $v/$Z; $b": "220 host ESMTP Sendmail 8.17.1/8.17.1; <date>".
  { id: 'sendmail', pattern: /\bSendmail\s+\d+\.\d+/i, source: 'Sendmail SmtpGreetingMessage' },
  // qmail-smtpd's greeting is "220 host ESMTP" unless smtpgreeting names it; some installations do.
  { id: 'qmail', pattern: /\bqmail\b/i, source: 'qmail smtpgreeting' },
];

/**
 * Capabilities only one family announces: Gmail's X-GM-EXT-1 (https://developers.google.com/gmail/imap/imap-extensions);
 * Exchange's EHLO keywords XEXCH50, X-EXPS, XRDST, X-ANONYMOUSTLS, XSHADOWREQUEST (receive connectors:
 * https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors) and the IMAP ones
 * outlook.office365.com adds (CLIENTACCESSRULES, CLIENTNETWORKPRESENCELOCATION, BACKENDAUTHENTICATE).
 */
const CAPABILITIES: readonly { readonly id: ServerFamilyId; readonly pattern: RegExp }[] = [
  { id: 'gmail', pattern: /^X-GM-EXT-1$/i },
  {
    id: 'exchange',
    pattern: /^(?:XEXCH50|X-EXPS\b.*|XRDST|X-ANONYMOUSTLS|XSHADOWREQUEST|CLIENTACCESSRULES|BACKENDAUTHENTICATE|CLIENTNETWORKPRESENCELOCATION)$/i,
  },
];

/**
 * Reply texts only one family uses, for a server whose banner says nothing: Exchange's
 * "User is authenticated but not connected." and "AUTHENTICATE failed." (docs/provider-facts.md), its SMTP
 * "5.7.139" / "5.7.57" / "5.7.3 Authentication unsuccessful"
 * (https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online);
 * Gmail's "support.google.com/mail" links; qmail's "(#5.7.1)" suffixes (qmail-smtpd's replies,
 * https://cr.yp.to/qmail.html); Exim's "535 Incorrect authentication data"; Postfix's
 * "5.7.8 Error: authentication failed:" (smtpd_sasl_glue.c); Dovecot's "[AUTHENTICATIONFAILED] Authentication failed."
 */
const REPLIES: readonly { readonly id: ServerFamilyId; readonly pattern: RegExp }[] = [
  {
    id: 'exchange',
    pattern: /User is authenticated but not connected|^\S+ NO AUTHENTICATE failed\.?$|5\.7\.(?:139|57)\b|5\.7\.3 Authentication unsuccessful/i,
  },
  { id: 'gmail', pattern: /support\.google\.com\/mail|\[ALERT\] (?:Application-specific password required|Invalid credentials)/i },
  { id: 'qmail', pattern: /\(#\d\.\d\.\d\)\s*$/ },
  { id: 'exim', pattern: /^535 Incorrect authentication data/i },
  { id: 'postfix', pattern: /\b5\.7\.8 Error: authentication failed:/i },
  { id: 'dovecot', pattern: /\[AUTHENTICATIONFAILED\] Authentication failed\.$|^-ERR \[AUTH\] Authentication failed\.$/i },
];

function resolve(id: ServerFamilyId, clue: string, host: string | undefined, fromGreeting = false): ServerFamily {
  return id === 'exchange' ? exchange(clue, host, fromGreeting) : family(id, clue);
}

/** The family of the server, or undefined when nothing it said is specific enough. */
export function recogniseServer(signals: ServerSignals): ServerFamily | undefined {
  const greeting = signals.greeting?.trim() ?? '';
  // The name of the machine that answered: Exchange's base64 tail, else an SMTP banner's or EHLO's first word
  // (an Exchange Online front end named in either wins: a custom banner can hide it in one of them).
  const named = signals.protocol === 'smtp' ? [leadingHost(greeting), leadingHost(signals.ehloDomain)].filter((name) => name !== undefined) : [];
  const host = (greeting ? exchangeGreetingHost(greeting) : undefined) ?? named.find((name) => EXCHANGE_ONLINE_HOST.test(name)) ?? named[0];
  if (greeting) {
    const rule = GREETINGS.find((candidate) => candidate.pattern.test(greeting));
    if (rule) return resolve(rule.id, `greeting: ${clip(greeting)}`, host, true);
  }
  for (const capability of signals.capabilities ?? []) {
    const rule = CAPABILITIES.find((candidate) => candidate.pattern.test(capability.trim()));
    if (rule) return resolve(rule.id, `capability: ${clip(capability)}`, host);
  }
  // Gmail's EHLO: "smtp.gmail.com at your service, [192.0.2.1]".
  if (signals.ehloDomain && /\bat your service\b/i.test(signals.ehloDomain) && /\.google\.com\b|\.gmail\.com\b/i.test(signals.ehloDomain)) {
    return family('gmail', `EHLO: ${clip(signals.ehloDomain)}`);
  }
  for (const reply of signals.replies ?? []) {
    const rule = REPLIES.find((candidate) => candidate.pattern.test(reply.trim()));
    if (rule) return resolve(rule.id, `reply: ${clip(reply)}`, host);
  }
  // An Exchange Online host named in the banner or EHLO, whatever the banner text.
  if (host && EXCHANGE_ONLINE_HOST.test(host)) return family('exchange-online', `server ${host}`);
  return undefined;
}

/** Exchange, online or on-premises: the Exchange cmdlets (Set-CASMailbox, Add-MailboxPermission) apply. */
export function isExchange(found: ServerFamily | undefined): boolean {
  return found?.id === 'exchange-online' || found?.id === 'exchange-onprem' || found?.id === 'exchange';
}

/** The evidence value: the family and what gave it away. */
export function familyEvidence(found: ServerFamily): string {
  return `${found.name} (${found.clue})`;
}
