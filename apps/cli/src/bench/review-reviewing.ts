// The review queue as a team uses it: 50 reviewers each claim a card, read it 1–3 s, vote on it
// through the card's own server action (as the browser sends it), and claim the next; the account
// owner does the same with decisions. The claim, vote and decision latencies a person gets while
// the whole team reviews at once. (The closed-loop runs in review-http.ts measure throughput.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { latency, type TLatency } from "./http-load";
import type { TSession } from "./http-session";

const THINK_MS = [1000, 3000] as const;
const SECONDS = Number(process.env.BENCH_REVIEWING_SECONDS ?? 30);

type TActionIds = { vote: string; decide: string };

/** The server actions' ids in the build being served (they change with every build). */
export function reviewActionIds(webDir: string): TActionIds {
  const m = JSON.parse(readFileSync(join(webDir, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const find = (name: string) => {
    const hit = Object.entries(m.node).find(([, v]) => v.exportedName === name && v.filename?.endsWith("features/review/actions.ts"));
    if (!hit) throw new Error(`server action ${name} is not in the build's server-reference-manifest.json`);
    return hit[0];
  };
  return { vote: find("voteAction"), decide: find("decideAction") };
}

/**
 * A server action call as React's encodeReply sends `action(null, formData)`: the arguments as
 * JSON in part "0", the FormData's fields under the "_1_" prefix. The answer is an RSC payload.
 */
export function actionInit(baseUrl: string, s: TSession, actionId: string, fields: Record<string, string>): RequestInit {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify([null, "$K1"]));
  return { method: "POST", headers: { cookie: s.cookie, origin: baseUrl, accept: "text/x-component", "next-action": actionId }, body };
}

async function callAction(baseUrl: string, s: TSession, path: string, actionId: string, fields: Record<string, string>): Promise<{ status: number; ok: boolean; text: string }> {
  const res = await fetch(`${baseUrl}${path}`, actionInit(baseUrl, s, actionId, fields));
  const text = await res.text();
  return { status: res.status, ok: res.ok && /"ok":true/.test(text), text };
}

export type TReviewingFigures = {
  claim: TLatency;
  vote: TLatency;
  decision: TLatency;
  cards: number;
  failures: string[];
  durationS: number;
};

export async function reviewingLoad(baseUrl: string, slug: string, accountId: string, owner: TSession, reviewers: TSession[], ids: TActionIds, seconds = SECONDS): Promise<TReviewingFigures> {
  const claims: number[] = [];
  const votes: number[] = [];
  const decisions: number[] = [];
  const failures: string[] = [];
  let cards = 0;
  const people = [owner, ...reviewers];
  const started = performance.now();
  const until = started + seconds * 1000;
  const think = () => new Promise((r) => setTimeout(r, THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0])));
  await Promise.all(
    people.map(async (s, i) => {
      const deciding = i === 0;
      const seen: string[] = [];
      // People start spread over the first think time, as they do.
      await new Promise((r) => setTimeout(r, (i / people.length) * THINK_MS[1]));
      while (performance.now() < until) {
        let t = performance.now();
        const res = await fetch(`${baseUrl}/api/t/${slug}/review/claim`, {
          method: "POST",
          headers: { cookie: s.cookie, origin: baseUrl, "content-type": "application/json" },
          body: JSON.stringify({ accountId, skipIds: seen.slice(-200) }),
        });
        const claimed = res.ok ? ((await res.json()) as { card: { id: string; version: number } | null }).card : null;
        if (res.ok) claims.push(performance.now() - t);
        else if (failures.length < 5) failures.push(`claim ${res.status} ${(await res.text()).slice(0, 200)}`);
        await think();
        if (!claimed) continue;
        cards++;
        seen.push(claimed.id);
        t = performance.now();
        const fields = { teamSlug: slug, itemId: claimed.id, choice: i % 3 === 0 ? "keep" : "remove", version: String(claimed.version) };
        const r = await callAction(baseUrl, s, `/t/${slug}/queue/review`, deciding ? ids.decide : ids.vote, fields);
        if (r.ok) (deciding ? decisions : votes).push(performance.now() - t);
        else if (failures.length < 5) failures.push(`${deciding ? "decide" : "vote"} ${r.status} ${r.text.slice(0, 200)}`);
      }
    }),
  );
  return { claim: latency(claims), vote: latency(votes), decision: latency(decisions), cards, failures, durationS: (performance.now() - started) / 1000 };
}
