import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors";
import { DEFAULT_EMAIL_MODES, EMAIL_KINDS, modeFor, parseMailPreferencesInput, resolveModes } from "./preferences";
import { isSubscribed, topicLabel, topicPlural } from "./unsubscribe";

const refusal = (raw: unknown) => {
  try {
    parseMailPreferencesInput(raw);
  } catch (e) {
    if (isDomainError(e)) return { field: e.details.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("email modes", () => {
  it("has the contract's defaults: mentions and the removal session instant, the rest off", () => {
    expect(DEFAULT_EMAIL_MODES).toEqual({ mention: "instant", awaiting_decision: "off", "removal.planned": "instant", reminder_due: "off", job_change: "off" });
    expect(Object.keys(DEFAULT_EMAIL_MODES).sort()).toEqual([...EMAIL_KINDS].sort());
  });

  it("fills kinds a row does not name with the defaults and ignores junk", () => {
    expect(resolveModes({ job_change: "daily", mention: "loud", decided: "instant" })).toEqual({ ...DEFAULT_EMAIL_MODES, job_change: "daily" });
    expect(resolveModes(null)).toEqual(DEFAULT_EMAIL_MODES);
    expect(resolveModes(["instant"])).toEqual(DEFAULT_EMAIL_MODES);
  });

  it("never emails a kind that is not email-able", () => {
    const prefs = { emailModes: resolveModes({ reminder_due: "daily" }) };
    expect(modeFor(prefs, "reminder_due")).toBe("daily");
    expect(modeFor(prefs, "mention")).toBe("instant");
    expect(modeFor(prefs, "decided")).toBe("off");
    expect(modeFor(prefs, "__proto__")).toBe("off");
  });

  it("knows which topics are still subscribed", () => {
    const prefs = { digestEnabled: true, emailModes: resolveModes({ job_change: "daily" }) };
    expect(isSubscribed(prefs, "digest")).toBe(true);
    expect(isSubscribed(prefs, "summary")).toBe(true);
    expect(isSubscribed(prefs, "reminder_due")).toBe(false);
    expect(isSubscribed({ digestEnabled: false, emailModes: resolveModes({}) }, "summary")).toBe(false);
  });
});

describe("parseMailPreferencesInput", () => {
  it("accepts a partial update and a null zone", () => {
    expect(parseMailPreferencesInput({ digestHour: 0, emailModes: { job_change: "daily" } })).toEqual({ digestHour: 0, emailModes: { job_change: "daily" } });
    expect(parseMailPreferencesInput({ timeZone: null })).toEqual({ timeZone: null });
    expect(parseMailPreferencesInput({ timeZone: "America/Argentina/Buenos_Aires" }).timeZone).toBe("America/Argentina/Buenos_Aires");
  });

  it("refuses unknown settings, kinds and modes by name", () => {
    expect(refusal({ digestHours: 3 }).field).toBe("digestHours");
    expect(refusal({ emailModes: { decided: "instant" } }).field).toBe("decided");
    expect(refusal({ emailModes: { mention: "loud" } }).field).toBe("emailModes.mention");
  });

  it("says what is wrong in words, without a field path in front", () => {
    const zone = refusal({ timeZone: "Mars/Olympus" });
    expect(zone.field).toBe("timeZone");
    expect(zone.message).toBe("Choose a time zone from the list, e.g. Europe/Berlin.");
    for (const bad of [{ digestHour: 24 }, { digestWeekday: 9 }, { emailModes: { mention: "loud" } }]) expect(refusal(bad).message).not.toMatch(/^[\w.]+: /);
  });

  it("refuses out-of-range numbers and zones that are not IANA", () => {
    expect(refusal({ digestWeekday: 0 }).field).toBe("digestWeekday");
    expect(refusal({ digestWeekday: 8 }).field).toBe("digestWeekday");
    expect(refusal({ digestHour: 24 }).field).toBe("digestHour");
    expect(refusal({ digestHour: 7.5 }).field).toBe("digestHour");
    expect(refusal({ digestEnabled: "yes" }).field).toBe("digestEnabled");
    for (const tz of ["Mars/Olympus", "+01:00", "Europe/Berlin; DROP", "E".repeat(65)]) expect(refusal({ timeZone: tz }).field, tz).toBe("timeZone");
    expect(refusal([]).field).toBe("preferences");
  });
});

describe("topic words", () => {
  it("names what a link stops, for the page and for the confirmation", () => {
    expect([topicLabel("digest"), topicPlural("digest")]).toEqual(["the weekly digest", "weekly digests"]);
    expect([topicLabel("summary"), topicPlural("summary")]).toEqual(["the daily summary", "daily summaries"]);
    expect([topicLabel("removal.planned"), topicPlural("removal.planned")]).toEqual(["emails about today's removal session", "emails about today's removal session"]);
  });
});
