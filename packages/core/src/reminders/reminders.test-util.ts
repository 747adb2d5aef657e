import { ownerQuery } from "../testing/setup";

// Fixtures for the reminders tests, written as the database owner (bypassing RLS).

/** Moves reminders' due time (and optionally clears notifiedAt) as if time had passed. */
export async function setDueAt(ids: string[], dueAt: Date): Promise<void> {
  await ownerQuery(`UPDATE "Reminder" SET "dueAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = ANY($1)`, [ids, dueAt.toISOString()]);
}

export async function reminderRows(connectionIds: string[]) {
  return ownerQuery<{
    id: string;
    connectionId: string;
    kind: string;
    dueAt: Date;
    doneAt: Date | null;
    closedReason: string | null;
    notifiedAt: Date | null;
    cadenceOpenFor: string | null;
    tagId: string | null;
    createdById: string | null;
  }>(
    `SELECT id, "connectionId", kind::text AS kind, "dueAt" AT TIME ZONE 'UTC' AS "dueAt", "doneAt" AT TIME ZONE 'UTC' AS "doneAt", "closedReason",
            "notifiedAt", "cadenceOpenFor", "tagId", "createdById"
       FROM "Reminder" WHERE "connectionId" = ANY($1) ORDER BY "createdAt", id`,
    [connectionIds],
  );
}

export async function notificationsOf(userId: string, kind: string) {
  return ownerQuery<{ id: string; teamId: string; itemId: string | null; data: Record<string, unknown>; dedupeKey: string | null; mailState: string | null }>(
    `SELECT id, "teamId", "itemId", data, "dedupeKey", "mailState" FROM "Notification" WHERE "userId" = $1 AND kind = $2 ORDER BY "createdAt", id`,
    [userId, kind],
  );
}

export async function addTag(teamId: string, name: string, cadenceDays: number | null): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "cadenceDays", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, lower($2), 'gray', $3, now()) RETURNING id`,
    [teamId, name, cadenceDays],
  );
  return row!.id;
}

export async function tagPeople(teamId: string, tagId: string, connectionIds: string[], at?: Date): Promise<void> {
  await ownerQuery(
    `INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId", "createdAt") SELECT $1, $2, c, coalesce($4::timestamptz AT TIME ZONE 'UTC', now()) FROM unnest($3::text[]) c`,
    [teamId, tagId, connectionIds, at?.toISOString() ?? null],
  );
}

/** "YYYY-MM-DD" plus `days` calendar days. */
export function addLocalDaysForTest(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
