// Load over HTTP with autocannon: N keep-alive connections, each one person (its own cookie or
// key), each sending its next request as soon as the previous answer is in. autocannon reports
// p97.5 but not p95, so every request's latency is also timed here, from the moment its bytes are
// built to the moment its whole answer is parsed.
import autocannon from "autocannon";

export type TLoadRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

export type TLatency = { n: number; p50: number; p95: number; p99: number; max: number };

export type TLoadResult = TLatency & { rps: number; durationS: number; statuses: Record<string, number>; errors: number; timeouts: number };

export function latency(xs: number[]): TLatency {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1) ?? NaN };
}

export async function runLoad(opts: {
  url: string;
  connections: number;
  /** Seconds; or `amount` requests in all. */
  durationS?: number;
  amount?: number;
  /** Requests per second per connection (open loop); unset: each sends again as soon as answered. */
  connectionRate?: number;
  /** The next request of client `i` (0 ≤ i < connections). */
  next: (client: number) => TLoadRequest;
  onResponse?: (client: number, status: number, body: string, ms: number) => void;
}): Promise<TLoadResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let clients = 0;
  const started = performance.now();
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    ...(opts.durationS ? { duration: opts.durationS } : { amount: opts.amount }),
    ...(opts.connectionRate ? { connectionRate: opts.connectionRate } : {}),
    timeout: 30,
    setupClient: (client) => {
      const i = clients++;
      let t0 = 0;
      let first = true;
      client.setRequests([
        {
          setupRequest: (req) => {
            t0 = performance.now();
            const r = opts.next(i);
            return { ...req, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body ? { "content-type": "application/json" } : {}) }, body: r.body ?? "" };
          },
          onResponse: (status, body) => {
            const ms = performance.now() - t0;
            statuses[status] = (statuses[status] ?? 0) + 1;
            // A connection's first answer also paid for its TCP connect.
            if (!first && status < 400) samples.push(ms);
            first = false;
            opts.onResponse?.(i, status, body, ms);
          },
        },
      ]);
    },
  });
  const durationS = (performance.now() - started) / 1000;
  return { ...latency(samples), rps: result.requests.average || samples.length / durationS, durationS, statuses, errors: result.errors, timeouts: result.timeouts };
}

/** One request at a time (first render of a page as one person sees it). */
export async function timeSequential(n: number, fn: () => Promise<unknown>): Promise<TLatency> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return latency(xs);
}

/**
 * Open loop at `rate` requests a second per client, each client's ticks offset by its share of
 * the interval, as independent people's are. (autocannon's connectionRate starts every
 * connection's clock at the same instant: 50 clients at 1/s were a burst of 50 in the same
 * millisecond every second, measuring a queue of 50 rather than a rate.) A client whose answer
 * has not come by its next tick sends at once when it comes. Fetch with keep-alive; each client's
 * first answer, which also paid for its TCP connect, is not counted.
 */
export async function runPacedLoad(opts: {
  url: string;
  connections: number;
  durationS: number;
  rate: number;
  next: (client: number) => TLoadRequest;
  onResponse?: (client: number, status: number, body: string, ms: number) => void;
}): Promise<TLoadResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const interval = 1000 / opts.rate;
  const started = performance.now();
  const until = started + opts.durationS * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, i) => {
      let tick = started + (i / opts.connections) * interval;
      for (let k = 0; ; k++, tick += interval) {
        const wait = tick - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= until) return;
        const r = opts.next(i);
        const t0 = performance.now();
        try {
          const res = await fetch(`${opts.url}${r.path}`, { method: r.method, headers: { ...r.headers, ...(r.body ? { "content-type": "application/json" } : {}) }, body: r.body });
          const body = await res.text();
          const ms = performance.now() - t0;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (k > 0 && res.status < 400) samples.push(ms);
          opts.onResponse?.(i, res.status, body, ms);
        } catch {
          errors++;
        }
      }
    }),
  );
  const durationS = (performance.now() - started) / 1000;
  return { ...latency(samples), rps: samples.length / durationS, durationS, statuses, errors, timeouts: 0 };
}
