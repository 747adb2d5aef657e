// Connections workspace figures on the 40 × 30,000 dataset, for one team in the middle: first page
// with a filter and sort, free-text search, "count matching", and a bulk tag of every connection.
import { changeTags, countConnections, createTag, deleteTag, listConnections, parseFilter, undoTagChange, type TConnectionFilter } from "@crm/core";
import { BENCH_ROWS, ensureWorkspaceDataset } from "./workspace-seed";
import { ms, stats, time } from "./util";
import { benchWorkspaceHttp } from "./workspace-http";

const RUNS = 60;

function filterOf(query: string): TConnectionFilter {
  const { filter, errors } = parseFilter(query);
  if (errors.length) throw new Error(`bench filter ${query}: ${JSON.stringify(errors)}`);
  return filter;
}

export async function benchWorkspace() {
  const teams = await ensureWorkspaceDataset();
  // BENCH_WS_HTTP=only: just the HTTP figures.
  if (process.env.BENCH_WS_HTTP === "only") return benchWorkspaceHttp(teams);
  const t = teams[Math.floor(teams.length / 2)]!;
  const ctx = t.ctx;
  const [tag1, tag2] = t.tagIds;
  const pages: Array<[string, string]> = [
    ["seniority + tag, newest first", `seniority=vp,director,c_level&tag=${tag1},${tag2}&sort=connectedOn&dir=desc`],
    ["function, by name", "function=sales,marketing&sort=name&dir=asc"],
    ["company contains, by company", "company=acme&sort=company&dir=asc"],
    ["no message in 12 months, by last interaction", "inactiveMonths=12&sort=lastInteraction&dir=desc"],
    ["strong fit, best score first", `icp=${t.icpId}&fit=strong&sort=score&dir=desc`],
    ["untagged, connected 2018–2022", "tagMode=none&tag=" + t.tagIds.join(",") + "&connectedFrom=2018-01-01&connectedTo=2022-12-31"],
  ];
  const searches = ["acme corp", "müller", "vp sales", "anna schmidt", "corpration", "o'brien"];

  console.log(`workspace: team ${ctx.teamName}, ${BENCH_ROWS.toLocaleString("en")} connections (service layer, warm)`);
  for (const [label, q] of pages) {
    const f = filterOf(q);
    await time(5, () => listConnections(ctx, f));
    const first = await listConnections(ctx, f);
    const next = first.nextCursor ? await time(RUNS / 2, () => listConnections(ctx, f, { cursor: first.nextCursor! })) : [];
    console.log(`  first page (50) · ${label.padEnd(44)} ${stats(await time(RUNS, () => listConnections(ctx, f)))}${next.length ? `; page 2 ${stats(next)}` : ""}`);
  }
  for (const q of searches) {
    const f = filterOf(`q=${encodeURIComponent(q)}`);
    await time(3, () => listConnections(ctx, f));
    const n = await countConnections(ctx, f);
    console.log(`  search "${q}"`.padEnd(40) + `${stats(await time(RUNS, () => listConnections(ctx, f)))} · ${n} matches`);
  }
  for (const [label, q] of [...pages.slice(0, 3), ["search acme corp", "q=acme%20corp"], ["everyone connected", ""]] as Array<[string, string]>) {
    const f = filterOf(q);
    await time(3, () => countConnections(ctx, f));
    console.log(`  count matching · ${label.padEnd(40)} ${stats(await time(RUNS, () => countConnections(ctx, f)))}`);
  }

  const tag = await createTag(ctx, { name: `Bench bulk ${Date.now()}` });
  const everyone = filterOf("status=all");
  let start = performance.now();
  const added = await changeTags(ctx, { tagId: tag.id, op: "add", target: { filter: everyone } });
  console.log(`  bulk tag of ${added.count.toLocaleString("en")} matching connections:          ${ms(performance.now() - start)}`);
  start = performance.now();
  const undone = await undoTagChange(ctx, added.changeId!);
  console.log(`  undo of that bulk tag (${undone.count.toLocaleString("en")} rows):                 ${ms(performance.now() - start)}`);
  start = performance.now();
  const removed = await changeTags(ctx, { tagId: t.tagIds[0]!, op: "remove", target: { filter: everyone } });
  const back = await undoTagChange(ctx, removed.changeId!);
  console.log(`  bulk untag of ${removed.count.toLocaleString("en")} + undo:                        ${ms(performance.now() - start)} (${back.count} restored)`);
  await deleteTag(ctx, tag.id);

  // What a user gets: through HTTP against the production build (BENCH_WS_HTTP=0 skips it).
  if (process.env.BENCH_WS_HTTP !== "0") await benchWorkspaceHttp(teams);
}
