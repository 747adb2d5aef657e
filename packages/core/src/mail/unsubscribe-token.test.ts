import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { readUnsubscribeToken, unsubscribeHeaders, unsubscribePageUrl, unsubscribeToken, unsubscribeUrl, UNSUBSCRIBE_TOPICS } from "./unsubscribe-token";

const args = { teamId: "team_A1", userId: "cuser123", topic: "digest" as const };
const KEY = "k".repeat(40);

afterEach(() => {
  delete process.env.APP_URL;
  resetServerEnvForTests();
});

describe("unsubscribe tokens", () => {
  it("round-trips every topic", () => {
    for (const topic of UNSUBSCRIBE_TOPICS) {
      const t = unsubscribeToken({ ...args, topic }, KEY);
      expect(t.length).toBeLessThanOrEqual(512);
      expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(readUnsubscribeToken(t, KEY)).toEqual({ ...args, topic });
    }
  });

  it("refuses a token signed with another secret", () => {
    const t = unsubscribeToken(args, KEY);
    expect(readUnsubscribeToken(t, "z".repeat(40))).toBeNull();
  });

  it("refuses a tampered payload or signature", () => {
    const t = unsubscribeToken(args, KEY);
    const [payload, sig] = t.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ t: "team_B2", u: args.userId, k: "digest" })).toString("base64url");
    expect(readUnsubscribeToken(`${forged}.${sig}`, KEY)).toBeNull();
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    expect(readUnsubscribeToken(`${payload}.${flipped}`, KEY)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${sig}x`, KEY)).toBeNull();
    expect(readUnsubscribeToken(payload, KEY)).toBeNull();
  });

  it("refuses junk, oversize input and a signed payload with an unknown topic", () => {
    for (const junk of ["", ".", "a.b", "x".repeat(600), null, 42, "ä.ö"]) expect(readUnsubscribeToken(junk, KEY)).toBeNull();
    // Even correctly signed, a payload that is not ours (another topic, a bad id) names nothing.
    const bad = Buffer.from(JSON.stringify({ t: "team_A1", u: "u1", k: "decided" })).toString("base64url");
    const sig = createHmac("sha256", KEY).update(`unsubscribe:v1:${bad}`).digest("base64url");
    expect(readUnsubscribeToken(`${bad}.${sig}`, KEY)).toBeNull();
  });

  it("signs nothing for a bad id or topic", () => {
    expect(() => unsubscribeToken({ ...args, teamId: "a b" }, KEY)).toThrow(RangeError);
    expect(() => unsubscribeToken({ ...args, topic: "decided" as never }, KEY)).toThrow(RangeError);
  });

  it("builds the one-click URL, the page URL and both headers from APP_URL", () => {
    process.env.APP_URL = "https://crm.example/";
    resetServerEnvForTests();
    const api = unsubscribeUrl(args);
    const page = unsubscribePageUrl(args);
    expect(api).toMatch(/^https:\/\/crm\.example\/api\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(page.replace("/unsubscribe/", "/api/unsubscribe/")).toBe(api);
    expect(readUnsubscribeToken(api.split("/").pop())).toEqual(args);
    expect(unsubscribeHeaders(args)).toEqual({ "List-Unsubscribe": `<${api}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });
});
