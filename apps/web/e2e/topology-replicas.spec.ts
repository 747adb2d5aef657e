import { Agent } from "node:http";
import { Queue } from "bullmq";
import { Cluster } from "ioredis";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { missingTopologyBinaries } from "../../../scripts/topology/index.mjs";
import { addLinkedInAccount, signUp, uniqueEmail } from "./helpers";
import { getJson, getVia, uploadSlowly, waitForImport } from "./topology-http";
import { PORTS, QUEUE_PREFIX, startStack, stopUnfinishedStack, type TStack } from "./topology-stack";

// Issue 14: two web replicas (production build, one AUTH_SECRET) and two workers behind one
// PgBouncer (transaction mode) and one Redis Cluster. Requests alternate between the replicas as a
// load balancer would send them; a replica stopped with SIGTERM finishes what it has in flight.
// The whole topology is started here (topology-stack.ts), on ports of its own.

const missing = missingTopologyBinaries();
const PEOPLE = 400;
const CSV = Buffer.from(generateConnectionsCsv({ rows: PEOPLE, seed: 14 }));

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.describe(`two web replicas and two workers${missing ? ` (skipped: ${missing})` : ""}`, () => {
  test.skip(!!missing, `the topology needs redis-server and pgbouncer: ${missing}`);
  test.use({ baseURL: `http://localhost:${PORTS.web[0]}` });

  let stack: TStack;
  let context: BrowserContext;
  let page: Page;
  let slug: string;
  let accountId: string;
  let cookie: string;

  test.beforeAll(async ({ browser }) => {
    // Eight processes start here; on a busy two-core machine that can take over a minute.
    test.setTimeout(180_000);
    const t = Date.now();
    stack = await startStack();
    console.log(`topology up in ${Date.now() - t} ms`);
    context = await browser.newContext();
    page = await context.newPage();
  });

  test.afterAll(async () => {
    await context?.close();
    await (stack ? stack.stop() : stopUnfinishedStack());
  });

  /** Which workers logged the completion of `jobId` (each line names the job id). */
  const completedBy = (jobId: string) => stack.workers.filter((w) => w.output.join("").includes(` ${jobId} completed`)).map((w) => w.name);
  const countCompletions = (jobId: string) => stack.workers.reduce((n, w) => n + w.output.join("").split(` ${jobId} completed`).length - 1, 0);

  test("a session made on replica A is signed in on replica B (team page and API)", async ({ playwright }) => {
    slug = await signUp(page, { name: "Toni Topology", email: uniqueEmail("toni") });
    expect(page.url()).toBe(`${stack.web.A}/t/${slug}`);
    // Cookies are per host, not per port: the same cookie jar goes to B, as through a balancer.
    await page.goto(`${stack.web.B}/t/${slug}`);
    await expect(page).toHaveURL(`${stack.web.B}/t/${slug}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    const onB = await context.request.get(`${stack.web.B}/api/t/${slug}/connections`);
    expect(onB.status()).toBe(200);
    expect(await onB.json()).toMatchObject({ rows: [] });
    // The same request without the cookie is refused: the 200 above was the session's doing.
    const anon = await playwright.request.newContext();
    expect((await anon.get(`${stack.web.B}/api/t/${slug}/connections`)).status()).toBe(401);
    await anon.dispose();
    cookie = (await context.cookies(stack.web.A)).map((c) => `${c.name}=${c.value}`).join("; ");
  });

  test("an upload through A is imported by one worker, read back through B; the same file through B changes nothing", async () => {
    accountId = await addLinkedInAccount(page, slug, "Toni’s LinkedIn");
    const { A, B } = stack.web;

    const first = await uploadSlowly(A, { cookie, slug, accountId, bytes: CSV });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const done = await waitForImport([B, A], first.body.statusUrl!, cookie);
    expect(done).toMatchObject({ status: "COMPLETED", new: PEOPLE, unchanged: 0, error: null });
    const jobId = `import.process__${first.body.importId}`;
    await expect.poll(() => completedBy(jobId)).toHaveLength(1);

    const again = await uploadSlowly(B, { cookie, slug, accountId, bytes: CSV });
    expect(again.status).toBe(202);
    expect(await waitForImport([A, B], again.body.statusUrl!, cookie)).toMatchObject({ status: "COMPLETED", new: 0, unchanged: PEOPLE });
    await expect.poll(() => completedBy(`import.process__${again.body.importId}`)).toHaveLength(1);
    test.info().annotations.push({ type: "imported by", description: `${completedBy(jobId)[0]}, then ${completedBy(`import.process__${again.body.importId}`)[0]}` });

    // The connections table, page by page, alternating replicas: each person once.
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i === 0 || cursor; i++) {
      const base = i % 2 ? B : A;
      const q: string = `limit=150${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const r = await getJson<{ rows: Array<{ id: string }>; nextCursor: string | null }>(`${base}/api/t/${slug}/connections?${q}`, cookie);
      expect(r.status).toBe(200);
      ids.push(...r.body.rows.map((row) => row.id));
      cursor = r.body.nextCursor;
    }
    expect(ids).toHaveLength(PEOPLE);
    expect(new Set(ids).size).toBe(PEOPLE);
    const db = await stack.owner.query<{ n: string; urls: string }>(
      `SELECT count(*) AS n, count(DISTINCT "profileUrl") AS urls FROM "Connection" WHERE "accountId" = $1`,
      [accountId],
    );
    expect(db.rows[0]).toEqual({ n: String(PEOPLE), urls: String(PEOPLE) });
  });

  test("job schedulers: one entry each, and a tick makes one job, run by one worker", async () => {
    const connection = new Cluster(stack.redisNodes.split(",").map((hp) => ({ host: hp.split(":")[0]!, port: Number(hp.split(":")[1]) })));
    const maintenance = new Queue("maintenance", { connection, prefix: QUEUE_PREFIX });
    try {
      // Both workers upserted the same schedulers at start (schedules.ts).
      for (const w of stack.workers) expect(w.output.join("")).toContain("worker ready");
      const schedulers = await maintenance.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(["email.sweep", "mail.sweep", "removal.sweep", "session.prune"]);
      const nextOf = async () => (await maintenance.getDelayed()).filter((j) => j.repeatJobKey === "email.sweep");
      // One next iteration per scheduler, not one per worker (polled: a tick due right now is
      // briefly in "wait" before a worker takes it and adds the next one).
      await expect.poll(async () => (await maintenance.getDelayed()).map((j) => j.name).sort()).toEqual(["email.sweep", "mail.sweep", "removal.sweep", "session.prune"]);
      const pending = await nextOf();
      expect(pending).toHaveLength(1);

      // Every email.sweep run so far is a distinct tick a full interval from the others: a
      // second worker's start added no extra run.
      const runs = (await maintenance.getJobs(["completed", "active", "wait"])).filter((j) => j.repeatJobKey === "email.sweep");
      const millis = runs.map((j) => Number(j.id!.split(":").pop())).sort((x, y) => x - y);
      expect(millis.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < millis.length; i++) expect(millis[i]! - millis[i - 1]!).toBeGreaterThanOrEqual(60_000);
      for (const j of runs) expect(countCompletions(j.id!), j.id!).toBeLessThanOrEqual(1);

      // A tick, without waiting up to a minute for it: the next iteration made due now.
      const tick = pending[0]!;
      // Refused only when the tick came due by itself meanwhile: the same run, then.
      await tick.promote().catch(() => undefined);
      await expect.poll(async () => (await maintenance.getJobState(tick.id!)) as string, { timeout: 15_000 }).toBe("completed");
      await expect.poll(() => countCompletions(tick.id!)).toBe(1);
      await new Promise((r) => setTimeout(r, 500)); // room for a second run, were there one
      expect(countCompletions(tick.id!)).toBe(1);
      const after = await nextOf();
      expect(after.map((j) => j.id)).toEqual([`repeat:email.sweep:${Number(tick.id!.split(":").pop()) + 60_000}`]);
      test.info().annotations.push({ type: "tick run by", description: completedBy(tick.id!).join(", ") });
    } finally {
      await maintenance.close();
      connection.disconnect();
    }
  });

  test("SIGTERM to replica A: its uploads in flight finish, B serves meanwhile, A exits 0", async () => {
    const { A, B } = stack.web;
    const a = stack.procs.A;
    const exited = a.exited.then((e) => ({ ...e, at: Date.now() }));
    const started: Array<() => void> = [];
    const allStarted = Array.from({ length: 3 }, () => new Promise<void>((r) => started.push(r)));
    // ~3 s each: 15 pieces 200 ms apart, so SIGTERM lands mid-body.
    const uploads = started.map((onStarted) =>
      uploadSlowly(A, { cookie, slug, accountId, bytes: CSV, pieces: 15, gapMs: 200, onStarted }).then((u) => ({ ...u, at: Date.now() })),
    );
    await Promise.all(allStarted);
    await new Promise((r) => setTimeout(r, 400));
    const sentAt = Date.now();
    a.child.kill("SIGTERM");

    // While A drains, B answers, and A takes no new connection (a balancer moves them to B).
    const duringDrain = await getJson<{ rows: unknown[] }>(`${B}/api/t/${slug}/connections?limit=5`, cookie);
    expect(duringDrain.status).toBe(200);
    await expect.poll(() => probe(`${A}/api/health`), { timeout: 5_000 }).toBe("ECONNREFUSED");
    expect(a.child.exitCode, "A exited with uploads still in flight").toBeNull();

    const answers = await Promise.all(uploads);
    for (const u of answers) expect(u.status, JSON.stringify(u.body)).toBe(202);
    const exit = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 12_000))]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    const { at: exitAt } = exit as { at: number };
    // They were in flight for a while after the signal, and answered before A went away.
    expect(Math.min(...answers.map((u) => u.at)) - sentAt).toBeGreaterThan(1_000);
    for (const u of answers) expect(u.at).toBeLessThanOrEqual(exitAt);
    test.info().annotations.push({ type: "A", description: `answered ${Math.max(...answers.map((u) => u.at)) - sentAt} ms after SIGTERM, exited 0 ${exitAt - sentAt} ms after it` });

    // What A accepted is imported (by either worker) and read back through B.
    for (const u of answers) {
      expect(await waitForImport([B], u.body.statusUrl!, cookie)).toMatchObject({ status: "COMPLETED", unchanged: PEOPLE, new: 0 });
    }
    expect((await getJson<unknown>(`${B}/api/t/${slug}/connections?limit=1`, cookie)).status).toBe(200);
  });

  test("SIGTERM to replica A: a keep-alive connection busy at the signal is closed after its answer, not kept serving", async () => {
    // Node keeps a connection that is busy when server.close() runs in keep-alive, so A went on
    // serving new requests on it (a balancer's pooled connection, a browser's) until the 10 s
    // forced exit cut off what was then in flight. server.mjs now answers `Connection: close`
    // once closing.
    const { A } = stack.web;
    const a = await stack.startWeb("A");
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      let onStarted!: () => void;
      const begun = new Promise<void>((r) => (onStarted = r));
      const upload = uploadSlowly(A, { cookie, slug, accountId, bytes: CSV, pieces: 10, gapMs: 200, agent, onStarted });
      await begun;
      await new Promise((r) => setTimeout(r, 400));
      a.child.kill("SIGTERM");
      const answer = await upload;
      expect(answer.status).toBe(202);
      const exit = Promise.race([a.exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 12_000))]);
      // The next request through the same pool must find A gone, not be served by it.
      const next = await getVia(agent, `${A}/api/health`);
      expect({ connection: answer.connection, next }).toEqual({ connection: "close", next: "ECONNREFUSED" });
      expect(await exit).toEqual({ code: 0, signal: null });
    } finally {
      agent.destroy();
      if (a.child.exitCode === null) a.child.kill("SIGKILL");
    }
  });
});

/** "served", or the network error code of a request nobody answered (ECONNREFUSED: nothing listens). */
function probe(url: string): Promise<string> {
  return fetch(url).then(
    () => "served",
    (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
  );
}
