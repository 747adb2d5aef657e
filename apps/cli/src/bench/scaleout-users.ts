// The people of the scale-out bench during its window, each a plain fetch loop at a human pace
// (autocannon's closed loops would measure saturation, not this mix): uploaders sending their
// export at once, reviewers claiming, reading 1–3 s and voting through the card's server action,
// owners confirming "removed" every few seconds. Requests alternate between the web replicas.
import { latency, type TLatency } from "./http-load";
import type { TSession } from "./http-session";
import { actionInit } from "./review-reviewing";

export type TRouteStats = {
  n: number;
  statuses: Record<string, number>;
  ms: number[];
  failures: string[];
};
export type TRecorder = {
  routes: Map<string, TRouteStats>;
  networkErrors: number;
  record: (route: string, status: number, ms: number, failure?: string) => void;
};

export function recorder(): TRecorder {
  const rec: TRecorder = {
    routes: new Map(),
    networkErrors: 0,
    record: (route, status, ms, failure) => {
      const s = rec.routes.get(route) ?? {
        n: 0,
        statuses: {},
        ms: [],
        failures: [],
      };
      rec.routes.set(route, s);
      s.n++;
      s.statuses[status] = (s.statuses[status] ?? 0) + 1;
      if (status === 0) rec.networkErrors++;
      if (status > 0 && status < 400) s.ms.push(ms);
      if (failure && s.failures.length < 5) s.failures.push(failure);
    },
  };
  return rec;
}

export function routeSummary(
  s: TRouteStats,
  seconds: number,
): TLatency & {
  rps: number;
  statuses: Record<string, number>;
  failures: string[];
} {
  return {
    ...latency(s.ms),
    rps: s.n / seconds,
    statuses: s.statuses,
    failures: s.failures,
  };
}

let turn = 0;
/** Every request of every person goes to the next replica in turn, as a round-robin balancer sends them. */
const nextBase = (bases: string[]) => bases[turn++ % bases.length]!;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = (lo: number, hi: number) => sleep(lo + Math.random() * (hi - lo));

/** fetch, timed and recorded; status 0 is a network error. */
async function timed(rec: TRecorder, route: string, url: string, init: RequestInit, want: (status: number, text: string) => boolean): Promise<{ status: number; text: string }> {
  const t = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    const ok = want(res.status, text);
    rec.record(route, ok || res.status === 429 ? res.status : res.status < 400 ? 599 : res.status, performance.now() - t, ok || res.status === 429 ? undefined : `${res.status} ${text.slice(0, 200)}`);
    return { status: ok || res.status >= 400 ? res.status : 599, text };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    rec.record(route, 0, performance.now() - t, `${String(e)} (${cause?.code ?? ""} ${cause?.message ?? ""}) to ${new URL(url).host} at ${new Date().toISOString().slice(11, 23)}`.slice(0, 300));
    return { status: 0, text: "" };
  }
}

export type TUploadRun = {
  teamId: string;
  importId: string | null;
  startedAt: number;
  status: number;
};

/** One uploader: the export's bytes to the upload route, as the import page sends them. */
export async function upload(rec: TRecorder, base: string, s: TSession, slug: string, accountId: string, csv: Buffer, teamId: string): Promise<TUploadRun> {
  const startedAt = Date.now();
  const r = await timed(
    rec,
    "POST /api/uploads/<slug>/<accountId>",
    `${base}/api/uploads/${slug}/${accountId}`,
    {
      method: "POST",
      headers: {
        cookie: s.cookie,
        origin: base,
        "content-type": "application/octet-stream",
        "x-file-name": "Connections.csv",
      },
      body: csv,
    },
    (st) => st === 202,
  );
  const importId = r.status === 202 ? (JSON.parse(r.text) as { importId: string }).importId : null;
  return { teamId, importId, startedAt, status: r.status };
}

export type TVote = { itemId: string; email: string };

/** One reviewer until `until`: claim → read 1–3 s → vote → next. Returns the votes answered ok. */
export async function reviewer(rec: TRecorder, bases: string[], s: TSession, slug: string, accountId: string, voteActionId: string, until: number): Promise<TVote[]> {
  const seen: string[] = [];
  const votes: TVote[] = [];
  await sleep(Math.random() * 3000);
  while (Date.now() < until) {
    const base = nextBase(bases);
    const c = await timed(
      rec,
      "POST /api/t/<slug>/review/claim",
      `${base}/api/t/${slug}/review/claim`,
      {
        method: "POST",
        headers: {
          cookie: s.cookie,
          origin: base,
          "content-type": "application/json",
        },
        body: JSON.stringify({ accountId, skipIds: seen.slice(-200) }),
      },
      (st) => st === 200,
    );
    const card =
      c.status === 200
        ? (
            JSON.parse(c.text) as {
              card: { id: string; version: number } | null;
            }
          ).card
        : null;
    await think(1000, 3000);
    if (!card) continue;
    seen.push(card.id);
    if (Date.now() >= until) break;
    const vb = nextBase(bases);
    const fields = {
      teamSlug: slug,
      itemId: card.id,
      choice: votes.length % 3 === 0 ? "keep" : "remove",
      version: String(card.version),
    };
    const v = await timed(
      rec,
      "vote (server action on /t/<slug>/queue/review)",
      `${vb}/t/${slug}/queue/review`,
      actionInit(vb, s, voteActionId, fields),
      (st, text) => st === 200 && /"ok":true/.test(text),
    );
    if (v.status === 200) votes.push({ itemId: card.id, email: s.email });
  }
  return votes;
}

export type TOwnerRun = {
  accountId: string;
  removed: number;
  refused: Record<string, number>;
  other: number;
};

/** One account owner until `until`: "removed" on the next approved removal every 2–5 s; a 429 keeps the item for later. */
export async function owner(rec: TRecorder, bases: string[], key: string, accountId: string, items: string[], until: number): Promise<TOwnerRun> {
  const run: TOwnerRun = { accountId, removed: 0, refused: {}, other: 0 };
  let next = 0;
  await sleep(Math.random() * 3000);
  while (Date.now() < until && next < items.length) {
    const base = nextBase(bases);
    const r = await timed(
      rec,
      "POST /api/v1/review-items/<id>/outcome",
      `${base}/api/v1/review-items/${items[next]}/outcome`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ outcome: "removed" }),
      },
      (st) => st === 200,
    );
    if (r.status === 200) {
      run.removed++;
      next++;
    } else if (r.status === 429) {
      let code = "?";
      try {
        code = (JSON.parse(r.text) as { error?: { code?: string } }).error?.code ?? "?";
      } catch {
        /* not JSON: counted as "?" */
      }
      run.refused[code] = (run.refused[code] ?? 0) + 1;
    } else {
      run.other++;
      next++;
    }
    await think(2000, 5000);
  }
  return run;
}
