// `npm run bench`: foundation figures (a benchmark, not a test). Later issues add their targets.
import { randomUUID } from "node:crypto";
import { disconnectDb, withTeam } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { authenticate, checkHealth, signUp } from "@crm/core";

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${xs.length})`;
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const email = `bench-${randomUUID()}@example.test`;
const password = "benchmark passphrase 2026";
const { team } = await signUp({ name: "Bench", email, password, teamName: "Bench" });
console.log(`sign-in (argon2id verify + session checks): ${stats(await time(20, () => authenticate({ email, password, ip: randomUUID() })))}`);
console.log(`withTeam round trip (set team + 1 query):   ${stats(await time(200, () => withTeam(team.id, (tx) => tx.membership.count())))}`);
console.log(`health check (db + redis):                   ${stats(await time(50, () => checkHealth()))}`);
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
