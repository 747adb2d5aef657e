import { NextResponse, type NextRequest } from "next/server";
import { crossOriginResponse, isSameOrigin, needsOriginCheck } from "./lib/same-origin";

/** Same-origin check for every API mutation; server actions get theirs in lib/action.ts. */
export function proxy(req: NextRequest) {
  if (!needsOriginCheck(req) || isSameOrigin(req)) return NextResponse.next();
  return crossOriginResponse();
}

// Uploads are left out: the proxy clones and buffers request bodies and silently cuts them at
// 10 MB (experimental.proxyClientMaxBodySize). The upload handler checks the origin itself.
export const config = { matcher: ["/api/((?!uploads/).*)"] };
