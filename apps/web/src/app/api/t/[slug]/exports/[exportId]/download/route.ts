import { readTeamExport } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * The zip, streamed chunk by chunk from the database (never whole in memory). 410 once expired,
 * 403 for members, 404 for anyone outside the team.
 */
export const GET = teamRoute<{ slug: string; exportId: string }>(async (_req, { team, params }) => {
  const file = await readTeamExport(team, params.exportId);
  const it = file.body;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const r = await it.next();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      } catch (e) {
        console.error("export download failed:", (e as Error).message);
        controller.error(e);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(file.byteSize),
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
