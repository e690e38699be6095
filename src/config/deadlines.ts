/**
 * Dated provider facts, each in one place with its source, so that a moved date is a one-line change.
 * Dates are ISO `YYYY-MM-DD` (shown to users as written, unambiguous in both languages) and compared in UTC.
 * See docs/provider-facts.md §Basic-auth retirement.
 */
export interface DatedFact {
  /** The day the change takes effect (UTC). */
  readonly date: string;
  /** Where the date comes from. */
  readonly source: string;
}

/**
 * Exchange Online turned off basic authentication for POP, IMAP (and EAS, EWS, RPS…) from 1 October 2022;
 * SMTP AUTH was the only exception.
 */
export const EXCHANGE_ONLINE_BASIC_AUTH_OFF: DatedFact = {
  date: '2022-10-01',
  source: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online',
};

/**
 * SMTP AUTH with basic authentication is turned off by default for existing tenants "at the end of
 * December 2026" (MC786329, update of 27 January 2026); admins can turn it back on, and the final removal
 * date is to be announced in the second half of 2027. Microsoft gives no day, so the last day of December.
 */
export const EXCHANGE_ONLINE_SMTP_BASIC_AUTH_DEFAULT_OFF: DatedFact = {
  date: '2026-12-31',
  source: 'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
};

/** Whether `now` is on or after the fact's date (UTC midnight). */
export function isInEffect(fact: DatedFact, now: Date): boolean {
  return now.getTime() >= Date.parse(`${fact.date}T00:00:00Z`);
}
