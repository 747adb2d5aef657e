import { describe, expect, it } from "vitest";
import { countOf, guessMapping, isActive, messagesHint, phaseText, statusLabel } from "./labels";

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

describe("statusLabel", () => {
  it("names a discarded import, a finished state that is not polled", () => {
    expect(statusLabel("DISCARDED")).toBe("Discarded");
    expect(isActive("DISCARDED")).toBe(false);
  });
});

describe("counts in words", () => {
  it("says 1 message and 1 person, not 1 messages", () => {
    expect(messagesHint({ people: 1, rows: 1 })).toBe("1 person in 1 message");
    expect(messagesHint({ people: 3, rows: 5 })).toBe("3 people in 5 messages");
    expect(countOf(1_200, "row")).toBe("1,200 rows");
  });
});

describe("an import waiting for the user to confirm", () => {
  it("has a name and is not polled as running", () => {
    expect(statusLabel("NEEDS_CONFIRMATION")).toBe("Waiting for your confirmation");
    expect(isActive("NEEDS_CONFIRMATION")).toBe(false);
  });
});
