import type { TCsvRecord } from "../text/csv";
import type { TConnectionRow, TRowError, TTargetField } from "../types";
import type { TColumnPlan } from "./columns";
import type { THeaderRow } from "./headers";
import {
  identityKey,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  normalizeEmail,
  normalizeProfileUrl,
  normalizeText,
  parseDate,
  splitFullName,
  type TDateHint,
  type TFieldResult,
} from "./normalize";

export type TFieldProblem = Omit<TRowError, "line">;
export type TRowOutcome = { ok: true; row: TConnectionRow; warnings: Array<TFieldProblem & { target: TTargetField }> } | { ok: false; error: TFieldProblem };

/**
 * Fields a person is kept without: a bad value there is blanked and reported as a warning, so
 * one typo in an email or an over-long position does not lose the person. Names and the profile
 * URL say who the person is, so a bad one still rejects the row.
 */
const OPTIONAL: ReadonlySet<TTargetField> = new Set(["email", "company", "position", "connectedOn"]);

interface TPicked {
  field: TTargetField;
  column: number;
  raw: string;
}

/**
 * One data record → a connection (with a warning per optional field left blank), or the first
 * problem that rejects it. Fields are checked in the file's column order so the reported problem
 * is the leftmost one, as the user reads the row.
 */
export function buildRow(record: TCsvRecord, header: THeaderRow, plan: TColumnPlan, dateHint: TDateHint): TRowOutcome {
  const { fields } = record;
  const width = header.headers.length;
  if (fields.length > width && fields.slice(width).some((f) => f.trim() !== "")) {
    return fail(
      "(row)",
      "column_count",
      `This row has ${fields.length} fields but the header has ${width}; a value probably contains an unquoted delimiter or the columns were shifted.`,
    );
  }

  const picked = pickValues(fields, plan);
  const date = picked.length === 1 && picked[0]!.field === "connectedOn" ? picked[0] : undefined;
  if (date && fields.every((f, i) => i === date.column || f.trim() === "")) {
    return fail(
      "(row)",
      "anonymous_member",
      "This row has only a date: LinkedIn leaves out members who closed their account or hid their profile, so it identifies nobody.",
    );
  }

  const values: Partial<Record<TTargetField, string | null>> = {};
  const warnings: Array<TFieldProblem & { target: TTargetField }> = [];
  let profileKey: string | null = null;
  if (!isSorted(picked)) picked.sort((a, b) => a.column - b.column);
  for (const pick of picked) {
    const headerName = header.headers[pick.column] ?? "(row)";
    if (pick.field === "profileUrl") {
      const url = normalizeProfileUrl(pick.raw);
      if (!url.ok) return fail(headerName, url.code, url.message);
      profileKey = url.key;
      values.profileUrl = url.url;
      continue;
    }
    const result = validate(pick.field, pick.raw, dateHint);
    if (result.ok) values[pick.field] = result.value;
    else if (OPTIONAL.has(pick.field)) warnings.push({ field: headerName, target: pick.field, code: result.code, message: `${result.message} The person was kept with ${headerName} left blank.` });
    else return fail(headerName, result.code, result.message);
  }

  let firstName = values.firstName ?? null;
  let lastName = values.lastName ?? null;
  if (firstName === null && lastName === null && values.fullName) {
    ({ firstName, lastName } = splitFullName(values.fullName));
  }
  const email = values.email ?? null;
  const connectedOn = values.connectedOn ?? null;
  const key = identityKey({ profileKey, email, firstName, lastName, connectedOn });
  if (key === null) {
    return fail("(row)", "missing_identity", "This row has no profile URL, no email and no name, so it cannot be matched to anyone.");
  }
  return {
    ok: true,
    warnings,
    row: {
      line: record.line,
      identityKey: key,
      profileUrl: values.profileUrl ?? null,
      firstName: firstName ?? "",
      lastName: lastName ?? "",
      email,
      company: values.company ?? null,
      position: values.position ?? null,
      connectedOn,
    },
  };
}

function isSorted(picked: readonly TPicked[]): boolean {
  for (let i = 1; i < picked.length; i++) if (picked[i - 1]!.column > picked[i]!.column) return false;
  return true;
}

/** The value each field takes: the first non-empty candidate column (see TColumnPlan). */
function pickValues(fields: readonly string[], plan: TColumnPlan): TPicked[] {
  const picked: TPicked[] = [];
  for (const [field, columns] of plan.candidates) {
    for (const column of columns) {
      const raw = pickFromCell(fields[column] ?? "", field, plan);
      if (raw !== null) {
        picked.push({ field, column, raw });
        break;
      }
    }
  }
  return picked;
}

function pickFromCell(cell: string, field: TTargetField, plan: TColumnPlan): string | null {
  if (!plan.multiValueSeparator && !plan.lenientProfileUrl) return cell.trim() === "" ? null : cell;
  const parts = plan.multiValueSeparator ? cell.split(plan.multiValueSeparator) : [cell];
  for (const part of parts) {
    const value = part.trim();
    if (value === "") continue;
    // Google Contacts websites are any site; only LinkedIn profiles count, the rest is ignored.
    if (field === "profileUrl" && plan.lenientProfileUrl && !normalizeProfileUrl(value).ok) continue;
    return value;
  }
  return null;
}

function validate(field: Exclude<TTargetField, "profileUrl">, raw: string, dateHint: TDateHint): TFieldResult<string | null> {
  switch (field) {
    case "firstName":
      return normalizeText(raw, MAX_NAME_LENGTH, "first name");
    case "lastName":
      return normalizeText(raw, MAX_NAME_LENGTH, "last name");
    case "fullName":
      return normalizeText(raw, MAX_NAME_LENGTH, "name");
    case "company":
      return normalizeText(raw, MAX_TEXT_LENGTH, "company");
    case "position":
      return normalizeText(raw, MAX_TEXT_LENGTH, "position");
    case "email":
      return normalizeEmail(raw);
    case "connectedOn":
      return parseDate(raw, dateHint);
  }
}

function fail(field: string, code: TRowError["code"], message: string): TRowOutcome {
  return { ok: false, error: { field, code, message } };
}
