// The link the session's button opens in a new tab (and "Reconnect" on the Removed people list).
// profileUrl comes from an uploaded export, i.e. from anyone who can upload a file: it is data, not
// a trusted URL. Only an http(s) URL on linkedin.com (or a subdomain) counts as a profile; anything
// else (javascript:, data:, another host, "linkedin.com.evil.test", credentials in the URL) falls
// back to a LinkedIn people search for the person's name and company, so the button never takes
// the owner anywhere but LinkedIn.

export type TGuidedLink = { kind: "profile" | "search"; url: string };

export type TLinkPerson = { profileUrl: string | null; firstName: string; lastName: string; company: string | null };

const SEARCH = "https://www.linkedin.com/search/results/people/?keywords=";
const MAX_URL = 2_000;

/** The URL normalised by the WHATWG parser when it is an http(s) linkedin.com URL; null otherwise. */
export function linkedInProfileUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (text === "" || text.length > MAX_URL) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username !== "" || url.password !== "" || url.port !== "") return null;
  const host = url.hostname.toLowerCase();
  if (host !== "linkedin.com" && !host.endsWith(".linkedin.com")) return null;
  return url.href;
}

/** "first last company", the way a person would type it into LinkedIn's search. */
export function peopleSearchUrl(p: Pick<TLinkPerson, "firstName" | "lastName" | "company">): string {
  const keywords = [p.firstName, p.lastName, p.company]
    .map((s) => (s ?? "").trim())
    .filter(Boolean)
    .join(" ");
  return `${SEARCH}${encodeURIComponent(keywords)}`;
}

export function guidedLink(p: TLinkPerson): TGuidedLink {
  const profile = linkedInProfileUrl(p.profileUrl);
  return profile ? { kind: "profile", url: profile } : { kind: "search", url: peopleSearchUrl(p) };
}
