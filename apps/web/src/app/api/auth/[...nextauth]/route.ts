import NextAuth from "next-auth";
import { assertLoginAllowed, isDomainError, normalizeEmail } from "@crm/core";
import { authOptions } from "@/lib/auth-options";
import { clientIp } from "@/lib/client-ip";

type TCtx = { params: Promise<{ nextauth: string[] }> };

function handler(req: Request, ctx: TCtx) {
  return NextAuth(authOptions())(req, ctx);
}

/**
 * A blocked sign-in answers 429 with Retry-After before any password work. The body keeps
 * next-auth's shape ({ url } with ?error=) so its client reports the error and the status.
 */
export async function POST(req: Request, ctx: TCtx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = normalizeEmail(String(form?.get("email") ?? ""));
    try {
      await assertLoginAllowed(email, clientIp(req.headers));
    } catch (e) {
      if (isDomainError(e) && e.code === "RATE_LIMITED") {
        const retry = e.details.retryAfterSeconds ?? 60;
        const url = new URL(`/sign-in?error=RateLimited:${retry}`, req.url).toString();
        return Response.json({ url, message: e.message }, { status: 429, headers: { "Retry-After": String(retry) } });
      }
      throw e;
    }
  }
  return handler(req, ctx);
}

export { handler as GET };
