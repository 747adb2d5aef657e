import { describe, expect, it } from "vitest";
import { passwordLength, passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long passphrase with spaces and Unicode, as typed", () => {
    expect(passwordProblem("correct horse battery staple ✓")).toBeNull();
    expect(passwordProblem("  leading and trailing spaces  ")).toBeNull();
  });
  it("counts code points, not UTF-16 units", () => {
    expect(passwordLength("🔒🔒🔒🔒")).toBe(4);
    expect(passwordProblem("🔒🌊🦊🎲🔑🌵🧭")).toMatch(/at least 8 characters \(you typed 7\)/);
    expect(passwordProblem("🔒🌊🦊🎲🔑🌵🧭🪁")).toBeNull();
  });
  it("refuses too short and too long", () => {
    expect(passwordProblem("short")).toMatch(/at least 8/);
    expect(passwordProblem("tidal lantern ".repeat(10).slice(0, 128))).toBeNull();
    expect(passwordProblem("x".repeat(129))).toMatch(/at most 128 characters \(you typed 129\)/);
  });
  it("refuses common passwords whatever their case", () => {
    expect(passwordProblem("password123")).toMatch(/commonly used/);
    expect(passwordProblem("PASSWORD123")).toMatch(/commonly used/);
    expect(passwordProblem("qwertyuiop")).toMatch(/commonly used/);
  });
  it("refuses the email as password", () => {
    expect(passwordProblem("jane.doe@example.com", { email: "jane.doe@example.com" })).toMatch(/email address/);
    expect(passwordProblem("jane.doe.x", { email: "jane.doe.x@example.com" })).toMatch(/email address/);
  });
  it("refuses guessable patterns (zxcvbn score below 2) and says why", () => {
    expect(passwordProblem("aaaaaaaa")).toMatch(/too easy to guess \(repeated characters\)/);
    expect(passwordProblem("abcdefgh")).toMatch(/too easy to guess \(a sequence like abc or 1234\)/);
    expect(passwordProblem("qqqqqqqq")).toMatch(/too easy to guess/);
    expect(passwordProblem("x".repeat(128))).toMatch(/too easy to guess/);
  });
  it("refuses passwords built from the user's own name or email", () => {
    const who = { name: "Ada Lovelace", email: "ada.lovelace@analytical.example" };
    expect(passwordProblem("Ada Lovelace", who)).toMatch(/name or email/);
    expect(passwordProblem("adalovelace1!", who)).toMatch(/name or email/);
    expect(passwordProblem("Lovelace2026", who)).toMatch(/name or email/);
    expect(passwordProblem("analytical-ada", who)).toMatch(/name or email/);
    // The same words with enough of the user's own added are fine.
    expect(passwordProblem("Ada rides the purple tram home", who)).toBeNull();
  });
});
