import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { REVIEW_CHOICE_CODES, REVIEW_KIND_CODES, REVIEW_STATE_CODES } from "@crm/core";
import { FLAG_CODES, FUNCTIONS, SENIORITIES } from "@crm/scoring";
import { openApiDocument } from "./openapi";
import { FILTER_PARAM_NAMES } from "./schemas";

const v1Dir = join(import.meta.dirname, "..", "..", "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return n === "route.ts" ? [p] : [];
  });
}

/** app/api/v1/connections/[id]/tags/route.ts → /connections/{id}/tags */
const pathOf = (file: string) => `/${relative(v1Dir, file).replace(/\/?route\.ts$/, "")}`.replace(/\[([^\]]+)\]/g, "{$1}").replace(/\/$/, "") || "/";
const exportedMethods = (file: string) => METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(readFileSync(file, "utf8")));

type TDoc = {
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { $ref?: string; headers?: Record<string, unknown> }> }>>;
  components: {
    parameters: Record<string, { name: string; schema: { type?: string; enum?: string[]; items?: { enum?: string[] }; maximum?: number } }>;
    schemas: Record<string, { required?: string[]; additionalProperties?: boolean; properties: Record<string, { enum?: string[]; maxLength?: number; anyOf?: Array<{ maxLength?: number }> }> }>;
  };
};
const doc = openApiDocument() as unknown as TDoc;

describe("OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    const resolved = JSON.stringify(validator.resolveRefs());
    expect(resolved).not.toContain('"$ref"');
  });

  it("describes every route file under app/api/v1, with exactly the methods it exports", () => {
    // The catch-all only answers unknown paths with a JSON 404.
    const files = routeFiles(v1Dir).filter((f) => !f.includes("[...path]"));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const fromFiles = Object.fromEntries(files.map((f) => [pathOf(f), exportedMethods(f).map((m) => m.toLowerCase()).sort()]));
    const fromDoc = Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]));
    expect(fromDoc).toEqual(fromFiles);
  });

  it("answers every method a route file does not serve with the JSON 405 and an Allow header of the documented ones", () => {
    for (const f of routeFiles(v1Dir).filter((x) => !x.includes("[...path]"))) {
      const served = /otherMethods\(([^)]*)\)/.exec(readFileSync(f, "utf8"))?.[1];
      expect(served, f).toBeDefined();
      const documented = Object.keys(doc.paths[pathOf(f)] ?? {}).map((m) => m.toUpperCase()).sort();
      expect(served!.split(",").map((m) => m.trim().replace(/"/g, "")).sort(), f).toEqual(documented);
    }
  });

  it("documents 401 and 429 on every secured operation and the rate-limit headers on its success", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.security?.length === 0) continue;
        expect(op.responses["401"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/Unauthenticated" });
        expect(op.responses["429"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/RateLimited" });
        const success = Object.entries(op.responses).find(([code]) => code.startsWith("2"))![1];
        expect(Object.keys(success.headers ?? {}).sort(), `${method} ${path}`).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]);
        if (method !== "get") expect(op.responses["403"], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it("lists every filter parameter with its allowed values", () => {
    const listConnections = doc.paths["/connections"]!.get as unknown as { parameters: Array<{ $ref: string }> };
    expect(listConnections.parameters.map((p) => p.$ref.split("/").pop())).toEqual([...FILTER_PARAM_NAMES, "cursor", "limit"]);
    const p = doc.components.parameters;
    expect(p.seniority!.schema.items!.enum).toEqual([...SENIORITIES]);
    expect(p.function!.schema.items!.enum).toEqual([...FUNCTIONS]);
    expect(p.flag!.schema.items!.enum).toEqual([...FLAG_CODES]);
    expect(p.status!.schema.items!.enum).toEqual(["CONNECTED", "REMOVAL_PENDING", "REMOVED", "GONE", "all"]);
    expect(p.sort!.schema.enum).toContain("score");
    expect(p.endorsed!.schema.enum).toEqual(["yes", "no"]);
  });

  it("documents the review queue: its filters, bodies, item shape and errors", () => {
    const list = doc.paths["/review-items"]!.get as unknown as { parameters: Array<{ $ref: string }> };
    const params = list.parameters.map((p) => doc.components.parameters[p.$ref.split("/").pop()!]!);
    expect(params.map((p) => p.name)).toEqual(["account", "kind", "state", "cursor", "limit"]);
    expect(params[1]!.schema.enum).toEqual([...REVIEW_KIND_CODES]);
    expect(params[2]!.schema.enum).toEqual([...REVIEW_STATE_CODES]);
    expect(params[4]!.schema.maximum).toBe(200);

    const s = doc.components.schemas;
    expect(s.ReviewVoteBody!.required).toEqual(["choice"]);
    expect(s.ReviewVoteBody!.additionalProperties).toBe(false);
    expect(s.ReviewDecisionBody!.required).toEqual(["choice", "version"]);
    expect(s.ReviewDecisionBody!.properties.choice!.enum).toEqual([...REVIEW_CHOICE_CODES]);
    expect(Object.keys(s.ReviewDecisionBody!.properties).sort()).toEqual(["choice", "followUpOn", "reason", "snoozeUntil", "version"]);
    for (const field of ["kind", "state", "version", "rules", "connection", "votes", "tally"]) expect(Object.keys(s.ReviewItem!.properties), field).toContain(field);
    expect(s.ReviewItem!.properties.kind!.enum).toEqual([...REVIEW_KIND_CODES]);
    expect(Object.keys(s.ReviewConnection!.properties)).toEqual(expect.arrayContaining(["id", "name", "profileUrl", "score", "flags"]));

    for (const path of ["/review-items/{id}/votes", "/review-items/{id}/decision", "/review-items/{id}/undo"]) {
      const op = doc.paths[path]!.post!;
      expect(Object.keys(op.responses).sort(), path).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "429", "500"]);
    }
    expect(Object.keys(doc.paths["/review-items/{id}"]!.get!.responses)).toContain("404");
  });

  it("documents guided removals: the budget's fields, the outcome body, the budget's 429 and the errors of each route", () => {
    const s = doc.components.schemas;
    for (const f of ["limit", "used", "remaining", "hourUsed", "weekUsed", "nextAllowedAt", "resetsAt", "timeZone"]) expect(s.RemovalBudget!.required, f).toContain(f);
    expect(s.OutcomeBody!.required).toEqual(["outcome"]);
    expect(s.OutcomeBody!.additionalProperties).toBe(false);
    expect(s.OutcomeBody!.properties.outcome!.enum).toEqual(["removed", "not_found", "kept"]);
    expect(Object.keys(s.UndoOutcomeBody!.properties)).toEqual(["linkedInTouched"]);
    expect(Object.keys(s.OutcomeResult!.properties).sort()).toEqual(["budget", "duplicate", "outcome"]);
    const refused = s.BudgetRefused!.properties.error as unknown as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(refused.properties.code!.enum).toEqual(["PACE_WAIT", "HOURLY_LIMIT", "DAILY_LIMIT", "WEEKLY_LIMIT"]);
    expect(refused.required).toEqual(expect.arrayContaining(["code", "message", "nextAllowedAt"]));
    const limited = (doc.components as unknown as { responses: Record<string, { content: Record<string, { schema: unknown }> }> }).responses.RateLimited!;
    expect(JSON.stringify(limited.content["application/json"]!.schema)).toContain("#/components/schemas/BudgetRefused");

    expect(Object.keys(doc.paths["/accounts/{accountId}/removal-budget"]!.get!.responses).sort()).toEqual(["200", "401", "404", "429", "500"]);
    for (const path of ["/review-items/{id}/outcome", "/removal-outcomes/{id}/undo"]) {
      expect(Object.keys(doc.paths[path]!.post!.responses).sort(), path).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "429", "500"]);
    }
  });
});
