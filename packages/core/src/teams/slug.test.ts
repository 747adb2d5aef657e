import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugs", () => {
  it("is readable and URL-safe", () => {
    expect(slugify("Acme Growth Team!")).toBe("acme-growth-team");
    expect(slugify("Équipe Müller & Söhne")).toBe("equipe-muller-sohne");
    expect(slugify("🚀🚀")).toBe("team");
  });
  it("adds a random suffix", () => {
    const a = uniqueSlug("Acme");
    expect(a).toMatch(/^acme-[0-9a-f]{6}$/);
    expect(uniqueSlug("Acme")).not.toBe(a);
  });
});
