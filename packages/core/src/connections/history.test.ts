import { describe, expect, it } from "vitest";
import { buildHistory, eventText, linkedInUrlFor, reviewText } from "./history";

describe("linkedInUrlFor", () => {
  it("links to the profile when the export had a LinkedIn URL", () => {
    expect(linkedInUrlFor({ profileUrl: "https://www.linkedin.com/in/ada/", firstName: "Ada", lastName: "L", company: null })).toBe("https://www.linkedin.com/in/ada/");
    expect(linkedInUrlFor({ profileUrl: "https://de.linkedin.com/in/jörg/", firstName: "J", lastName: "M", company: null })).toBe("https://de.linkedin.com/in/jörg/");
  });
  it("falls back to a people search for older exports, and never links elsewhere", () => {
    expect(linkedInUrlFor({ profileUrl: null, firstName: "Jörg", lastName: "Müller", company: "ACME & Co" })).toBe(
      "https://www.linkedin.com/search/results/people/?keywords=J%C3%B6rg%20M%C3%BCller%20ACME%20%26%20Co",
    );
    expect(linkedInUrlFor({ profileUrl: "javascript:alert(1)", firstName: "A", lastName: "B", company: null })).toMatch(/^https:\/\/www\.linkedin\.com\/search\//);
    expect(linkedInUrlFor({ profileUrl: "https://linkedin.com.evil.test/in/x", firstName: "A", lastName: "B", company: null })).toMatch(/^https:\/\/www\.linkedin\.com\/search\//);
  });
});

describe("history", () => {
  it("describes events and review items, newest first, with one line for the first import", () => {
    expect(eventText("JOB_CHANGED", { from: { company: "Acme", position: "AE" }, to: { company: "Globex", position: null } })).toBe("Changed job: AE at Acme → Globex");
    expect(eventText("UPDATED", { fields: ["email"] })).toBe("Profile updated: email");
    expect(reviewText("REMOVE", "OPEN", "Not our market")).toBe("Added to the review queue for removal: Not our market");
    const h = buildHistory({
      events: [{ id: "e1", kind: "GONE", createdAt: new Date("2026-03-01"), data: {} }],
      reviews: [{ id: "r1", kind: "FOLLOW_UP", status: "DONE", reason: null, updatedAt: new Date("2026-04-01") }],
      firstSeenAt: new Date("2025-01-01"),
    });
    expect(h.map((e) => e.text)).toEqual(["Added to the review queue for follow-up (done)", "Missing from the latest export", "First imported"]);
  });
});
