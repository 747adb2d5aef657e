import { describe, expect, it } from "vitest";
import { createSessionIdCache, sessionCookieKey } from "./session-cookie";

const store = (cookies: Record<string, string>) => ({ getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) });

describe("session id cache", () => {
  it("keys on the session cookie only, chunks in order, secure prefix included", () => {
    expect(sessionCookieKey(store({ other: "x" }))).toBeNull();
    expect(sessionCookieKey(store({ "next-auth.session-token.1": "b", theme: "dark", "next-auth.session-token.0": "a" }))).toBe("next-auth.session-token.0=a; next-auth.session-token.1=b");
    expect(sessionCookieKey(store({ "__Secure-next-auth.session-token": "s" }))).toBe("__Secure-next-auth.session-token=s");
    expect(sessionCookieKey(store({ "next-auth.session-token-evil": "s", "xnext-auth.session-token": "t" }))).toBeNull();
  });

  it("decodes a cookie once until it expires, and never remembers one that did not decode", async () => {
    let t = 1_000_000;
    const calls: string[] = [];
    const decode = async (s: ReturnType<typeof store>) => {
      const v = s.getAll().find((c) => c.name === "next-auth.session-token")?.value ?? "";
      calls.push(v);
      return v.startsWith("good") ? { sid: `sid-${v}`, exp: (t + 60_000) / 1000 } : null;
    };
    const sidOf = createSessionIdCache(decode, { now: () => t, max: 2 });
    expect(await sidOf(store({ "next-auth.session-token": "good1" }))).toBe("sid-good1");
    expect(await sidOf(store({ "next-auth.session-token": "good1", theme: "x" }))).toBe("sid-good1");
    expect(calls).toEqual(["good1"]);
    expect(await sidOf(store({ "next-auth.session-token": "forged" }))).toBeUndefined();
    expect(await sidOf(store({ "next-auth.session-token": "forged" }))).toBeUndefined();
    expect(calls).toEqual(["good1", "forged", "forged"]);
    expect(await sidOf(store({}))).toBeUndefined();
    // Past the token's own expiry it is decoded again (and then refused by the decoder's own check).
    t += 61_000;
    await sidOf(store({ "next-auth.session-token": "good1" }));
    expect(calls.at(-1)).toBe("good1");
    expect(calls.filter((c) => c === "good1")).toHaveLength(2);
  });

  it("holds at most `max` cookies, dropping the oldest", async () => {
    const seen: string[] = [];
    const sidOf = createSessionIdCache(async (s: ReturnType<typeof store>) => {
      const v = s.getAll()[0]!.value;
      seen.push(v);
      return { sid: v, exp: Date.now() / 1000 + 3600 };
    }, { max: 2 });
    for (const v of ["a", "b", "c", "a"]) await sidOf(store({ "next-auth.session-token": v }));
    expect(seen).toEqual(["a", "b", "c", "a"]);
    await sidOf(store({ "next-auth.session-token": "c" }));
    expect(seen).toHaveLength(4);
  });
});
