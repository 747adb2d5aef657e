import { describe, expect, it } from "vitest";
import { normalizeProfileUrl } from "./profile-url";

const JOHN = { ok: true, key: "li:john-doe-123", url: "https://www.linkedin.com/in/john-doe-123/" };
const JORG = { ok: true, key: "li:jörg", url: "https://www.linkedin.com/in/j%C3%B6rg/" };

describe("normalizeProfileUrl", () => {
  it.each([
    ["https://www.linkedin.com/in/john-doe-123/", JOHN],
    ["https://www.linkedin.com/in/john-doe-123", JOHN],
    ["http://linkedin.com/in/John-Doe-123?trk=public_profile", JOHN],
    ["www.linkedin.com/in/john-doe-123", JOHN],
    ["linkedin.com/in/john-doe-123/", JOHN],
    ["  https://www.linkedin.com/in/john-doe-123/  ", JOHN],
    ["<https://www.linkedin.com/in/john-doe-123>", JOHN],
    ["https://de.linkedin.com/in/john-doe-123/de", JOHN],
    ["https://www.linkedin.com/in/john-doe-123/en/", JOHN],
    ["https://uk.linkedin.com/in/john-doe-123?locale=de_DE", JOHN],
    ["https://www.linkedin.com/in/john-doe-123/#experience", JOHN],
    ["HTTPS://WWW.LINKEDIN.COM/IN/JOHN-DOE-123/", JOHN],
    ["//www.linkedin.com/in/john-doe-123", JOHN],
    ["https://m.linkedin.com/mwlite/in/john-doe-123", JOHN],
    ["https://www.linkedin.com/in/j%C3%B6rg", JORG],
    ["https://www.linkedin.com/in/J%C3%96RG/", JORG],
    ["https://www.linkedin.com/in/jörg", JORG],
    ["https://www.linkedin.com/in/jo\u0308rg", JORG], // decomposed ö (NFD) → NFC
    [
      "https://www.linkedin.com/in/ACoAAAB1cDEBdXyZ12345abcdeFGHIJ",
      { ok: true, key: "li:ACoAAAB1cDEBdXyZ12345abcdeFGHIJ", url: "https://www.linkedin.com/in/ACoAAAB1cDEBdXyZ12345abcdeFGHIJ/" },
    ],
    ["https://www.linkedin.com/in/ACwAAAxyzXYZ0123456789", { ok: true, key: "li:ACwAAAxyzXYZ0123456789", url: "https://www.linkedin.com/in/ACwAAAxyzXYZ0123456789/" }],
    // A vanity slug that merely starts with "aco" is still case-insensitive.
    ["https://www.linkedin.com/in/Acosta-Maria", { ok: true, key: "li:acosta-maria", url: "https://www.linkedin.com/in/acosta-maria/" }],
    ["https://www.linkedin.com/pub/john-doe/1/23/456", { ok: true, key: "lipub:john-doe/1/23/456", url: "https://www.linkedin.com/pub/john-doe/1/23/456/" }],
    ["http://uk.linkedin.com/pub/John-Doe/1/23/456/en", { ok: true, key: "lipub:john-doe/1/23/456", url: "https://www.linkedin.com/pub/john-doe/1/23/456/" }],
    ["https://www.linkedin.com/sales/lead/ACwAAAB1234567,NAME_SEARCH,xyz1", { ok: true, key: "salesnav:ACwAAAB1234567", url: null }],
    ["https://www.linkedin.com/sales/people/ACwAAAB1234567%2CNAME_SEARCH%2Cxyz1", { ok: true, key: "salesnav:ACwAAAB1234567", url: null }],
  ])("%s", (raw, expected) => {
    expect(normalizeProfileUrl(raw)).toEqual(expected);
  });

  it.each([
    "https://example.com/in/john-doe",
    "https://www.linkedin.com.evil.example/in/john-doe",
    "https://notlinkedin.com/in/john-doe",
    "ftp://www.linkedin.com/in/john-doe",
    "https://www.linkedin.com/company/acme",
    "https://www.linkedin.com/in/",
    "https://www.linkedin.com/",
    "https://www.linkedin.com/in/john%20doe",
    "https://www.linkedin.com/pub/john-doe",
    "john-doe",
    "not a url",
    "mailto:john@example.com",
    "https://lnkd.in/abc123",
  ])("rejects %s", (raw) => {
    const result = normalizeProfileUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("invalid_profile_url");
      expect(result.message).toContain(raw);
    }
  });
});
