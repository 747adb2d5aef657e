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
