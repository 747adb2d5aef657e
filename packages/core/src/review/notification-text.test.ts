import { describe, expect, it } from "vitest";
import { describeNotification } from "./notifications";

// The bell's sentence and link per notification kind (the email pass reuses them).

const row = (kind: string, data: Record<string, unknown>, itemId: string | null = null) => ({ kind, itemId, actorName: "Ana", data });

describe("describeNotification", () => {
  it("a due follow-up: the person, the note, the drawer link (?open=)", () => {
    expect(describeNotification("acme", row("reminder_due", { reminderId: "r1", connectionId: "c 1", connectionName: "Bo Li", note: "Send the deck", kind: "FOLLOW_UP" }, "r1"))).toEqual({
      text: "Reminder: follow up with Bo Li — Send the deck",
      href: "/t/acme/connections?open=c%201",
    });
    const long = describeNotification("acme", row("reminder_due", { connectionId: "c1", connectionName: "Bo", note: "x".repeat(200), kind: "FOLLOW_UP" }));
    expect(long.text.length).toBeLessThan(120);
  });

  it("a cadence reminder names the tag; a summary links to the reminders page", () => {
    expect(describeNotification("acme", row("reminder_due", { connectionId: "c1", connectionName: "Bo Li", note: null, kind: "CADENCE", tagName: "Key accounts" })).text).toBe(
      "Keep in touch with Bo Li (Key accounts): no message for a while",
    );
    expect(describeNotification("acme", row("reminder_due", { count: 12 }))).toEqual({ text: "12 reminders are due", href: "/t/acme/reminders" });
  });

  it("job changes: one person → their drawer; more → the account's job-changed filter", () => {
    const one = { importId: "i", accountId: "a1", accountLabel: "Ana's network", count: 1, people: [{ connectionId: "c1", name: "Bo Li", company: "Acme", position: "CTO" }] };
    expect(describeNotification("acme", row("job_change", one))).toEqual({ text: "Bo Li changed jobs (Ana's network)", href: "/t/acme/connections?open=c1" });
    const many = { ...one, count: 5, people: [one.people[0], { connectionId: "c2", name: "Cy" }, { connectionId: "c3", name: "Di" }] };
    expect(describeNotification("acme", row("job_change", many))).toEqual({
      text: "Bo Li, Cy and 3 others changed jobs (Ana's network)",
      href: "/t/acme/connections?account=a1&jobChanged=yes",
    });
  });

  it("a decision on an invitation names the invitee and uses the invitation's words", () => {
    expect(describeNotification("acme", row("decided", { connectionName: "Ines", choice: "remove", voted: "keep", itemKind: "withdraw_invitation" }, "it1"))).toEqual({
      text: "Ana decided Withdraw on the invitation to Ines — you voted Keep waiting",
      href: "/t/acme/queue/items/it1",
    });
    expect(describeNotification("acme", row("decided", { connectionName: "Bo", choice: "remove", voted: "keep" }, "it2")).text).toBe("Ana decided Remove on Bo — you voted Keep");
  });

  it("keeps the existing kinds' wording and links", () => {
    expect(describeNotification("acme", row("mention", { connectionName: "Bo" }, "it1"))).toEqual({ text: "Ana mentioned you on Bo", href: "/t/acme/queue/items/it1" });
    expect(describeNotification("acme", row("removal.planned", { planned: 1, accountId: "a1", accountLabel: "Net" }))).toEqual({ text: "Today: 1 removal planned for Net", href: "/t/acme/removals/a1" });
  });
});
