import { NextResponse, type NextRequest } from "next/server";
import { RETURN_PATH_HEADER } from "./lib/return-path";
import { crossOriginResponse, isSameOrigin, needsOriginCheck } from "./lib/same-origin";

/**
 * Same-origin check for every API mutation; server actions get theirs in lib/action.ts. Team
 * pages learn their own path and query (a signed-out visitor from an email link returns to the
 * very person or card after signing in: lib/team.ts). A client cannot plant the header: it is set
 * here on every team page request, over whatever came in.
 */
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/t/")) {
    const headers = new Headers(req.headers);
    headers.set(RETURN_PATH_HEADER, `${req.nextUrl.pathname}${req.nextUrl.search}`.slice(0, 2000));
    return NextResponse.next({ request: { headers } });
  }
  if (!needsOriginCheck(req) || isSameOrigin(req)) return NextResponse.next();
  return crossOriginResponse();
}

// Uploads are left out: the proxy clones and buffers request bodies and silently cuts them at
// 10 MB (experimental.proxyClientMaxBodySize). The upload handler checks the origin itself.
export const config = { matcher: ["/api/((?!uploads/).*)", "/t/:path*"] };
