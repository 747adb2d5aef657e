import { describe, expect, it } from "vitest";
import { detectDayFirst, parseDate } from "./dates";
import { expandYear } from "./date-patterns";

const NOW = new Date("2026-11-23T12:00:00Z");
const date = (raw: string, dayFirst?: boolean) => {
  const result = parseDate(raw, { now: NOW, dayFirst });
  return result.ok ? result.value : result.code;
};

describe("parseDate", () => {
  it.each([
    ["07 Mar 2020", "2020-03-07"],
    ["7 Mar 2020", "2020-03-07"],
    ["07 MAR 2020", "2020-03-07"],
    ["  07  Mar   2020 ", "2020-03-07"],
    ["1/8/18, 6:14 PM", "2018-01-08"],
    ["12/15/24, 7:47 AM", "2024-12-15"],
    ["12/31/24, 11:59 PM", "2024-12-31"],
    ["2024-01-12", "2024-01-12"],
    ["2024-01-12T10:00:00.000Z", "2024-01-12"],
    ["2024-01-12T23:30:00-05:00", "2024-01-13"], // the UTC date of the instant
    ["2024-01-12T00:30:00+02:00", "2024-01-11"],
    ["2024-01-12T10:00:00", "2024-01-12"],
    ["2024/01/12 10:00:00 UTC", "2024-01-12"],
    ["2024-03-05 14:02:11 UTC", "2024-03-05"],
    ["Jan 12, 2024", "2024-01-12"],
    ["January 12, 2024", "2024-01-12"],
    ["Sept 3, 2024", "2024-09-03"],
    ["12 January 2024", "2024-01-12"],
    ["12-Jan-24", "2024-01-12"],
    ["12-Jan-2024", "2024-01-12"],
    ["Friday, January 12, 2024", "2024-01-12"],
    ["12.01.2024", "2024-01-12"],
    ["1.2.24", "2024-02-01"],
    ["45303", "2024-01-12"], // Excel serial day number
    ["29 Feb 2024", "2024-02-29"],
    ["25 Nov 2026", "2026-11-25"], // two days ahead is tolerated (time zones)
    ["31 Dec 2002", "2002-12-31"], // before LinkedIn opened (2003), but a possible date
    ["05 Jun 1833", "1833-06-05"], // the public sample exports are dated 1823–1852
    ["1823-07-18 11:00:00 UTC", "1823-07-18"],
    ["01 Jan 1000", "1000-01-01"], // the earliest date kept
  ])("%s → %s", (raw, expected) => {
    expect(date(raw)).toBe(expected);
  });

  it.each(["", "   ", "not a date", "31 Feb 2024", "29 Feb 2023", "2024-13-01", "32/01/2024", "07 Foo 2020", "25:00", "13/13/2024", "1/8/18, 13:14 PM", "26 Nov 2026", "01 Jan 2031", "05 Jun 2224", "05 Jun 0224", "31 Dec 0999", "0224-06-05"])(
    "rejects %j",
    (raw) => {
      const result = parseDate(raw, { now: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe("invalid_date");
        if (raw.trim() !== "") expect(result.message).toContain(raw);
      }
    },
  );

  it("refuses a date whose UTC day falls before year 1000 as an impossible year", () => {
    const result = parseDate("1000-01-01T00:30:00+02:00", { now: NOW }); // 31 Dec 0999, 22:30 UTC
    expect(result).toEqual({ ok: false, code: "invalid_date", message: expect.stringContaining("has an impossible year") });
    expect(date("1000-01-01T00:30:00Z")).toBe("1000-01-01");
  });

  it("refuses the future beyond two days with its own message", () => {
    const result = parseDate("05 Jun 2224", { now: NOW });
    expect(result).toEqual({ ok: false, code: "invalid_date", message: expect.stringContaining("is in the future") });
  });

  it("reads ambiguous slash dates by the column's order", () => {
    expect(date("01/02/2024")).toBe("2024-01-02"); // month first by default (LinkedIn is US-style)
    expect(date("01/02/2024", true)).toBe("2024-02-01");
    expect(date("13/02/2024")).toBe("2024-02-13"); // unambiguous either way
    expect(date("01/13/2024", true)).toBe("2024-01-13");
  });

  it("returns the instant for timestamps and UTC midnight for dates", () => {
    const stamp = parseDate("2024-03-05 14:02:11 UTC", { now: NOW });
    expect(stamp.ok && stamp.at.toISOString()).toBe("2024-03-05T14:02:11.000Z");
    const us = parseDate("1/8/18, 6:14 PM", { now: NOW });
    expect(us.ok && us.at.toISOString()).toBe("2018-01-08T18:14:00.000Z");
    const plain = parseDate("07 Mar 2020", { now: NOW });
    expect(plain.ok && plain.at.toISOString()).toBe("2020-03-07T00:00:00.000Z");
  });
});

describe("detectDayFirst (per column)", () => {
  it("is day-first once any value's first number is over 12", () => {
    expect(detectDayFirst(["01/02/2024", "05/06/2023", "25/12/2022"])).toBe(true);
    expect(detectDayFirst(["01/02/2024", "12/31/2023"])).toBe(false);
    expect(detectDayFirst(["1/8/18, 6:14 PM", "12/24/17, 9:02 AM"])).toBe(false);
    expect(detectDayFirst(["07 Mar 2020", ""])).toBe(false);
  });

  it("changes how a whole column reads", () => {
    const column = ["03/04/2024", "15/04/2024"];
    const dayFirst = detectDayFirst(column);
    expect(column.map((v) => date(v, dayFirst))).toEqual(["2024-04-03", "2024-04-15"]);
  });
});

describe("two-digit years", () => {
  it("are 20xx up to next year's two digits, else 19xx", () => {
    expect(expandYear("18", 2026)).toBe(2018);
    expect(expandYear("27", 2026)).toBe(2027);
    expect(expandYear("28", 2026)).toBe(1928);
    expect(expandYear("99", 2026)).toBe(1999);
    expect(expandYear("2024", 2026)).toBe(2024);
  });
});
