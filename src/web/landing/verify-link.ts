/** A verify or share link's token: what the verification page's address carries after /v/. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The token in what a person pasted or a QR code held: a whole link (of any host: the page
 * that opens is ours), a path, or the bare token; null for anything else.
 */
export function linkTokenOf(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (TOKEN.test(text)) return text;
  const match = /\/v\/([^/?#\s]+)/.exec(text);
  return match && TOKEN.test(match[1]) ? match[1] : null;
}
