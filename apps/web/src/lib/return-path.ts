import { headers } from "next/headers";
import { RETURN_PATH_HEADER } from "../server/edge.mjs";
import { safeReturnPath } from "./safe-redirect";

// server.mjs sets RETURN_PATH_HEADER on team page requests: the page's own path and query.

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
