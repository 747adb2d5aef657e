import { describe, expect, it } from "vitest";
import { emptyIcpDefinition, ZIcpDefinition } from "@crm/scoring";
import { draftOf, sectionOf, toDefinition } from "./draft";
import { parseScoreQuery, scoreQueryString } from "./labels";

describe("ICP form draft", () => {
  it("round-trips a definition through the form's draft", () => {
    const def = ZIcpDefinition.parse({
      titleKeywords: { values: ["VP Sales"], weight: "must" },
      connectionAge: { minMonths: 6, maxMonths: null, weight: "nice" },
      interaction: { withinMonths: 12, weight: "important" },
      tags: [{ tagId: "t1", tag: "customer", weight: "negative" }],
      staleAfterMonths: 36,
    });
    expect(ZIcpDefinition.parse(toDefinition(draftOf(def)))).toEqual(def);
    expect(ZIcpDefinition.parse(toDefinition(draftOf(emptyIcpDefinition())))).toEqual(emptyIcpDefinition());
  });

  it("leaves out empty optional criteria and blank tag rows", () => {
    const d = draftOf(emptyIcpDefinition());
    d.connectionAge = { min: " ", max: "", weight: "must" };
    d.tags = [{ tagId: "", tag: "  ", weight: "important" }];
    const out = toDefinition(d);
    expect(out.connectionAge).toBeNull();
    expect(out.interaction).toBeNull();
    expect(out.tags).toEqual([]);
  });

  // Issue 16 item 14: the edit form showed tag rules lower-cased ("vip client" for "VIP Client").
  it("keeps a tag rule's tag id and its name as the team wrote it", () => {
    const def = ZIcpDefinition.parse({ tags: [{ tagId: "t1", tag: "VIP Client", weight: "nice" }] });
    expect(draftOf(def).tags).toEqual([{ tagId: "t1", tag: "VIP Client", weight: "nice" }]);
    expect(toDefinition(draftOf(def)).tags).toEqual([{ tagId: "t1", tag: "VIP Client", weight: "nice" }]);
  });

  it("passes a month that is not a whole number through, so the schema names the field", () => {
    const d = draftOf(emptyIcpDefinition());
    d.connectionAge = { min: "1.5", max: "", weight: "important" };
    const r = ZIcpDefinition.safeParse(toDefinition(d));
    expect(r.success).toBe(false);
    expect(sectionOf(r.error?.issues[0]?.path.join("."))).toBe("connectionAge");
  });
});

describe("scores query string", () => {
  it("parses band, flag and the keyset cursor, ignoring anything unknown", () => {
    const id = "3f1c2a9e-0000-4000-8000-000000000001";
    expect(parseScoreQuery({ band: "strong", flag: "endorser", after: `87_${id}` })).toEqual({ band: "strong", flag: "endorser", after: { score: 87, connectionId: id } });
    expect(parseScoreQuery({ band: "great", flag: "x", after: "abc" })).toEqual({});
    expect(parseScoreQuery({ band: ["partial", "none"] })).toEqual({ band: "partial" });
  });
  it("writes what it parses", () => {
    const q = { band: "none" as const, after: { score: 0, connectionId: "c1" } };
    expect(parseScoreQuery(Object.fromEntries(new URLSearchParams(scoreQueryString(q))))).toEqual(q);
    expect(scoreQueryString({})).toBe("");
  });
});
