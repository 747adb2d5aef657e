import { describe, expect, it } from "vitest";
import { guessMapping, phaseText } from "./labels";

describe("guessMapping", () => {
  it("suggests each column once, for common header spellings", () => {
    expect(guessMapping(["Vorname", "Nachname", "LinkedIn Profile URL", "E-Mail", "Organization", "Job Title", "Date Added"])).toEqual({
      firstName: "Vorname",
      lastName: "Nachname",
      profileUrl: "LinkedIn Profile URL",
      email: "E-Mail",
      company: "Organization",
      position: "Job Title",
      connectedOn: "Date Added",
    });
  });
  it("leaves fields without a plausible column empty", () => {
    expect(guessMapping(["Name", "Notes"])).toEqual({ fullName: "Name" });
    expect(guessMapping([])).toEqual({});
  });
});

describe("phaseText", () => {
  it("says what the worker is doing, with a fallback for phases it does not know", () => {
    expect(phaseText("QUEUED", null)).toMatch(/Waiting/);
    expect(phaseText("PROCESSING", "reading")).toBe("Reading file…");
    expect(phaseText("PROCESSING", "saving")).toBe("Saving…");
    expect(phaseText("PROCESSING", "something-new")).toBe("Importing…");
  });
});
