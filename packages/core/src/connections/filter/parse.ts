import { z } from "zod";
import { FLAG_CODES, FUNCTIONS, SENIORITIES, type TFunction, type TSeniority } from "@crm/scoring";
import { DEFAULT_SORT_DIR, FILTER_LIMITS, ID_PATTERN, canonicalFilter, canonicalText } from "./canonical";
import { formatSearch, searchTerms } from "./search";
import {
  CONNECTION_STATUSES,
  DEFAULT_FILTER,
  FITS,
  SORT_KEYS,
  TAG_MODES,
  type TConnectionFilter,
  type TConnectionStatus,
  type TFilterError,
  type TSortDir,
  type TSortKey,
} from "./types";

// Reads the filter language from a query string. Never throws: a bad parameter becomes one error
// naming the value and what is allowed, and only that parameter is dropped, so a stale or
// hand-edited link still shows the rest of what it asked for. Parameters it does not know
// (cursor, limit, anything else) are left alone.

const ZDay = z.iso.date();
const ZWhole = z.string().regex(/^\d{1,6}$/).transform(Number);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A value quoted for a message: at most 40 characters, control characters made visible. */
function show(v: string): string {
  const clipped = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return `“${clipped.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD")}”`;
}

const showAll = (vs: readonly string[]) => vs.slice(0, 3).map(show).join(", ") + (vs.length > 3 ? ` and ${vs.length - 3} more` : "");
const isAre = (vs: readonly unknown[]) => (vs.length === 1 ? "is" : "are");

class Reader {
  readonly errors: TFilterError[] = [];
  constructor(private readonly params: URLSearchParams) {}

  fail(param: string, message: string): undefined {
    this.errors.push({ param, message });
    return undefined;
  }

  /** One value, or undefined when absent or empty. Repeating it with different values is an error. */
  single(param: string): string | undefined {
    const values = [...new Set(this.params.getAll(param).map((v) => v.trim()).filter(Boolean))];
    if (values.length > 1) return this.fail(param, `${param} is given ${values.length} different values (${showAll(values)}); give it once.`);
    return values[0];
  }

  /** Comma-separated and/or repeated values, trimmed, deduplicated, empties dropped. */
  list(param: string): string[] | undefined {
    const values = this.params.getAll(param).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    return values.length ? [...new Set(values)] : undefined;
  }

  oneOf<T extends string>(param: string, allowed: readonly T[], what: string, fold: (v: string) => string = (v) => v.toLowerCase()): T | undefined {
    const raw = this.single(param);
    if (raw === undefined) return undefined;
    const found = allowed.find((a) => fold(a) === fold(raw));
    return found ?? this.fail(param, `${show(raw)} is not ${what}. Use ${allowed.join(" or ")}.`);
  }

  /** Enum values, returned in their declared order. */
  enumList<T extends string>(param: string, allowed: readonly T[], what: string, fold: (v: string) => string = (v) => v.toLowerCase()): T[] | undefined {
    const values = this.list(param);
    if (!values) return undefined;
    const folded = new Set(values.map(fold));
    const bad = values.filter((v) => !allowed.some((a) => fold(a) === fold(v)));
    if (bad.length) return this.fail(param, `${showAll(bad)} ${isAre(bad)} not ${what}. Use any of: ${allowed.join(", ")}.`);
    return allowed.filter((a) => folded.has(fold(a)));
  }

  ids(param: string, what: string): string[] | undefined {
    const values = this.list(param);
    if (!values) return undefined;
    const bad = values.filter((v) => !ID_PATTERN.test(v));
    if (bad.length) return this.fail(param, `${showAll(bad)} ${isAre(bad)} not a valid ${what} id (letters, digits, “_” and “-”, at most 64 characters).`);
    if (values.length > FILTER_LIMITS.values) return this.fail(param, `${values.length} ${what}s given; filter by at most ${FILTER_LIMITS.values}.`);
    return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  id(param: string, what: string): string | undefined {
    const raw = this.single(param);
    if (raw === undefined || ID_PATTERN.test(raw)) return raw;
    return this.fail(param, `${show(raw)} is not a valid ${what} id (one id: letters, digits, “_” and “-”, at most 64 characters).`);
  }

  text(param: string, what: string): string | undefined {
    const raw = this.single(param);
    if (raw === undefined) return undefined;
    const text = canonicalText(raw);
    const control = CONTROL.exec(text);
    if (control) return this.fail(param, `${what} contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}); remove it.`);
    if (text.length > FILTER_LIMITS.text) return this.fail(param, `${what} is ${text.length} characters long; keep it to ${FILTER_LIMITS.text}.`);
    return text || undefined;
  }

  day(param: string): string | undefined {
    const raw = this.single(param);
    if (raw === undefined) return undefined;
    const ok = ZDay.safeParse(raw).success && Number(raw.slice(0, 4)) >= 1900 && Number(raw.slice(0, 4)) <= 2100;
    return ok ? raw : this.fail(param, `${show(raw)} is not a date. Use a real date as YYYY-MM-DD between 1900 and 2100, e.g. 2024-01-31.`);
  }

  whole(param: string, min: number, max: number, what: string): number | undefined {
    const raw = this.single(param);
    if (raw === undefined) return undefined;
    const n = ZWhole.safeParse(raw);
    if (n.success && n.data >= min && n.data <= max) return n.data;
    return this.fail(param, `${show(raw)} is not ${what}. Use a whole number from ${min} to ${max}.`);
  }

  yesNo(param: string): boolean | undefined {
    const v = this.oneOf(param, ["yes", "no"] as const, "yes or no");
    return v === undefined ? undefined : v === "yes";
  }
}

/** Reads a filter from a query string (with or without "?") or URLSearchParams. */
export function parseFilter(input: URLSearchParams | string): { filter: TConnectionFilter; errors: TFilterError[] } {
  const params = typeof input === "string" ? new URLSearchParams(input.startsWith("?") ? input.slice(1) : input) : input;
  const r = new Reader(params);
  const f: TConnectionFilter = { ...DEFAULT_FILTER, status: [...DEFAULT_FILTER.status] };

  f.q = r.text("q", "The search text");
  const terms = f.q ? searchTerms(f.q) : [];
  if (terms.length > FILTER_LIMITS.words) {
    // Never drop the search (that would show, export or tag everyone): search the first words, say which were left out.
    const left = formatSearch(terms.slice(FILTER_LIMITS.words));
    r.fail("q", `The search has ${terms.length} words; only the first ${FILTER_LIMITS.words} are searched. ${show(left)} ${terms.length - FILTER_LIMITS.words === 1 ? "was" : "were"} left out.`);
    f.q = formatSearch(terms.slice(0, FILTER_LIMITS.words));
  }
  f.accounts = r.ids("account", "account");
  f.tags = r.ids("tag", "tag");
  f.tagMode = r.oneOf("tagMode", TAG_MODES, "a tag mode") ?? DEFAULT_FILTER.tagMode;
  f.seniority = r.enumList<TSeniority>("seniority", SENIORITIES, "a seniority");
  f.function = r.enumList<TFunction>("function", FUNCTIONS, "a function");
  f.company = r.text("company", "The company");
  f.connectedFrom = r.day("connectedFrom");
  f.connectedTo = r.day("connectedTo");
  if (f.connectedFrom && f.connectedTo && f.connectedTo < f.connectedFrom) {
    r.fail("connectedTo", `The range ends (${f.connectedTo}) before it starts (${f.connectedFrom}); swap the dates.`);
    f.connectedTo = undefined;
  }
  f.inactiveMonths = r.whole("inactiveMonths", 1, FILTER_LIMITS.months, "a number of months");
  f.activeMonths = r.whole("activeMonths", 1, FILTER_LIMITS.months, "a number of months");
  if (f.inactiveMonths !== undefined && f.activeMonths !== undefined && f.activeMonths <= f.inactiveMonths) {
    r.fail(
      "activeMonths",
      `“Messaged in the last ${f.activeMonths} months” and “no message in ${f.inactiveMonths} months” exclude each other; activeMonths must be more than inactiveMonths.`,
    );
    f.activeMonths = undefined;
  }
  f.messaged = r.yesNo("messaged");
  f.endorsed = r.yesNo("endorsed");
  f.recommended = r.yesNo("recommended");
  f.jobChanged = r.yesNo("jobChanged");
  f.status = parseStatus(r) ?? f.status;
  f.icp = r.id("icp", "ICP");
  f.scoreMin = r.whole("scoreMin", 0, FILTER_LIMITS.score, "a score");
  f.scoreMax = r.whole("scoreMax", 0, FILTER_LIMITS.score, "a score");
  if (f.scoreMin !== undefined && f.scoreMax !== undefined && f.scoreMax < f.scoreMin) {
    r.fail("scoreMax", `The highest score (${f.scoreMax}) is below the lowest (${f.scoreMin}).`);
    f.scoreMax = undefined;
  }
  f.fit = r.enumList("fit", FITS, "a fit");
  f.flags = r.enumList<string>("flag", FLAG_CODES, "a flag");
  f.sort = r.oneOf<TSortKey>("sort", SORT_KEYS, "a sort column") ?? DEFAULT_FILTER.sort;
  f.dir = r.oneOf<TSortDir>("dir", ["asc", "desc"], "a sort direction") ?? DEFAULT_SORT_DIR[f.sort];
  return { filter: canonicalFilter(f), errors: r.errors };
}

function parseStatus(r: Reader): TConnectionStatus[] | undefined {
  const values = r.list("status");
  if (values?.some((v) => v.toLowerCase() === "all")) {
    const others = values.filter((v) => v.toLowerCase() !== "all" && !CONNECTION_STATUSES.includes(v.toUpperCase() as TConnectionStatus));
    if (others.length) return r.fail("status", `${showAll(others)} ${isAre(others)} not a status. Use all, or any of: ${CONNECTION_STATUSES.join(", ")}.`);
    return [...CONNECTION_STATUSES];
  }
  return r.enumList("status", CONNECTION_STATUSES, "a status", (v) => v.toUpperCase());
}
