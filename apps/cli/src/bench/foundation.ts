// Foundation figures: sign-in, the tenant round trip, health.
import { randomUUID } from "node:crypto";
import { withTeam } from "@crm/db";
import { authenticate, checkHealth, signUp } from "@crm/core";
import { stats, time } from "./util";

export async function benchFoundation() {
  const email = `bench-${randomUUID()}@example.test`;
  const password = "benchmark passphrase 2026";
  const { team } = await signUp({ name: "Bench", email, password, teamName: "Bench" });
  console.log(`sign-in (argon2id verify + session checks): ${stats(await time(20, () => authenticate({ email, password, ip: randomUUID() })))}`);
  console.log(`withTeam round trip (set team + 1 query):   ${stats(await time(200, () => withTeam(team.id, (tx) => tx.membership.count())))}`);
  console.log(`health check (db + redis):                   ${stats(await time(50, () => checkHealth()))}`);
}
