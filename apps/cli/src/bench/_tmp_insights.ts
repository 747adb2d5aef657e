// Network insights figures: the insights page's queries over a 30,000-connection network with
// classified titles, one scored ICP and messages for about 40% of the people.
import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { withTeamSql } from "@crm/db";
import { createLinkedInAccount } from "../../../../packages/core/src/accounts/accounts";
import { getNetworkInsights } from "../../../../packages/core/src/insights/network-insights";
import { processImport } from "../../../../packages/core/src/imports/process-import";
import { receiveUpload } from "../../../../packages/core/src/imports/upload";
import { refreshScores } from "../../../../packages/core/src/icps/refresh";
import { rescoreIcp } from "../../../../packages/core/src/icps/rescore";
import { saveIcp } from "../../../../packages/core/src/icps/icps";
import { signUp } from "../../../../packages/core/src/users/sign-up";
import type { TTeamContext } from "../../../../packages/core/src/teams/membership";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { emptyIcpDefinition } from "@crm/scoring";
import { stats, time } from "./util";

const ROWS = 30_000;

export async function benchInsights() {
  const { team, userId } = await signUp({ name: "Insights Bench", email: `insights-bench-${randomUUID()}@example.test`, password: "benchmark passphrase 2026", teamName: "Insights Bench" });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Bench", ownerUserId: userId, timeZone: "UTC" });
  const csv = Buffer.from(generateConnectionsCsv({ rows: ROWS }));
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "c.csv", body: Readable.from([csv]) }, { queue: false });
  await processImport(team.id, importId, { refreshScores: false });
  await refreshScores(team.id);
  await withTeamSql(team.id, (c) =>
    c.query(`UPDATE "Connection" SET "lastInteractionAt" = now() - random() * interval '1500 days', "messageCount" = 1 WHERE "teamId" = $1 AND random() < 0.4`, [team.id]),
  );
  const { id, version } = await saveIcp(ctx, { name: "Bench ICP", definition: { ...emptyIcpDefinition(), seniorities: { values: ["vp", "director"], weight: "important" } } });
  await rescoreIcp(team.id, id, { version });

  const all = await time(21, () => getNetworkInsights(ctx, {}));
  console.log(`insights over ${ROWS} connections, every account:   ${stats(all.slice(1))} (first ${all[0]!.toFixed(0)} ms)`);
  const one = await time(20, () => getNetworkInsights(ctx, { accountIds: [accountId], icpId: id }));
  console.log(`insights over ${ROWS} connections, one account:     ${stats(one)}`);
}
