/**
 * The domain of a mailbox address: the part after the last `@`, lower-case, without a trailing dot — the one
 * name `dns.mx` and `init`'s discovery may ask about. Undefined when it is not a DNS name with a dot.
 */
export function mailboxDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  const domain =
    at >= 0
      ? address
          .slice(at + 1)
          .toLowerCase()
          .replace(/\.$/, '')
      : '';
  return /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(domain) ? domain : undefined;
}
