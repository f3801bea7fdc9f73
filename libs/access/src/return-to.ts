const BASE = 'http://kierto.invalid';

/**
 * A page to go back to after login, or null: only a relative path of this site (no scheme, no host,
 * no `//` or backslash tricks, no control characters), and never the API or the login pages themselves.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  if ([...value].some((c) => c < ' ' || c === '\u007f' || c === '\\')) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  if (/^\/(api|login|logout)(\/|$)/i.test(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
