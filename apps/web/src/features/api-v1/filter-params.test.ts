import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseFilter } from "@crm/core";
import { FILTER_PARAM_NAMES, ZFilterParams } from "./schemas";

// The API documents the filter language with ZFilterParams; parseFilter (core) is what reads it.
// These hold the two together: every documented name is one parseFilter reads, and every
// documented value is one it accepts.

const INVALID: Record<(typeof FILTER_PARAM_NAMES)[number], string> = {
  q: "a\u0001b",
  account: "not an id!",
  tag: "not an id!",
  tagMode: "some",
  seniority: "wizard",
  function: "alchemy",
  company: "a\u0001b",
  connectedFrom: "2024-02-30",
  connectedTo: "yesterday",
  inactiveMonths: "0",
  activeMonths: "-1",
  messaged: "maybe",
  endorsed: "maybe",
  recommended: "maybe",
  jobChanged: "maybe",
  status: "ARCHIVED",
  icp: "not an id!",
  scoreMin: "101",
  scoreMax: "x",
  fit: "great",
  flag: "unicorn",
  sort: "height",
  dir: "up",
};

describe("the documented filter parameters", () => {
  it("are each read by parseFilter: a bad value is an error naming that parameter", () => {
    for (const name of FILTER_PARAM_NAMES) {
      const { errors } = parseFilter(new URLSearchParams({ [name]: INVALID[name] }));
      expect(errors.map((e) => e.param), name).toEqual([name]);
    }
  });

  it("accept every documented value of every enum parameter", () => {
    for (const name of FILTER_PARAM_NAMES) {
      const inner = ZFilterParams.shape[name].unwrap();
      const values = z.toJSONSchema(inner, { io: "input" }) as { enum?: string[]; items?: { enum?: string[] } };
      for (const value of values.enum ?? values.items?.enum ?? []) {
        expect(parseFilter(new URLSearchParams({ [name]: value })).errors, `${name}=${value}`).toEqual([]);
      }
    }
  });

  it("accept a typical value of every other parameter", () => {
    const ok = "q=anna+schmidt&account=acc_1&tag=t1,t2&company=Acme&connectedFrom=2020-01-01&connectedTo=2024-12-31&inactiveMonths=6&activeMonths=12&icp=icp_1&scoreMin=40&scoreMax=90";
    expect(parseFilter(ok).errors).toEqual([]);
  });
});
