import { withTeam } from "@crm/db";
import { parseFilter } from "../connections/filter/parse";
import { addNote } from "../connections/notes";
import { changeTags } from "../connections/tagging";
import { createTag, listTags } from "../connections/tags";
import { saveView } from "../connections/views";
import type { TTeamContext } from "../teams/membership";

// The demo's workspace: a few tags applied the way a user would (by filter), notes on the people a
// newcomer is likely to open first, and a shared view, so the connections page is not empty.

const DEMO_TAGS: Array<{ name: string; color: string; query: string }> = [
  { name: "Customer", color: "green", query: "company=acme" },
  { name: "Prospect", color: "blue", query: "seniority=c_level,vp,director&function=sales,marketing" },
  { name: "Recruiter", color: "amber", query: "function=hr_recruiting" },
];

const filterOf = (query: string) => parseFilter(query).filter;

export async function seedDemoWorkspace(ctx: TTeamContext): Promise<void> {
  if ((await listTags(ctx)).length > 0) return;
  for (const t of DEMO_TAGS) {
    const tag = await createTag(ctx, { name: t.name, color: t.color });
    await changeTags(ctx, { tagId: tag.id, op: "add", target: { filter: filterOf(t.query) } });
  }
  const first = await withTeam(ctx.teamId, (tx) =>
    tx.connection.findMany({ where: { teamId: ctx.teamId, status: "CONNECTED", company: { startsWith: "Acme" } }, orderBy: { connectedOn: "desc" }, take: 3, select: { id: true } }),
  );
  const notes = ["Met at SaaStr; interested in a pilot next quarter.", "Introduced us to their head of sales. Send a thank-you.", "Prefers email over LinkedIn messages."];
  for (const [i, c] of first.entries()) await addNote(ctx, c.id, notes[i]!);
  await saveView(ctx, { name: "Sales leaders", query: "seniority=c_level,vp,director,head&function=sales", shared: true });
}
