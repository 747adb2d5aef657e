// Team data figures: a team data export of a 30,000-connection network (with one ICP's scores, so
// icp-scores.csv has 30,000 rows too), as the worker runs it, and deleting that team.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { createLinkedInAccount, deleteTeam, processImport, processTeamExport, receiveUpload, requestTeamExport, rescoreIcp, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition } from "@crm/scoring";
import { ms } from "./util";

const ROWS = 30_000;

export async function benchExport() {
  const { team, userId } = await signUp({ name: "Export Bench", email: `export-bench-${randomUUID()}@example.test`, password: "benchmark passphrase 2026", teamName: `Export Bench ${randomUUID().slice(0, 6)}` });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Bench", ownerUserId: userId, timeZone: "UTC" });
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "c.csv", body: Readable.from([Buffer.from(generateConnectionsCsv({ rows: ROWS }))]) }, { queue: false });
  await processImport(team.id, importId, { refreshScores: false });
  const { id: icpId, version } = await saveIcp(ctx, { name: "Bench ICP", definition: { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales", "Founder"], weight: "important" } } });
  await rescoreIcp(team.id, icpId, { version });

  const { exportId } = await requestTeamExport(ctx);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  let t = performance.now();
  const r = await processTeamExport(team.id, exportId);
  const took = performance.now() - t;
  clearInterval(sampler);
  const chunks = await withTeam(team.id, (tx) => tx.teamExportChunk.count({ where: { exportId } }));
  console.log(`team export of ${ROWS} connections + ${ROWS} scores (job, in-process): ${ms(took)}`);
  console.log(`  zip: ${((r.byteSize ?? 0) / 1024 / 1024).toFixed(2)} MiB in ${chunks} chunks; RSS peak +${((peak - before) / 1024 / 1024).toFixed(0)} MB over the start`);

  t = performance.now();
  await deleteTeam(ctx, { confirmName: team.name });
  console.log(`delete that team (every row, one transaction, plus its queued jobs):  ${ms(performance.now() - t)}`);
}
