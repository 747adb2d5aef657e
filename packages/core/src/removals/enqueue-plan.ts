import { enqueue } from "@crm/jobs";

// Job ids are the dedupe: one `removal.plan` per account and local day from the sweep, one per
// import from the import job (BullMQ refuses ':' in ids, hence '-').

/** The sweep's job for an account's local day. */
export async function enqueueDayPlan(teamId: string, accountId: string, localDate: string): Promise<void> {
  await enqueue("removal.plan", { teamId, accountId }, { dedupeId: `${accountId}-${localDate}` });
}

/** After a COMPLETED import of the account: still-connected people go back to today's plan. */
export async function enqueuePlanAfterImport(teamId: string, accountId: string, importId: string): Promise<void> {
  await enqueue("removal.plan", { teamId, accountId }, { dedupeId: importId });
}
