import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { digestSubject, digestText, renderDigestEmail, type TDigestModel } from "./digest";
import { DigestEmail } from "./templates/digest";

const APP = "https://crm.example.com";
const T = `${APP}/t/acme`;

function fixture(over: Partial<TDigestModel> = {}): TDigestModel {
  return {
    recipient: { name: "Ana Lima", email: "ana@example.com" },
    team: { name: "Acme Sales", slug: "acme" },
    period: { label: "Nov 30 – Dec 6", start: "2026-11-30T07:00:00.000Z", end: "2026-12-07T07:00:00.000Z" },
    appUrl: T,
    network: {
      imports: [
        { accountLabel: "Ana's network", atLabel: "Tue, Dec 1", added: 12, gone: 3, jobChanges: 2, first: false, href: `${T}/imports/i1` },
        { accountLabel: "Bo's network", atLabel: "Thu, Dec 3", added: 1500, gone: 0, jobChanges: 0, first: true, href: `${T}/imports/i2` },
      ],
      newConnections: 12,
      gone: 3,
      jobChanges: 2,
      topJobChanges: [{ name: "Carla Diaz", company: "Globex", position: "VP Sales", href: `${T}/connections?open=c1` }],
      topNew: [{ name: "Dan Eve", company: null, position: "Founder", href: `${T}/connections?open=c2` }],
      href: `${T}/connections`,
      jobChangesHref: `${T}/connections?jobChanged=yes`,
    },
    fit: { icps: [{ name: "Buyers", strong: 120, partial: 300, none: 580, total: 1000, strongDelta: 5, partialDelta: -2, href: `${T}/icps/p1` }], href: `${T}/icps` },
    removals: [{ accountLabel: "Ana's network", done: 14, budget: 100, verified: 10, approved: 5, href: `${T}/removals/a1` }],
    queue: { waitingForMe: 7, oldestWaitingDays: 9, needsMyVote: 12, oldestVoteDays: 4, href: `${T}/queue?view=waiting_for_owner`, voteHref: `${T}/queue` },
    followUps: { dueThisWeek: 3, overdue: 1, top: [{ name: "Eli Fox", dueLabel: "Mon, Nov 30", overdue: true, note: "Ask about Q1", href: `${T}/connections?open=c3` }], href: `${T}/reminders` },
    activity: { members: [{ name: "Bo Chen", votes: 12, decisions: 3, removals: 4 }] },
    quiet: false,
    unsubscribeUrl: `${APP}/api/unsubscribe/tok`,
    unsubscribePageUrl: `${APP}/unsubscribe/tok`,
    preferencesUrl: `${T}/settings/notifications`,
    ...over,
  };
}

describe("digest text template", () => {
  it("matches the snapshot of the fixture", () => {
    expect(digestText(fixture())).toMatchSnapshot();
  });

  it("has every section, the numbers and an absolute link for every item", () => {
    const t = digestText(fixture());
    expect(t).toContain("Your week in Acme Sales (Nov 30 – Dec 6)");
    expect(t).toContain("12 new connections, 3 people gone, 2 job changes.");
    expect(t).toContain("- Bo's network, Thu, Dec 3: first import, 1,500 connections");
    expect(t).toContain("- Carla Diaz — VP Sales at Globex\n  https://crm.example.com/t/acme/connections?open=c1");
    expect(t).toContain("- Buyers: 120 strong (+5), 300 partial (−2), 580 no fit");
    expect(t).toContain("- Ana's network: 14 of 100; 10 verified by an import, 5 approved and waiting");
    expect(t).toContain("- 7 items wait for your decision, the oldest for 9 days");
    expect(t).toContain("- 12 items need your vote, the oldest waiting 4 days");
    expect(t).toContain("- Eli Fox: was due Mon, Nov 30 — Ask about Q1");
    expect(t).toContain("- Bo Chen: 12 votes, 3 decisions, 4 removals");
    expect(t).toContain("Unsubscribe from the weekly digest: https://crm.example.com/unsubscribe/tok");
    // Every URL in the text is absolute and points into the app.
    const urls = t.match(/https?:\/\/\S+/g) ?? [];
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u.startsWith(APP)).toBe(true);
  });

  it("leaves out empty sections and says a quiet week in a few lines", () => {
    const m = fixture({ removals: [], activity: { members: [] }, queue: { waitingForMe: 0, oldestWaitingDays: null, needsMyVote: 0, href: "x", voteHref: "y" } });
    const t = digestText(m);
    expect(t).not.toContain("REMOVALS");
    expect(t).not.toContain("TEAM ACTIVITY");
    expect(t).not.toContain("YOUR QUEUE");
    const quiet = digestText(fixture({ quiet: true }));
    expect(quiet).toContain("A quiet week in Acme Sales");
    expect(quiet).not.toContain("NETWORK");
    expect(quiet.split("\n").length).toBeLessThan(15);
    expect(digestSubject(fixture({ quiet: true }))).toBe("A quiet week in Acme Sales");
    expect(digestSubject(fixture())).toBe("Acme Sales this week: 12 new connections, 2 job changes");
    expect(digestSubject(fixture({ team: { name: "Evil\r\nBcc: x@y.z", slug: "e" } }))).not.toMatch(/[\r\n]/);
  });
});

describe("digest HTML", () => {
  it("is a full document with dark-mode metas, no images, escaped names and the links", async () => {
    const { html, subject } = await renderDigestEmail(fixture({ recipient: { name: "<script>x</script>", email: "a@b.c" } }));
    expect(subject).toContain("Acme Sales");
    expect(html.startsWith("<!DOCTYPE html")).toBe(true);
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain("prefers-color-scheme: dark");
    // react-email's Body paints its own cell light grey: the dark rule must reach it too.
    expect(html).toContain(".d-body > table > tbody > tr > td");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain("<script>x</script>");
    expect(html).toContain('href="https://crm.example.com/t/acme/connections?open=c1"');
    expect(html).toContain('href="https://crm.example.com/unsubscribe/tok"');
    const quiet = (await renderDigestEmail(fixture({ quiet: true }))).html;
    expect(quiet).toContain(">A quiet week in Acme Sales</h1>");
    expect(quiet).not.toContain(">Network</h2>");
    expect(html).toContain(">Network</h2>");
  });

  it("renders well within the per-email budget (and faster than react-email's render)", async () => {
    const m = fixture();
    for (let i = 0; i < 50; i++) await renderDigestEmail(m); // warm up
    const n = 500;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await renderDigestEmail(m);
    const ours = (performance.now() - t0) / n;
    t0 = performance.now();
    for (let i = 0; i < 100; i++) await render(createElement(DigestEmail, { m }));
    const reactEmail = (performance.now() - t0) / 100;
    t0 = performance.now();
    for (let i = 0; i < n; i++) digestText(m);
    const text = (performance.now() - t0) / n;
    console.info(`digest render: ${ours.toFixed(3)} ms/email (html+text); react-email render html ${reactEmail.toFixed(3)} ms; text alone ${text.toFixed(4)} ms`);
    // Loose bounds: the machine is shared; the figures are printed above for the record.
    expect(ours).toBeLessThan(reactEmail);
    expect(ours).toBeLessThan(6);
  });
});
