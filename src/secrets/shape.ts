/**
 * Values that are secrets by their shape alone, whatever key they were written under: an Entra client
 * secret's value (`xxx8Q~…`, https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials),
 * a Google client secret (`GOCSPX-…`), refresh token (`1//…`) or access token (`ya29.…`), a JWT, an app
 * password as Google shows it (four groups of four letters), a URL carrying a password
 * (`imaps://user:password@host`, RFC 3986 §3.2.1, which calls that use deprecated). People paste them where no secret belongs
 * (the client secret's value as its Secret ID, the classic copy from the Entra admin center), and a message
 * that quotes the value would then print the secret.
 */
export function hasSecretShape(value: string): boolean {
  const text = value.trim();
  if (text.length < 6) return false;
  return (
    /^[A-Za-z0-9_.-]{3}\dQ~/.test(text) ||
    (/Q~/.test(text) && text.length >= 30 && !/[/\\\s@]/.test(text)) ||
    /^GOCSPX-[A-Za-z0-9_-]{8,}/.test(text) ||
    /^1\/\/[0-9A-Za-z_-]{16,}/.test(text) ||
    /^ya29\.[0-9A-Za-z_.-]{16,}/.test(text) ||
    /^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(text) ||
    /^[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}$/.test(text) ||
    /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]*:[^/?#@\s]+@/i.test(text)
  );
}

/** What stands for a secret-shaped value in a message. */
export const SECRET_SHAPE_MASK = '*****';

/**
 * A secret-shaped value as a message may show it: its first three characters and stars, the way the Entra
 * admin center shows a client secret's value once the page is left — enough to recognise which one it is.
 */
export function maskSecretShaped(value: string): string {
  return `${value.trim().slice(0, 3)}${SECRET_SHAPE_MASK}`;
}
