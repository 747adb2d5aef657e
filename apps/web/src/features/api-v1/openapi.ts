import { z } from "zod";
import { API_BODY_MAX_BYTES, RATE_LIMIT_HEADERS } from "../../lib/api-v1-constants";
import { INVITATION_REQUESTS, INVITATION_RESPONSES, invitationPaths } from "./openapi-invitations";
import { REMOVAL_REQUESTS, REMOVAL_RESPONSES, removalPaths } from "./openapi-removals";
import { REVIEW_REQUESTS, REVIEW_RESPONSES, reviewParameters, reviewPaths, type TOpenApiHelpers } from "./openapi-review";
import * as S from "./schemas";

// The OpenAPI 3.1 document of /api/v1: component schemas generated from the zod schemas the routes
// use (schemas.ts), paths written here. openapi.test.ts validates it against the OpenAPI 3.1 schema
// and checks that every route file and every exported method is described.

type TJson = Record<string, unknown>;
type TSchemaIds = Record<string, z.ZodType>;

const RESPONSES: TSchemaIds = {
  Error: S.ZApiError,
  Tag: S.ZTag,
  TagRef: S.ZTagRef,
  TagList: S.ZTagList,
  ConnectionTags: S.ZConnectionTags,
  BulkTagResult: S.ZBulkTagResult,
  Note: S.ZNote,
  NoteList: S.ZNoteList,
  Flag: S.ZFlag,
  ConnectionRow: S.ZConnectionRow,
  IcpRef: S.ZIcpRef,
  ConnectionList: S.ZConnectionList,
  ConnectionScore: S.ZConnectionScore,
  HistoryEntry: S.ZHistoryEntry,
  ConnectionDetail: S.ZConnectionDetail,
  ...REVIEW_RESPONSES,
  ...REMOVAL_RESPONSES,
  ...INVITATION_RESPONSES,
};

const REQUESTS: TSchemaIds = {
  CreateTagBody: S.ZCreateTagBody,
  TagConnectionBody: S.ZTagConnectionBody,
  BulkTagBody: S.ZBulkTagBody,
  NoteBody: S.ZNoteBody,
  ...REVIEW_REQUESTS,
  ...REMOVAL_REQUESTS,
  ...INVITATION_REQUESTS,
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect), without the per-document keywords. */
function clean(schema: TJson, open: boolean): TJson {
  const { $schema: _s, $id: _i, ...rest } = schema;
  // Responses may gain fields in later versions: clients must not reject unknown ones.
  return open ? JSON.parse(JSON.stringify(rest, (k, v) => (k === "additionalProperties" && v === false ? undefined : v))) : rest;
}

function componentSchemas(ids: TSchemaIds, io: "input" | "output"): Record<string, TJson> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(ids)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, TJson> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s, io === "output")]));
}

function queryParameter(name: string, schema: z.ZodType): TJson {
  const json = clean(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as TJson, false);
  const { description, ...rest } = json;
  const isList = rest.type === "array";
  return {
    name,
    in: "query",
    required: false,
    ...(description ? { description: `${description as string}${isList ? " Comma-separated, or the parameter repeated." : ""}` } : isList ? { description: "Comma-separated, or the parameter repeated." } : {}),
    schema: rest,
    ...(isList ? { style: "form", explode: false } : {}),
  };
}

const headers = Object.fromEntries(Object.entries(RATE_LIMIT_HEADERS).map(([name, description]) => [name, { description, schema: { type: "integer", minimum: 0 } }]));
const limited = Object.fromEntries(Object.keys(RATE_LIMIT_HEADERS).map((h) => [h, { $ref: `#/components/headers/${h}` }]));

function ok(description: string, schemaId: string): TJson {
  return { description, headers: limited, content: { "application/json": { schema: ref(schemaId) } } };
}
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const body = (schemaId: string, description?: string) => ({ required: true, ...(description ? { description } : {}), content: { "application/json": { schema: ref(schemaId) } } });
const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } });

const READ_ERRORS = { "401": err("Unauthenticated"), "429": err("RateLimited"), "500": err("Internal") };
const WRITE_ERRORS = { ...READ_ERRORS, "400": err("BadRequest"), "403": err("Forbidden"), "413": err("PayloadTooLarge"), "415": err("UnsupportedMedia") };
const helpers: TOpenApiHelpers = { ok, err, body, pathParam, queryParameter, READ_ERRORS, WRITE_ERRORS };

function paths(): TJson {
  const connectionId = pathParam("id", "A connection id of the key's team; another team's id is 404.");
  const tagId = pathParam("tagId", "A tag id of the key's team.");
  return {
    "/connections": {
      get: {
        operationId: "listConnections",
        summary: "List connections with the table's filter, one page at a time",
        description:
          "The same filter language as the app's connections table (its URL query string works here). Unlike the app, an unknown or malformed parameter is a 400 naming it. Pages are keyset-based: pass `nextCursor` back as `cursor` with the same filter and sort.",
        tags: ["Connections"],
        parameters: [
          ...S.FILTER_PARAM_NAMES.map((name) => ({ $ref: `#/components/parameters/${name}` })),
          { $ref: "#/components/parameters/cursor" },
          { $ref: "#/components/parameters/limit" },
        ],
        responses: { "200": ok("One page of rows", "ConnectionList"), "400": err("BadRequest"), "404": err("NotFound"), ...READ_ERRORS },
      },
    },
    "/connections/{id}": {
      get: {
        operationId: "getConnection",
        summary: "One connection with its scores for every ICP, history and notes",
        tags: ["Connections"],
        parameters: [connectionId],
        responses: { "200": ok("The connection", "ConnectionDetail"), "404": err("NotFound"), ...READ_ERRORS },
      },
    },
    "/connections/{id}/tags": {
      post: {
        operationId: "addTagToConnection",
        summary: "Put a tag on a connection",
        description: "Idempotent: a connection that already has the tag is left as it is (`changed: false`).",
        tags: ["Tags"],
        parameters: [connectionId],
        requestBody: body("TagConnectionBody"),
        responses: { "200": ok("The connection's tags after the change", "ConnectionTags"), "404": err("NotFound"), ...WRITE_ERRORS },
      },
    },
    "/connections/{id}/tags/{tagId}": {
      delete: {
        operationId: "removeTagFromConnection",
        summary: "Take a tag off a connection",
        tags: ["Tags"],
        parameters: [connectionId, tagId],
        responses: { "200": ok("The connection's tags after the change", "ConnectionTags"), "404": err("NotFound"), ...WRITE_ERRORS },
      },
    },
    "/connections/{id}/notes": {
      get: {
        operationId: "listNotes",
        summary: "The team's notes on a connection, newest first",
        tags: ["Notes"],
        parameters: [connectionId],
        responses: { "200": ok("The notes", "NoteList"), "404": err("NotFound"), ...READ_ERRORS },
      },
      post: {
        operationId: "addNote",
        summary: "Add a note to a connection",
        description: "The note's author is the member who created the API key.",
        tags: ["Notes"],
        parameters: [connectionId],
        requestBody: body("NoteBody"),
        responses: { "201": ok("The new note", "Note"), "404": err("NotFound"), ...WRITE_ERRORS },
      },
    },
    "/tags": {
      get: {
        operationId: "listTags",
        summary: "The team's tags with how many connections carry each",
        tags: ["Tags"],
        responses: { "200": ok("Every tag, by name", "TagList"), ...READ_ERRORS },
      },
      post: {
        operationId: "createTag",
        summary: "Create a tag",
        tags: ["Tags"],
        requestBody: body("CreateTagBody"),
        responses: { "201": ok("The new tag", "Tag"), "409": err("Conflict"), ...WRITE_ERRORS },
      },
    },
    "/tags/{tagId}/connections": {
      post: {
        operationId: "addTagToConnections",
        summary: `Put a tag on up to ${S.BULK_MAX_IDS} connections`,
        tags: ["Tags"],
        parameters: [tagId],
        requestBody: body("BulkTagBody"),
        responses: { "200": ok("How many connections changed", "BulkTagResult"), "404": err("NotFound"), ...WRITE_ERRORS },
      },
      delete: {
        operationId: "removeTagFromConnections",
        summary: `Take a tag off up to ${S.BULK_MAX_IDS} connections`,
        tags: ["Tags"],
        parameters: [tagId],
        requestBody: body("BulkTagBody"),
        responses: { "200": ok("How many connections changed", "BulkTagResult"), "404": err("NotFound"), ...WRITE_ERRORS },
      },
    },
    ...reviewPaths(helpers),
    ...removalPaths(helpers),
    ...invitationPaths(helpers),
    "/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        tags: ["Meta"],
        security: [],
        responses: { "200": { description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };
}

function errorResponse(description: string, extraHeaders: TJson = {}): TJson {
  return { description, headers: { ...limited, ...extraHeaders }, content: { "application/json": { schema: ref("Error") } } };
}

function build(): TJson {
  const filterParameters = Object.fromEntries(S.FILTER_PARAM_NAMES.map((name) => [name, queryParameter(name, S.ZFilterParams.shape[name].unwrap())]));
  return {
    openapi: "3.1.0",
    info: {
      title: "Connection CRM API",
      version: "1.0.0",
      description:
        "Read and update a team's connections, tags and notes, work its review queue (vote, decide, undo), and record guided removals within each LinkedIn account's removal budget. Authenticate with a team API key (team settings → API keys, or `npm run cli -- create-api-key`) as `Authorization: Bearer <key>` (or `X-Api-Key: <key>`); cookies are never used. A read-only key gets 403 on writes. A key acts as the member who created it: notes, votes and decisions made with it are theirs (the review queue counts their current role, so an admin's key decides where the team lets admins decide). Each key may make a limited number of requests per minute; every answer carries the X-RateLimit-* headers, and a 429 carries Retry-After. Errors are JSON: `{\"error\": {\"code\", \"message\", \"field\"?}}`. A method a path does not list is 405 (code METHOD_NOT_ALLOWED) with an `Allow` header. Sending `Authorization` and `X-Api-Key` with different keys is a 400 (send one key). An id in a filter (`icp`, `tag`, `account`) that is not one of the key's team is a 404 naming the parameter, never an empty page.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerKey: [] }, { headerKey: [] }],
    tags: [{ name: "Connections" }, { name: "Tags" }, { name: "Notes" }, { name: "Review" }, { name: "Removals" }, { name: "Invitations" }, { name: "Meta" }],
    paths: paths(),
    components: {
      schemas: { ...componentSchemas(RESPONSES, "output"), ...componentSchemas(REQUESTS, "input") },
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "A team API key: crm_ followed by 43 characters." },
        headerKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "The same key, for tools that cannot set Authorization." },
      },
      headers: {
        ...headers,
        "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 1 } },
      },
      parameters: {
        ...filterParameters,
        cursor: { name: "cursor", in: "query", required: false, description: "`nextCursor` of the previous page (same filter and sort).", schema: { type: "string" } },
        limit: { name: "limit", in: "query", required: false, description: "Rows per page.", schema: { type: "integer", minimum: 1, maximum: S.LIST_LIMIT_MAX, default: S.LIST_LIMIT_DEFAULT } },
        ...reviewParameters(helpers),
      },
      responses: {
        BadRequest: errorResponse("A parameter or body field is missing or malformed; `field` names it (for the filter, the query parameter)."),
        Unauthenticated: errorResponse("No API key, or one that is malformed, unknown, revoked, or whose creator has left the team.", { "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } } }),
        Forbidden: errorResponse("A read-only key on a write (code INSUFFICIENT_SCOPE), or an action the key's creator may not take, e.g. deciding for, or recording removals of, a LinkedIn account they do not own (code FORBIDDEN)."),
        NotFound: errorResponse("No such item in the key's team (items of other teams look the same as missing ones)."),
        Conflict: errorResponse("The change conflicts with existing data (e.g. a tag with that name exists), or the review item changed since it was read (the message says what changed), or there is nothing to undo."),
        PayloadTooLarge: errorResponse(`The body is larger than ${API_BODY_MAX_BYTES / 1024} KiB.`),
        UnsupportedMedia: errorResponse("The body is not JSON."),
        RateLimited: {
          ...errorResponse(
            "Too many requests for this key this minute (code RATE_LIMITED); or, recording a `removed` outcome, a removal the LinkedIn account's budget does not allow now (code PACE_WAIT, HOURLY_LIMIT, DAILY_LIMIT or WEEKLY_LIMIT, with `nextAllowedAt`).",
            { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
          ),
          content: { "application/json": { schema: { anyOf: [ref("Error"), ref("BudgetRefused")] } } },
        },
        Internal: errorResponse("Something went wrong on our side."),
      },
    },
  };
}

let cached: TJson | undefined;
export function openApiDocument(): TJson {
  cached ??= build();
  return cached;
}
