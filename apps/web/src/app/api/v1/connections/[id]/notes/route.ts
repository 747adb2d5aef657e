import { addNote, listNotes } from "@crm/core";
import { ZNote, ZNoteBody, ZNoteList } from "@/features/api-v1/schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";

export const GET = apiV1Route<{ id: string }>({ scope: "read" }, async (_req, { ctx, params }) =>
  apiJson(ZNoteList, { data: await listNotes(ctx, pathId(params.id, "This connection")) }),
);

export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, params }) => {
  const id = pathId(params.id, "This connection");
  const { body } = await readBody(req, ZNoteBody);
  return apiJson(ZNote, await addNote(ctx, id, body), 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
