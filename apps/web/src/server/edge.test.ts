import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdge, RETURN_PATH_HEADER } from "./edge.mjs";

// server.mjs's edge on a real node:http server: raw request targets as a client can write them,
// and what reaches Next afterwards (here: an echo of the headers the app would see).
let server: Server;
let port: number;
const HOPS = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (applyEdge(req, res, HOPS)) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ passed: true, returnPath: req.headers[RETURN_PATH_HEADER] ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function send(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: { passed?: boolean; returnPath?: string | null; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: { host: "app.test", ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(["GET", "DELETE"].includes(method) ? undefined : "{}");
  });
}

const KEY = `crm_${"a".repeat(43)}`;
const evil = { origin: "https://evil.test" };

describe("server.mjs's edge: the API's CSRF wall", () => {
  it("refuses a cross-site API mutation with the API's error shape, and passes a same-origin one", async () => {
    const refused = await send("POST", "/api/t/x/review/claim", evil);
    expect(refused).toEqual({ status: 403, body: { error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site requests are not allowed." } } });
    expect((await send("POST", "/api/t/x/review/claim", { origin: "http://app.test" })).body.passed).toBe(true);
    expect((await send("POST", "/api/t/x/review/claim", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    // A script without Origin or Fetch-Metadata: route handlers let it pass (it has no cookie to ride).
    expect((await send("POST", "/api/t/x/review/claim")).body.passed).toBe(true);
  });

  it("holds uploads too, and leaves reads and pages to others", async () => {
    expect((await send("GET", "/api/t/x/review/counts", evil)).body.passed).toBe(true);
    // Server actions (page POSTs) are checked by lib/action.ts, which also requires an Origin.
    expect((await send("POST", "/t/x/queue/review", evil)).body.passed).toBe(true);
    // Uploads: refused here before any byte is read (their route checks the origin again).
    expect((await send("POST", "/api/uploads/x/a", evil)).status).toBe(403);
    expect((await send("POST", "/api/uploads/x/a", { origin: "http://app.test" })).body.passed).toBe(true);
  });

  it("lets a REST call with a key through from anywhere, and holds one without", async () => {
    expect((await send("POST", "/api/v1/tags", { ...evil, authorization: `Bearer ${KEY}` })).body.passed).toBe(true);
    expect((await send("DELETE", "/api/v1/tags/t1", { ...evil, "x-api-key": KEY })).body.passed).toBe(true);
    expect((await send("POST", "/api/v1/tags", evil)).status).toBe(403);
    expect((await send("POST", "/api/v1/tags", { ...evil, authorization: "Basic dXNlcjpwYXNz" })).status).toBe(403);
  });

  it("catches every spelling of an API path a router may read as one", async () => {
    for (const path of ["/api/uploads/../t/x/review/claim", "/%61pi/t/x/review/claim", "//api/t/x/review/claim", "/x/../api/t/x/review/claim", "/api/v1/../t/x/review/claim", "http://app.test/api/t/x/review/claim"]) {
      expect((await send("POST", path, { ...evil, authorization: `Bearer ${KEY}` })).status, path).toBe(403);
    }
    // The unsubscribe exemption is exactly one token segment, POST only.
    expect((await send("POST", "/api/unsubscribe/abc.def", evil)).body.passed).toBe(true);
    expect((await send("POST", "/api/unsubscribe/abc.def/../../t/x/notification-settings", evil)).status).toBe(403);
    expect((await send("PATCH", "/api/unsubscribe/abc.def", evil)).status).toBe(403);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy (HOPS = 0 here)", async () => {
    expect((await send("POST", "/api/t/x/review/claim", { origin: "https://evil.test", "x-forwarded-host": "evil.test" })).status).toBe(403);
  });
});

describe("server.mjs's edge: team pages' return path", () => {
  it("sets a team page's own path and query, over whatever the client sent", async () => {
    expect((await send("GET", "/t/acme/people?open=c1", { [RETURN_PATH_HEADER]: "/t/other" })).body.returnPath).toBe("/t/acme/people?open=c1");
  });
  it("removes a client-sent copy everywhere else", async () => {
    expect((await send("GET", "/settings", { [RETURN_PATH_HEADER]: "/t/acme/evil" })).body.returnPath).toBeNull();
    expect((await send("GET", "/%74/acme", { [RETURN_PATH_HEADER]: "/t/acme/evil" })).body.returnPath).toBeNull();
  });
  it("caps it at 2,000 characters", async () => {
    const { body } = await send("GET", `/t/acme/people?q=${"a".repeat(5000)}`);
    expect(body.returnPath).toHaveLength(2000);
  });
});
