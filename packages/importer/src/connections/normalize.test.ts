import { describe, expect, it } from "vitest";
import { findHeader, headerSignature } from "./headers";
import { cleanText, identityKey, nameKey, normalizeEmail, normalizeText, splitFullName } from "./normalize";

describe("field normalisers", () => {
  it("emails: trimmed, lower-cased, blank is null, junk is an error naming the value", () => {
    expect(normalizeEmail("  John.Doe@Example.COM ")).toEqual({ ok: true, value: "john.doe@example.com" });
    expect(normalizeEmail("")).toEqual({ ok: true, value: null });
    expect(normalizeEmail(undefined)).toEqual({ ok: true, value: null });
    for (const bad of ["john", "john@example", "a@b@c.com", "john doe@example.com", "@example.com", "john@.com"]) {
      const result = normalizeEmail(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([result.code, result.message.includes(bad)]).toEqual(["invalid_email", true]);
    }
  });

  it("text: trimmed, spaces collapsed, NFC, capped", () => {
    expect(cleanText("  Ada \t  Lovelace\n")).toBe("Ada Lovelace");
    expect(cleanText("Jose\u0301")).toBe("José");
    expect(cleanText("   ")).toBeNull();
    expect(normalizeText("x".repeat(200), 200, "first name")).toEqual({ ok: true, value: "x".repeat(200) });
    expect(normalizeText("x".repeat(201), 200, "first name")).toMatchObject({ ok: false, code: "too_long" });
  });

  it("splits a full name at the first space", () => {
    expect(splitFullName("Ada Byron Lovelace")).toEqual({ firstName: "Ada", lastName: "Byron Lovelace" });
    expect(splitFullName("Cher")).toEqual({ firstName: "Cher", lastName: "" });
  });

  it("identity: URL, else email, else names with the connection date", () => {
    expect(identityKey({ profileKey: "li:ada", email: "a@b.co", firstName: "Ada" })).toBe("li:ada");
    expect(identityKey({ email: "a@b.co", firstName: "Ada" })).toBe("email:a@b.co");
    expect(identityKey({ firstName: " Ada ", lastName: "Byron  Lovelace", connectedOn: "2020-01-02" })).toBe("name:ada|byron lovelace|2020-01-02");
    expect(identityKey({ firstName: "Ada", lastName: "" })).toBe("name:ada||");
    expect(identityKey({})).toBeNull();
    expect(nameKey("  Zoë", "FAURE ")).toBe("zoë faure");
    expect(nameKey("Zoe\u0308", "Faure")).toBe(nameKey("Zoë", "Faure"));
  });
});

describe("header detection", () => {
  const records = (...rows: string[][]) => rows.map((fields, i) => ({ line: i + 1, fields }));

  it("skips the preamble and recognises columns after normalisation", () => {
    const header = findHeader(
      records(["Notes:", "", ""], ["When exporting your connection data, you may notice that some of the email addresses are missing."], ["\uFEFF first_name ", "LAST-NAME", "Company", "Connected  On"]),
    );
    expect(header).toMatchObject({ line: 3, format: "linkedin-connections", headers: ["first_name", "LAST-NAME", "Company", "Connected  On"] });
  });

  it("does not mistake a data row for a header, and falls back to an unknown layout", () => {
    expect(findHeader(records(["Name", "Email"], ["Ada", "ada@example.com"]))).toMatchObject({ line: 1, format: "unknown" });
    expect(findHeader(records(["Ada", "ada@example.com"]))).toBeNull();
  });

  it("signature is order- and spelling-insensitive", () => {
    expect(headerSignature(["First Name", "Last_Name", " URL "])).toBe(headerSignature(["url", "last name", "FIRST NAME"]));
    expect(headerSignature(["B", "a", ""])).toBe("a|b");
  });
});
