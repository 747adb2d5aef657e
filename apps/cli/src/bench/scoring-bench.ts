// Scoring figures: title classification, the pure scorer over 30,000 connections, a rescore job
// end to end (in-process, as the worker runs it), and the live preview's latency.
import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { withTeamSql } from "@crm/db";
import { createLinkedInAccount, previewIcpForTeam, processImport, receiveUpload, refreshScores, rescoreIcp, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { classifyTitle, compileIcp, emptyIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { loadScoringConnectionsForBench } from "@crm/core/testing/scoring";
import { ms, stats } from "./util";

const ROWS = 30_000;

export async function benchScoring() {
  const { team, userId } = await signUp({ name: "Score Bench", email: `score-bench-${randomUUID()}@example.test`, password: "benchmark passphrase 2026", teamName: "Score Bench" });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Bench", ownerUserId: userId, timeZone: "UTC" });
  const csv = Buffer.from(generateConnectionsCsv({ rows: ROWS }));
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "c.csv", body: Readable.from([csv]) }, { queue: false });
  await processImport(team.id, importId, { refreshScores: false });

  let t = performance.now();
  const { classified } = await refreshScores(team.id);
  console.log(`classify ${classified} titles and store them (set-based):         ${ms(performance.now() - t)}`);
  const titles = (await withTeamSql(team.id, (c) => loadScoringConnectionsForBench(c, team.id))).map((c) => c.position);
  t = performance.now();
  for (const title of titles) classifyTitle(title);
  console.log(`title classifier alone over ${titles.length} titles:                 ${ms(performance.now() - t)}`);

  const def: TIcpDefinition = {
    ...emptyIcpDefinition(),
    titleKeywords: { values: ["VP Sales", "Head of Marketing", "Directeur commercial"], weight: "important" },
    seniorities: { values: ["vp", "director", "head", "c_level"], weight: "important" },
    functions: { values: ["sales", "marketing"], weight: "nice" },
    excludedCompanies: ["Globex"],
    interaction: { withinMonths: 12, weight: "nice" },
  };
  const connections = await withTeamSql(team.id, (c) => loadScoringConnectionsForBench(c, team.id));
  const now = new Date();
  const pure: number[] = [];
  for (let i = 0; i < 5; i++) {
    const score = compileIcp(def);
    t = performance.now();
    for (const c of connections) score(c, now);
    pure.push(performance.now() - t);
  }
  console.log(`pure scoring of ${connections.length} connections:                    ${stats(pure)}`);

  const { id, version } = await saveIcp(ctx, { name: "Bench ICP", definition: def });
  t = performance.now();
  const r = await rescoreIcp(team.id, id, { version });
  console.log(`rescore job, picked up → ${r.scored} scores committed:           ${ms(performance.now() - t)}`);

  const previews: number[] = [];
  for (let i = 0; i < 41; i++) {
    const d = { ...def, titleKeywords: { values: [`VP Sales ${i % 3 ? "" : "EMEA"}`.trim(), "Founder"], weight: "important" as const } };
    t = performance.now();
    await previewIcpForTeam(ctx, d);
    previews.push(performance.now() - t);
  }
  console.log(`live preview over ${ROWS}, network cached (as after the form warms it): ${stats(previews.slice(1))}`);
  console.log(`live preview, first call (loads the network):                  ${ms(previews[0]!)}`);
}
