import { describe, expect, it } from "vitest";
import { guidedLink, linkedInProfileUrl, peopleSearchUrl } from "./guided-link";

const person = { firstName: "Ada", lastName: "Lovelace", company: "Analytical Engines & Co" };
const searchFor = "https://www.linkedin.com/search/results/people/?keywords=Ada%20Lovelace%20Analytical%20Engines%20%26%20Co";

describe("the guided link", () => {
  it("opens the export's profile URL when it is an http(s) linkedin.com URL", () => {
    expect(guidedLink({ ...person, profileUrl: "https://www.linkedin.com/in/ada-lovelace" })).toEqual({ kind: "profile", url: "https://www.linkedin.com/in/ada-lovelace" });
    expect(guidedLink({ ...person, profileUrl: "  https://linkedin.com/in/ada  " })).toEqual({ kind: "profile", url: "https://linkedin.com/in/ada" });
    expect(guidedLink({ ...person, profileUrl: "http://de.linkedin.com/in/ada" })).toEqual({ kind: "profile", url: "http://de.linkedin.com/in/ada" });
    expect(guidedLink({ ...person, profileUrl: "HTTPS://WWW.LINKEDIN.COM/in/Ada" }).url).toBe("https://www.linkedin.com/in/Ada");
  });

  it("falls back to a people search for first, last and company when there is no usable URL", () => {
    for (const profileUrl of [
      null,
      "",
      "   ",
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)//https://www.linkedin.com/in/x",
      "data:text/html,<script>alert(1)</script>",
      "https://evil.example/in/ada",
      "https://linkedin.com.evil.example/in/ada",
      "https://evillinkedin.com/in/ada",
      "https://www.linkedin.com@evil.example/in/ada",
      "https://user:pw@www.linkedin.com/in/ada",
      "https://www.linkedin.com:8443/in/ada",
      "ftp://www.linkedin.com/in/ada",
      "//www.linkedin.com/in/ada",
      "www.linkedin.com/in/ada",
      `https://www.linkedin.com/in/${"a".repeat(2_100)}`,
    ]) {
      expect(guidedLink({ ...person, profileUrl }), String(profileUrl)).toEqual({ kind: "search", url: searchFor });
    }
  });

  it("leaves out what the export did not have and encodes the rest", () => {
    expect(peopleSearchUrl({ firstName: "Zoë", lastName: "O'Brien", company: null })).toBe("https://www.linkedin.com/search/results/people/?keywords=Zo%C3%AB%20O'Brien");
    expect(peopleSearchUrl({ firstName: " Li ", lastName: "", company: "  " })).toBe("https://www.linkedin.com/search/results/people/?keywords=Li");
    expect(peopleSearchUrl({ firstName: "A", lastName: "B", company: "x/y?z=1#frag" })).toBe("https://www.linkedin.com/search/results/people/?keywords=A%20B%20x%2Fy%3Fz%3D1%23frag");
  });

  it("answers null for non-strings and non-LinkedIn URLs", () => {
    expect(linkedInProfileUrl(undefined)).toBeNull();
    expect(linkedInProfileUrl("not a url")).toBeNull();
    expect(linkedInProfileUrl("https://linkedin.com./in/ada")).toBeNull();
  });
});
