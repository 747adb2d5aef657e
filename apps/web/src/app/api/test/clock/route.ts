import { z } from "zod";
import { clockNow, setTestClockOffset } from "@crm/core";
import { testRoute } from "../test-route";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/** Moves this web process's clock (core/clock.ts) `offsetDays` ahead of the real one; 0 resets it. */
export const POST = testRoute(z.object({ offsetDays: z.number().min(0).max(400) }).strict(), async ({ offsetDays }) => {
  setTestClockOffset(Math.round(offsetDays * DAY_MS));
  return Response.json({ offsetDays, now: clockNow().toISOString() }, { headers: { "Cache-Control": "no-store" } });
});
