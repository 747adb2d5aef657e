/**
 * A return address after sign-in: only a path on this site. Decided after URL parsing, because
 * browsers read "/\evil.example" and "/%5Cevil.example" as another host: backslashes (raw or
 * percent-encoded), encoded slashes, control characters, schemes and "//" are refused outright.
 * Returns the normalised path (with query and fragment), or "/" when the input is not safe.
 */
export function safeReturnPath(raw: unknown): string {
  // A repeated query parameter arrives as an array: not a path.
  if (typeof raw !== "string" || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  // Encoded slashes, backslashes and control characters in the path (a query may carry them).
  if (/%(2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i.test(raw.split(/[?#]/)[0]!)) return "/";
  const base = "http://return.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** next-auth's redirect callback: same-origin absolute URLs become paths; anything else goes home. */
export function safeAuthRedirect(url: string, baseUrl: string): string {
  if (url.startsWith("/")) return `${baseUrl}${safeReturnPath(url)}`;
  try {
    const u = new URL(url);
    if (u.origin === new URL(baseUrl).origin) return `${baseUrl}${safeReturnPath(`${u.pathname}${u.search}${u.hash}`)}`;
  } catch {
    // not a URL: fall through
  }
  return baseUrl;
}
