// Dynamic path segments checked before anything uses them. A segment that is not valid
// percent-encoding (%ff) or decodes to something no slug, id or token can be (a NUL byte, a
// slash, spaces) names nothing: the route answers 404 as for an id that does not exist, instead of
// passing it on to Postgres (which refuses a NUL with an error, a 500) or failing to read it.

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Invitation and reset tokens: URL-safe base64 and separators, bounded. */
const TOKEN = /^[A-Za-z0-9_.~-]{1,512}$/;

export function wellFormedParam(name: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (name === "slug") return SLUG.test(value);
  if (name === "token") return TOKEN.test(value);
  return ID.test(value);
}

/** The route's params, or null when Next could not decode them or one is malformed. */
export async function wellFormedParams<P extends Record<string, string>>(params: Promise<P> | undefined): Promise<P | null> {
  let p: P | undefined;
  try {
    p = await params;
  } catch {
    return null;
  }
  // A route without dynamic segments gets no params object at all.
  if (!p) return {} as P;
  return Object.entries(p).every(([k, v]) => wellFormedParam(k, v)) ? p : null;
}
