import { describe, expect, it } from "vitest";
import { parseMentions } from "./mentions";

const ana = { id: "ana", name: "Ana Lima", email: "ana.lima@example.com" };
const ana2 = { id: "ana2", name: "Ana Souza", email: "asouza@example.com" };
const ben = { id: "ben", name: "Ben Ott", email: "bott@example.com" };

describe("parseMentions", () => {
  it("matches full name, first name and email local part, case-insensitive, longest first", () => {
    expect(parseMentions("Hi @ana lima and @BEN", [ana, ben])).toEqual(["ana", "ben"]);
    expect(parseMentions("cc @bott, @ana.lima!", [ana, ben])).toEqual(["ben", "ana"]);
    expect(parseMentions("@Ana Lima?", [ana, ana2, ben])).toEqual(["ana"]);
  });

  it("an ambiguous first name mentions nobody", () => {
    expect(parseMentions("@ana what do you think?", [ana, ana2])).toEqual([]);
    expect(parseMentions("@Ana Souza agrees", [ana, ana2])).toEqual(["ana2"]);
  });

  it("ignores email addresses, partial words and repeats", () => {
    expect(parseMentions("mail me@ben.com", [ben])).toEqual([]);
    expect(parseMentions("@benny is not ben", [ben])).toEqual([]);
    expect(parseMentions("@ben @Ben @bott", [ben])).toEqual(["ben"]);
  });
});

describe("parseMentions on hostile input", () => {
  const many = Array.from({ length: 1_000 }, (_, i) => ({ id: `m${i}`, name: `Member${i} Surname${i}`, email: `member${i}@example.com` }));

  it("2,000 “@” against 1,000 members stays under 20 ms", () => {
    const bodies = ["@".repeat(2_000), "@a ".repeat(2_000), "@member1 ".repeat(2_000), `${"@member99999x ".repeat(2_000)}`];
    parseMentions(bodies[1]!, many); // warm up the JIT
    // The best of five: the machine running the tests is shared (a GC pause or another process
    // is not the parser's cost); before the fix one run took 95–420 ms.
    for (const body of bodies) {
      let best = Infinity;
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        parseMentions(body, many);
        best = Math.min(best, performance.now() - t);
      }
      expect(best, body.slice(0, 12)).toBeLessThan(20);
    }
  });

  it("still finds mentions among others, and looks at the first 50 “@” only", () => {
    expect(parseMentions("@@ @ @member7 surname7 and @member8", many)).toEqual(["m7", "m8"]);
    const late = `${"@nobody ".repeat(60)}@member3`;
    expect(parseMentions(late, many)).toEqual([]);
    expect(parseMentions("🚀@ben and 🚀 @ben", [ben])).toEqual(["ben"]);
  });
});
