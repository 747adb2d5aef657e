import { describe, expect, it } from "vitest";
import { DEFAULT_FILTER as CORE_DEFAULT, parseFilter, serializeFilter } from "@crm/core";
import { DEFAULT_SORT_DIR, canonicalFilter } from "@crm/core/connections/filter/canonical";
import type { TConnectionFilter } from "@crm/core/connections/filter/types";
import { filterQuery, SORT_DIR } from "./filter-url";

// The browser writes filter URLs with its own copy of the serializer (to keep the scoring package
// and zod out of the page's JavaScript). It must write exactly what core writes.

const LINKS = [
  "",
  "q=  Jos%C3%A9   M%C3%BCller ",
  "account=b,a,a&tag=t2,t1&tagMode=all",
  "tag=t1&tagMode=none&seniority=vp,c_level,owner&function=sales,engineering",
  "company=Acme%20%20Corp&connectedFrom=2020-01-01&connectedTo=2023-12-31",
  "inactiveMonths=12&endorsed=yes&recommended=no",
  "messaged=no&endorsed=no",
  "activeMonths=6",
  "status=all",
  "status=REMOVED,CONNECTED",
  "status=CONNECTED",
  "icp=icp_1&scoreMin=40&scoreMax=90&fit=partial,strong&flag=stale,competitor",
  "sort=name",
  "sort=name&dir=desc",
  "sort=score&dir=desc",
  "sort=connectedOn&dir=asc",
  "sort=seniority",
];

describe("filterQuery", () => {
  it.each(LINKS)("writes what serializeFilter writes for “%s”", (link) => {
    const { filter, errors } = parseFilter(link);
    expect(errors).toEqual([]);
    expect(filterQuery(filter)).toBe(serializeFilter(filter).toString());
  });

  it("writes a canonical link for a filter changed in the browser (ids appended, text untrimmed)", () => {
    const base = parseFilter("tag=t5&seniority=owner,vp").filter;
    const changed: TConnectionFilter = { ...base, tags: [...(base.tags ?? []), "t1", "t5"], q: "  ada  lovelace ", company: " " };
    expect(filterQuery(changed)).toBe(serializeFilter(changed).toString());
    expect(parseFilter(filterQuery(changed)).filter).toEqual(canonicalFilter(changed));
  });

  it("knows the same natural sort directions and defaults", () => {
    expect(SORT_DIR).toEqual(DEFAULT_SORT_DIR);
    expect(filterQuery(CORE_DEFAULT)).toBe("");
  });
});
