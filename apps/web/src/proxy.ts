import { NextResponse, type NextRequest } from "next/server";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF wall for route handlers: a browser mutation must come from our own origin. Server actions
 * get the same check from Next itself. Requests without Origin and without cookies (scripts with
 * API keys) pass; browsers always send Origin on cross-site POSTs.
 */
export function proxy(req: NextRequest) {
  if (SAFE.has(req.method)) return NextResponse.next();
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const sameOrigin = origin ? safeHost(origin) === host : site !== "cross-site";
  if (!sameOrigin) {
    return NextResponse.json({ error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site requests are not allowed." } }, { status: 403 });
  }
  return NextResponse.next();
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export const config = { matcher: ["/api/:path*"] };
