import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_TTL_DAYS, serverEnv } from "@crm/config";
import { authenticate, createSession, isDomainError, revokeSession } from "@crm/core";
import { clientIp } from "./client-ip";

// next-auth issues a signed JWT cookie; the JWT holds only our session id ("sid"). Every request
// checks that the Session row still exists (see session.ts), which is how sign-out, password
// change and removal from a team end sessions at once.
export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  return {
    secret: env.AUTH_SECRET ?? "development-only-secret-not-for-production-use",
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
        if (user) token.sid = await createSession(user.id);
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: token.sid as string | undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(token.sid as string);
      },
    },
  };
}
