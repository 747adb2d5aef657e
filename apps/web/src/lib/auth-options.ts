import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_TTL_DAYS, serverEnv } from "@crm/config";
import { authenticate, createSession, getSessionUser, isDomainError, revokeSession } from "@crm/core";
import { clientIp } from "./client-ip";
import { safeAuthRedirect } from "./safe-redirect";

export function authSecret(): string {
  return serverEnv().AUTH_SECRET ?? "development-only-secret-not-for-production-use";
}

// next-auth issues a signed JWT cookie (httpOnly); the JWT holds only our session id ("sid").
// Every request checks that the Session row still exists (session.ts, and the jwt callback for
// /api/auth/session), which is how sign-out, password change and removal end sessions at once.
// The sid never leaves the server: the session callback does not put it in what the client sees.
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_TTL_DAYS * 86_400 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          try {
            const user = await authenticate({ email: credentials?.email ?? "", password: credentials?.password ?? "", ip: clientIp(headers) });
            return { id: user.id, email: user.email, name: user.name };
          } catch (e) {
            if (isDomainError(e) && e.code === "RATE_LIMITED") throw new Error("RateLimited");
            if (isDomainError(e)) return null;
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sid = await createSession(user.id);
          return token;
        }
        // A signed cookie whose session row is gone (signed out, password changed) is no session:
        // throwing makes next-auth answer an empty session and clear the cookie.
        if (!(await getSessionUser(typeof token.sid === "string" ? token.sid : undefined))) throw new Error("session ended");
        return token;
      },
      async session({ session }) {
        return { user: { name: session.user?.name ?? null, email: session.user?.email ?? null }, expires: session.expires };
      },
      async redirect({ url, baseUrl }) {
        return safeAuthRedirect(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
    logger: {
      // The "session ended" throw above is expected, not an error worth a stack trace.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR") return;
        console.error(`next-auth ${code}`, metadata);
      },
    },
  };
}
