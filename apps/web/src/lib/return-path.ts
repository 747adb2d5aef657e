import { headers } from "next/headers";
import { safeReturnPath } from "./safe-redirect";

/** Set by the proxy on team page requests: the page's own path and query. */
export const RETURN_PATH_HEADER = "x-crm-return-path";

/**
 * Where a signed-out visitor of this team page goes back to after signing in: the page itself
 * (an email's link to a person's drawer keeps its ?open=…), when it is a path of this team;
 * otherwise the team's home.
 */
export async function teamReturnPath(slug: string): Promise<string> {
  const home = `/t/${slug}`;
  const path = safeReturnPath((await headers()).get(RETURN_PATH_HEADER) ?? "");
  return path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`) ? path : home;
}
