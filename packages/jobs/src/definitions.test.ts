import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { JOBS, parsePayload, type TJobName } from "./definitions";

// Job payloads sit in Redis and in BullMQ's failed-job lists for days: they carry ids, versions
// and counts only, never a name, an email or free text. Every field of every definition is checked.

const PII = ["jane.doe@example.com", "Jane Doe", "Zoë", "O'Brien", "https://www.linkedin.com/in/jane-doe", "a".repeat(65)];
const IDS = ["cm3x0f8k20000abcd1234efgh", "3f1c2b9e-8a4d-4f6b-9c2e-1a2b3c4d5e6f", "team_01"];

const names = Object.keys(JOBS) as TJobName[];

describe("job payloads carry ids only", () => {
  it("has job definitions to check", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  // Besides ids: a scheduled email's period ("2026-W50" or "2026-12-07") and the instant it was due.
  const SCHEDULE: Record<string, string> = { period: "2026-W50", dueAt: "2026-12-07T07:00:00.000Z" };

  function checkField(name: string, field: string, declared: z.ZodType) {
    // An optional field is checked as what it holds when present.
    const schema = declared._zod.def.type === "optional" ? (declared._zod.def as unknown as { innerType: z.ZodType }).innerType : declared;
    const type = schema._zod.def.type;
    if (type === "array") {
      // A list of members due (digest.team): each entry is checked field by field, like a payload.
      const element = (schema._zod.def as unknown as { element: z.ZodObject }).element;
      expect(element._zod.def.type, `${name}.${field} holds objects`).toBe("object");
      for (const [f, d] of Object.entries(element.shape as Record<string, z.ZodType>)) checkField(`${name}.${field}[]`, f, d);
      return;
    }
    expect(["string", "number", "enum"], `${name}.${field} is a ${type}`).toContain(type);
    if (type === "string") {
      if (field in SCHEDULE) expect(schema.safeParse(SCHEDULE[field]).success, `${name}.${field} accepts ${SCHEDULE[field]}`).toBe(true);
      else {
        expect(field, "string fields are ids and are named so").toMatch(/Id$/);
        for (const id of IDS) expect(schema.safeParse(id).success, `${name}.${field} accepts ${id}`).toBe(true);
      }
      for (const bad of PII) expect(schema.safeParse(bad).success, `${name}.${field} must refuse ${JSON.stringify(bad)}`).toBe(false);
    } else if (type === "number") {
      expect(field).toMatch(/^(version|count|attempt)$|Count$/);
    }
  }

  for (const name of names) {
    const shape = (JOBS[name].payload as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [field, declared] of Object.entries(shape)) {
      it(`${name}: ${field} is an id, a version or a number (or a list of members due)`, () => checkField(name, field, declared));
    }
  }

  it("drops any field a definition does not declare (an email passed by mistake never reaches Redis)", () => {
    const parsed = parsePayload("team.export", { teamId: "t1", exportId: "e1", email: "jane.doe@example.com", name: "Jane" });
    expect(parsed).toEqual({ teamId: "t1", exportId: "e1" });
  });
});
