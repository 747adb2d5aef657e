import { checkHealth } from "@crm/core";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when Postgres and Redis answer, 503 otherwise, with which one failed. */
export async function GET() {
  const h = await checkHealth();
  return Response.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
