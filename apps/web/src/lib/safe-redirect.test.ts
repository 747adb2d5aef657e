import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeReturnPath } from "./safe-redirect";

describe("safeReturnPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeReturnPath("/t/acme/connections?q=a%20b#top")).toBe("/t/acme/connections?q=a%20b#top");
    expect(safeReturnPath("/invite/abc.def")).toBe("/invite/abc.def");
    expect(safeReturnPath("/t/acme/connections?q=a%2Fb")).toBe("/t/acme/connections?q=a%2Fb");
  });
  it("refuses what a browser would read as another origin", () => {
    for (const bad of ["/\\evil.example/", "/%5Cevil.example/", "/%5cevil.example", "//evil.example", "/%2F/evil.example", "/%2fevil.example", "https://evil.example", "javascript:alert(1)", "/\tevil", "/%09/evil.example", "\\\\evil.example", "", undefined, null]) {
      expect(safeReturnPath(bad), String(bad)).toBe("/");
    }
  });
});

describe("safeAuthRedirect (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  it("accepts same-origin URLs and paths, and sends everything else home", () => {
    expect(safeAuthRedirect("/t/acme", base)).toBe(`${base}/t/acme`);
    expect(safeAuthRedirect(`${base}/t/acme?x=1`, base)).toBe(`${base}/t/acme?x=1`);
    expect(safeAuthRedirect("/\\evil.example/", base)).toBe(`${base}/`);
    expect(safeAuthRedirect("/%5Cevil.example/", base)).toBe(`${base}/`);
    expect(safeAuthRedirect("https://evil.example/", base)).toBe(base);
    expect(safeAuthRedirect("http://localhost:3000.evil.example/", base)).toBe(base);
  });
});
