import { withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";

// Notes are the team's shared memory about a person: everyone in the team reads them, only the
// author edits one, and the author or an owner/admin deletes it.

export const NOTE_MAX = 10_000;

export type TNote = {
  id: string;
  connectionId: string;
  body: string;
  authorId: string | null;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
};

type TNoteRow = { id: string; connectionId: string; body: string; authorId: string | null; createdAt: Date; updatedAt: Date; editedAt: Date | null; author: { name: string } | null };

const SELECT = { id: true, connectionId: true, body: true, authorId: true, createdAt: true, updatedAt: true, editedAt: true, author: { select: { name: true } } } as const;

function cleanBody(raw: unknown): string {
  const body = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : "";
  if (!body) throw invalid("body", "Write something before saving the note.");
  if (body.length > NOTE_MAX) throw invalid("body", `A note has at most ${NOTE_MAX.toLocaleString("en")} characters (this one has ${body.length.toLocaleString("en")}).`);
  return body;
}

export function toNote(ctx: TTeamContext, n: TNoteRow): TNote {
  const mine = n.authorId === ctx.userId;
  return {
    id: n.id,
    connectionId: n.connectionId,
    body: n.body,
    authorId: n.authorId,
    authorName: n.author?.name ?? "Former member",
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    editedAt: n.editedAt?.toISOString() ?? null,
    canEdit: mine,
    canDelete: mine || roleAtLeast(ctx.role, "ADMIN"),
  };
}

async function mustHaveConnection(tx: TTx, ctx: TTeamContext, connectionId: string) {
  if (!(await tx.connection.count({ where: { id: connectionId, teamId: ctx.teamId } }))) throw notFound("This connection");
}

export async function notesOf(tx: TTx, ctx: TTeamContext, connectionId: string): Promise<TNote[]> {
  const rows = await tx.note.findMany({ where: { teamId: ctx.teamId, connectionId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: SELECT });
  return rows.map((n) => toNote(ctx, n));
}

export async function listNotes(ctx: TTeamContext, connectionId: string): Promise<TNote[]> {
  return withTeam(ctx.teamId, async (tx) => {
    await mustHaveConnection(tx, ctx, connectionId);
    return notesOf(tx, ctx, connectionId);
  });
}

export async function addNote(ctx: TTeamContext, connectionId: string, rawBody: unknown): Promise<TNote> {
  const body = cleanBody(rawBody);
  return withTeam(ctx.teamId, async (tx) => {
    await mustHaveConnection(tx, ctx, connectionId);
    const note = await tx.note.create({ data: { teamId: ctx.teamId, connectionId, authorId: ctx.userId, body }, select: SELECT });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "note.added", targetType: "connection", targetId: connectionId, metadata: { noteId: note.id } });
    return toNote(ctx, note);
  });
}

async function noteOrThrow(tx: TTx, ctx: TTeamContext, noteId: string) {
  const note = await tx.note.findFirst({ where: { id: noteId, teamId: ctx.teamId }, select: SELECT });
  if (!note) throw notFound("This note");
  return note;
}

export async function editNote(ctx: TTeamContext, noteId: string, rawBody: unknown): Promise<TNote> {
  const body = cleanBody(rawBody);
  return withTeam(ctx.teamId, async (tx) => {
    const note = await noteOrThrow(tx, ctx, noteId);
    if (note.authorId !== ctx.userId) throw forbidden("Only the author can edit a note.");
    if (note.body === body) return toNote(ctx, note);
    const saved = await tx.note.update({ where: { id: note.id }, data: { body, editedAt: new Date() }, select: SELECT });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "note.edited", targetType: "connection", targetId: note.connectionId, metadata: { noteId: note.id } });
    return toNote(ctx, saved);
  });
}

export async function deleteNote(ctx: TTeamContext, noteId: string): Promise<void> {
  await withTeam(ctx.teamId, async (tx) => {
    const note = await noteOrThrow(tx, ctx, noteId);
    if (!toNote(ctx, note).canDelete) throw forbidden("Only the author, or an owner or admin, can delete a note.");
    await tx.note.delete({ where: { id: note.id } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "note.deleted", targetType: "connection", targetId: note.connectionId, metadata: { noteId: note.id } });
  });
}
