export type TProfileUrlResult =
  | { ok: true; key: string; url: string | null }
  | { ok: false; code: "invalid_profile_url"; message: string };

/** The common case, by far: a plain ASCII https://www.linkedin.com/in/<slug> with nothing else. */
const FAST = /^https?:\/\/(?:www\.)?linkedin\.com\/in\/([A-Za-z0-9_-]{1,100})\/?$/;
/** Member ids (ACoAA..., ACwAA...) are case-sensitive, unlike vanity slugs. */
const MEMBER_ID = /^AC[ow]AA[A-Za-z0-9_-]{8,}$/;
const SALES_ID = /^[A-Za-z0-9_-]{4,}$/;
const HOSTLESS = /^(?:[a-z0-9-]+\.)*linkedin\.com(?:[/?#]|$)/i;
const BAD_SLUG_CHARS = /[\s/?#@<>"\\\u0000-\u001f\u007f]/;

/**
 * One LinkedIn profile URL → a stable identity key and the canonical profile URL. The same
 * person is written many ways across exports (scheme or none, country subdomains, locale
 * suffixes, tracking parameters, percent-encoded or raw non-ASCII, any letter case); all of
 * them must give the same key, or messages and endorsements would not find their connection.
 *
 * Keys: `li:<slug>` for /in/ URLs, `lipub:<name>/<ids>` for the pre-2012 /pub/ URLs (their
 * mapping to /in/ slugs is not public, so they stay separate), `salesnav:<id>` for Sales
 * Navigator lead URLs (url null: that link only works for Sales Navigator users).
 */
export function normalizeProfileUrl(raw: string): TProfileUrlResult {
  const text = raw.trim().replace(/^[<"']+|[>"']+$/g, "");
  const fast = FAST.exec(text);
  if (fast) return inProfile(fast[1]!, raw);

  let href = text;
  if (href.startsWith("//")) href = `https:${href}`;
  else if (HOSTLESS.test(href)) href = `https://${href}`;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return invalid(raw, "it is not a web address");
  }
  const host = url.hostname.toLowerCase();
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !(host === "linkedin.com" || host.endsWith(".linkedin.com"))) {
    return invalid(raw, "it is not a linkedin.com address");
  }
  const segments = url.pathname.split("/").filter((s) => s !== "");
  if (segments[0]?.toLowerCase() === "mwlite") segments.shift(); // LinkedIn Lite's mobile paths
  const kind = segments[0]?.toLowerCase();
  if (kind === "in" && segments[1]) return inProfile(segments[1], raw);
  if (kind === "pub" && segments[1]) return pubProfile(raw, segments.slice(1));
  if (kind === "sales" && (segments[1] === "lead" || segments[1] === "people") && segments[2]) {
    const id = safeDecode(segments[2]).split(",")[0]!.trim();
    if (SALES_ID.test(id)) return { ok: true, key: `salesnav:${id}`, url: null };
  }
  return invalid(raw, "it does not point to a person's profile (/in/<name>)");
}

function inProfile(segment: string, raw: string): TProfileUrlResult {
  // Plain ASCII slugs (nearly all) need neither percent-decoding nor Unicode normalisation.
  const decoded = /^[A-Za-z0-9_-]+$/.test(segment) ? segment : safeDecode(segment).normalize("NFC");
  if (decoded === "" || decoded.length > 200 || BAD_SLUG_CHARS.test(decoded)) {
    return invalid(raw, "the profile name in it is not valid");
  }
  const slug = MEMBER_ID.test(decoded) ? decoded : decoded.toLowerCase();
  return { ok: true, key: `li:${slug}`, url: `https://www.linkedin.com/in/${encodeURIComponent(slug)}/` };
}

function pubProfile(raw: string, segments: string[]): TProfileUrlResult {
  const name = safeDecode(segments[0]!).normalize("NFC").toLowerCase();
  // The numeric part is up to three short segments; anything after them (a locale) is dropped.
  const ids = segments.slice(1, 4).filter((s) => /^[0-9a-z]{1,3}$/i.test(s)).map((s) => s.toLowerCase());
  if (name === "" || BAD_SLUG_CHARS.test(name) || ids.length === 0) {
    return invalid(raw, "the old /pub/ profile address is incomplete");
  }
  const path = `${encodeURIComponent(name)}/${ids.join("/")}`;
  return { ok: true, key: `lipub:${name}/${ids.join("/")}`, url: `https://www.linkedin.com/pub/${path}/` };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%" is left as written rather than rejecting the URL
  }
}

function invalid(raw: string, why: string): TProfileUrlResult {
  const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
  return {
    ok: false,
    code: "invalid_profile_url",
    message: `"${shown}" is not a LinkedIn profile URL (${why}); expected https://www.linkedin.com/in/<name>/.`,
  };
}
