import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { addAccount, csvOf, importBytes } from "../imports/import-helpers.test-util";
import type { TTeamContext } from "../teams/membership";
import { CR_FORMULA, formulaStarts, MULTILINE_FORMULA } from "../csv/spreadsheet-safety.test-util";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getConnection } from "./detail";
import { connectionsCsv } from "./export-csv";
import { DEFAULT_FILTER } from "./filter/types";
import { addNote, deleteNote, editNote, listNotes } from "./notes";
import { proposeForReview } from "../review/propose-item";
import { changeTags, undoTagChange } from "./tagging";
import { createTag, deleteTag, listTags, mergeTags, updateTag } from "./tags";
import { deleteView, listViews, saveView } from "./views";
import { joinTeam } from "./workspace.test-util";

let a: TSignedUpUser;
let b: TSignedUpUser;
let member: TTeamContext;
let ids: Record<string, string>; // slug → connection id in team A
let bConnection: string;

const PEOPLE: Array<[string, string, string]> = [
  ["ada-lovelace", "ACME Corporation", "VP Sales"],
  ["grace-hopper", "Navy", "Rear Admiral"],
  ["alan-turing", "=HYPERLINK(\"http://evil\")", "+Cryptanalyst"],
  ["linus-torvalds", "Linux Foundation", "Fellow"],
];

const tagsOf = (connectionId: string) =>
  withTeam(a.team.id, async (tx) => (await tx.connectionTag.findMany({ where: { connectionId }, select: { tag: { select: { name: true } } } })).map((t) => t.tag.name).sort());

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("wsA"), signUpUser("wsB")]);
  member = (await joinTeam(a, "wsMember", "MEMBER")).ctx;
  await importBytes(a.ctx, await addAccount(a.ctx), csvOf(PEOPLE));
  await importBytes(b.ctx, await addAccount(b.ctx), csvOf([["eve-spy", "Other Co", "CEO"]]));
  const rows = await withTeam(a.team.id, (tx) => tx.connection.findMany({ select: { id: true, identityKey: true } }));
  ids = Object.fromEntries(rows.map((r) => [r.identityKey.replace("li:", ""), r.id]));
  bConnection = (await withTeam(b.team.id, (tx) => tx.connection.findFirstOrThrow({ select: { id: true } }))).id;
});
afterAll(stopTestEnv);

describe("tags", () => {
  it("creates team-wide tags, refuses a case-insensitive duplicate, counts, renames, merges and deletes", async () => {
    const vip = await createTag(member, { name: "  VIP  ", color: "red" });
    expect(vip).toMatchObject({ name: "VIP", color: "red", count: 0 });
    expect(await rejectionOf(createTag(a.ctx, { name: "vip" }))).toMatchObject({ code: "CONFLICT" });
    expect(await rejectionOf(createTag(a.ctx, { name: "x", color: "chartreuse" }))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(createTag(a.ctx, { name: "a,b" }))).toMatchObject({ code: "VALIDATION" });
    const lead = await createTag(a.ctx, { name: "Lead" });
    await changeTags(a.ctx, { tagId: vip.id, op: "add", target: { ids: [ids["ada-lovelace"]!, ids["grace-hopper"]!] } });
    await changeTags(a.ctx, { tagId: lead.id, op: "add", target: { ids: [ids["grace-hopper"]!, ids["alan-turing"]!] } });
    expect((await listTags(a.ctx)).map((t) => [t.name, t.count])).toEqual([["Lead", 2], ["VIP", 2]]);

    expect(await rejectionOf(updateTag(member, lead.id, { name: "Leads" }))).toMatchObject({ code: "FORBIDDEN" });
    await updateTag(a.ctx, lead.id, { name: "Leads", color: "green" });
    expect(await rejectionOf(updateTag(a.ctx, lead.id, { name: "vip" }))).toMatchObject({ code: "CONFLICT" });

    expect(await mergeTags(a.ctx, { sourceId: lead.id, targetId: vip.id })).toEqual({ moved: 1, icps: [] }); // grace already had VIP
    expect((await listTags(a.ctx)).map((t) => [t.name, t.count, t.color])).toEqual([["VIP", 3, "red"]]);
    expect(await tagsOf(ids["alan-turing"]!)).toEqual(["VIP"]);
    await deleteTag(a.ctx, vip.id);
    expect(await listTags(a.ctx)).toEqual([]);
    expect(await tagsOf(ids["alan-turing"]!)).toEqual([]);
  });

  it("counts a tag name's characters (code points, as the OpenAPI maxLength does), not UTF-16 units", async () => {
    const emoji = "😀".repeat(21); // 42 UTF-16 units, 21 characters
    const tag = await createTag(a.ctx, { name: emoji });
    expect(tag.name).toBe(emoji);
    expect(await rejectionOf(createTag(a.ctx, { name: "😀".repeat(41) }))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/at most 40 characters \(this one has 41\)/) });
    await deleteTag(a.ctx, tag.id);
  });

  it("cannot touch another team's tags or connections", async () => {
    const theirs = await createTag(b.ctx, { name: "Theirs" });
    const mine = await createTag(a.ctx, { name: "Mine" });
    expect(await rejectionOf(updateTag(a.ctx, theirs.id, { name: "Hacked" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(deleteTag(a.ctx, theirs.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(mergeTags(a.ctx, { sourceId: theirs.id, targetId: mine.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(changeTags(a.ctx, { tagId: theirs.id, op: "add", target: { ids: [ids["ada-lovelace"]!] } }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await changeTags(a.ctx, { tagId: mine.id, op: "add", target: { ids: [bConnection] } })).toEqual({ changeId: null, count: 0 });
    expect(await withTeam(b.team.id, (tx) => tx.connectionTag.count())).toBe(0);
    await deleteTag(a.ctx, mine.id);
    await deleteTag(b.ctx, theirs.id);
  });
});

describe("bulk tagging and undo", () => {
  it("adds to everyone matching a filter and undo removes only what it added", async () => {
    const tag = await createTag(a.ctx, { name: "Bulk" });
    await changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: [ids["grace-hopper"]!] } });
    const all = await changeTags(member, { tagId: tag.id, op: "add", target: { filter: DEFAULT_FILTER } });
    expect(all.count).toBe(PEOPLE.length - 1);
    expect((await listTags(a.ctx)).find((t) => t.id === tag.id)?.count).toBe(PEOPLE.length);
    expect(await undoTagChange(member, all.changeId!)).toEqual({ count: PEOPLE.length - 1 });
    expect(await tagsOf(ids["grace-hopper"]!)).toEqual(["Bulk"]); // had it before the bulk add
    expect(await tagsOf(ids["ada-lovelace"]!)).toEqual([]);
    expect(await rejectionOf(undoTagChange(member, all.changeId!))).toMatchObject({ code: "CONFLICT" });

    const removed = await changeTags(a.ctx, { tagId: tag.id, op: "remove", target: { ids: [ids["grace-hopper"]!, ids["ada-lovelace"]!] } });
    expect(removed.count).toBe(1);
    expect(await rejectionOf(undoTagChange(b.ctx, removed.changeId!))).toMatchObject({ code: "NOT_FOUND" });
    const other = await joinTeam(a, "wsOther", "MEMBER");
    expect(await rejectionOf(undoTagChange(other.ctx, removed.changeId!))).toMatchObject({ code: "FORBIDDEN" });
    await undoTagChange(a.ctx, removed.changeId!);
    expect(await tagsOf(ids["grace-hopper"]!)).toEqual(["Bulk"]);
    await deleteTag(a.ctx, tag.id);
  });

  it("refuses malformed and oversized selections", async () => {
    const tag = await createTag(a.ctx, { name: "Sel" });
    expect(await rejectionOf(changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: [] } }))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: ["x' OR '1'='1"] } }))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: Array.from({ length: 5001 }, (_, i) => `id${i}`) } }))).toMatchObject({ code: "VALIDATION" });
    await deleteTag(a.ctx, tag.id);
  });
});

describe("review queue", () => {
  it("proposes once per kind, reopens settled items, skips people no longer connected, stays in the team", async () => {
    const addToReview = async (ctx: TTeamContext, input: Parameters<typeof proposeForReview>[1]) => ({ count: (await proposeForReview(ctx, input)).count });
    expect(await addToReview(member, { kind: "remove", target: { ids: [ids["ada-lovelace"]!, ids["grace-hopper"]!] }, reason: "Not our market" })).toEqual({ count: 2 });
    expect(await addToReview(member, { kind: "remove", target: { ids: [ids["ada-lovelace"]!] } })).toEqual({ count: 0 });
    expect(await addToReview(a.ctx, { kind: "FOLLOW_UP", target: { ids: [ids["ada-lovelace"]!] } })).toEqual({ count: 1 });
    await withTeam(a.team.id, (tx) => tx.reviewItem.updateMany({ where: { connectionId: ids["ada-lovelace"]!, kind: "REMOVE" }, data: { state: "DONE", decision: "KEEP" } }));
    expect(await addToReview(a.ctx, { kind: "remove", target: { ids: [ids["ada-lovelace"]!] } })).toEqual({ count: 1 });
    const item = await withTeam(a.team.id, (tx) => tx.reviewItem.findFirstOrThrow({ where: { connectionId: ids["ada-lovelace"]!, kind: "REMOVE" } }));
    expect(item).toMatchObject({ state: "OPEN", version: 2, decision: null, origin: "manual", rules: ["manual"] });
    await withTeam(a.team.id, (tx) => tx.connection.update({ where: { id: ids["linus-torvalds"]! }, data: { status: "GONE" } }));
    expect(await addToReview(a.ctx, { kind: "remove", target: { ids: [ids["linus-torvalds"]!, bConnection] } })).toEqual({ count: 0 });
    await withTeam(a.team.id, (tx) => tx.connection.update({ where: { id: ids["linus-torvalds"]! }, data: { status: "CONNECTED" } }));
    expect(await rejectionOf(addToReview(a.ctx, { kind: "DELETE_ALL", target: { ids: [ids["ada-lovelace"]!] } }))).toMatchObject({ code: "VALIDATION" });
    expect(await withTeam(b.team.id, (tx) => tx.reviewItem.count())).toBe(0);
  });
});

describe("notes", () => {
  it("authored, visible to the team, edited only by the author, deleted by the author or an admin", async () => {
    const c = ids["grace-hopper"]!;
    const n = await addNote(member, c, "  Met at the conference.\r\nFollow up in May. ");
    expect(n).toMatchObject({ body: "Met at the conference.\nFollow up in May.", canEdit: true, editedAt: null, authorName: "wsMember Person" });
    const seenByOwner = await listNotes(a.ctx, c);
    expect(seenByOwner.map((x) => [x.body, x.canEdit, x.canDelete])).toEqual([[n.body, false, true]]);
    expect(await rejectionOf(editNote(a.ctx, n.id, "overwrite"))).toMatchObject({ code: "FORBIDDEN" });
    const edited = await editNote(member, n.id, "Met at the conference. Follow up in June.");
    expect(edited.editedAt).not.toBeNull();
    expect(await rejectionOf(addNote(member, c, "   "))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(addNote(member, c, "x".repeat(10_001)))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(addNote(a.ctx, bConnection, "sneaky"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(listNotes(b.ctx, c))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(editNote(b.ctx, n.id, "x"))).toMatchObject({ code: "NOT_FOUND" });
    const other = await joinTeam(a, "wsOther2", "MEMBER");
    expect(await rejectionOf(deleteNote(other.ctx, n.id))).toMatchObject({ code: "FORBIDDEN" });
    await deleteNote(a.ctx, n.id);
    expect(await listNotes(a.ctx, c)).toEqual([]);
  });
});

describe("saved views", () => {
  it("stores the canonical filter, private or shared, and refuses a broken one", async () => {
    const mine = await saveView(member, { name: "Sales leaders", query: "?seniority=vp&status=CONNECTED", shared: false });
    expect(mine.query).toBe("seniority=vp");
    await saveView(a.ctx, { name: "Team view", query: "q=acme", shared: true });
    await saveView(a.ctx, { name: "Owner private", query: "q=x", shared: false });
    expect((await listViews(member)).map((v) => [v.name, v.mine])).toEqual([["Sales leaders", true], ["Team view", false]]);
    expect(await rejectionOf(saveView(member, { name: "Bad", query: "seniority=emperor", shared: false }))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(saveView(member, { name: "", query: "", shared: false }))).toMatchObject({ code: "VALIDATION" });
    const shared = (await listViews(member)).find((v) => v.name === "Team view")!;
    expect(await rejectionOf(deleteView(member, shared.id))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(deleteView(b.ctx, mine.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await listViews(b.ctx)).toEqual([]);
    await deleteView(member, mine.id);
    expect((await listViews(member)).map((v) => v.name)).toEqual(["Team view"]);
  });
});

describe("connection detail and CSV export", () => {
  it("shows profile, tags, history, notes and a guided link; another team's id is not found", async () => {
    const tag = await createTag(a.ctx, { name: "Detail" });
    await changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: [ids["ada-lovelace"]!] } });
    await addNote(a.ctx, ids["ada-lovelace"]!, "First note");
    const d = await getConnection(a.ctx, ids["ada-lovelace"]!);
    expect(d).toMatchObject({ name: "ada lovelace", company: "ACME Corporation", tags: [{ name: "Detail" }], linkedInUrl: "https://www.linkedin.com/in/ada-lovelace/" });
    expect(d.notes.map((n) => n.body)).toEqual(["First note"]);
    expect(d.events.map((e) => e.text)).toEqual(expect.arrayContaining(["First imported", expect.stringMatching(/^Added to the review queue for removal/)]));
    expect(await rejectionOf(getConnection(a.ctx, bConnection))).toMatchObject({ code: "NOT_FOUND" });
    await deleteTag(a.ctx, tag.id);
  });

  it("exports every matching row with tags joined, formulas neutralised and a BOM", async () => {
    const tag = await createTag(a.ctx, { name: "Export" });
    await changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: [ids["alan-turing"]!] } });
    let csv = "";
    for await (const chunk of connectionsCsv(a.ctx, DEFAULT_FILTER)) csv += chunk;
    expect(csv.startsWith("\uFEFFFirst name,Last name,Email,Position,Company")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(PEOPLE.length + 1);
    const alan = lines.find((l) => l.startsWith("alan,"))!;
    expect(alan).toContain("'+Cryptanalyst");
    expect(alan).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(alan).toContain(",Export,");
    expect(csv).not.toContain("eve");
    let selected = "";
    for await (const chunk of connectionsCsv(a.ctx, DEFAULT_FILTER, { ids: [ids["alan-turing"]!, bConnection] })) selected += chunk;
    expect(selected.trim().split("\r\n")).toHaveLength(2);
    await deleteTag(a.ctx, tag.id);
  });

  it("quotes line breaks and neutralises every line of a cell, parsed back by a real CSV parser", async () => {
    const id = ids["linus-torvalds"]!;
    await ownerQuery(`UPDATE "Connection" SET position = $2, company = $3 WHERE id = $1`, [id, MULTILINE_FORMULA, CR_FORMULA]);
    try {
      let csv = "";
      for await (const chunk of connectionsCsv(a.ctx, DEFAULT_FILTER)) csv += chunk;
      expect(formulaStarts(csv)).toEqual([]);
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(PEOPLE.length);
      const linus = rows.find((r) => r["Connection id"] === id)!;
      expect(linus).toMatchObject({ Position: MULTILINE_FORMULA.replace("\n=", "\n'="), Company: CR_FORMULA.replace("\r@", "\r'@") });
    } finally {
      await ownerQuery(`UPDATE "Connection" SET position = 'Fellow', company = 'Linux Foundation' WHERE id = $1`, [id]);
    }
  });
});
