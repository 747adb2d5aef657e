import { cleanText, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, nameKey, normalizeText, type TFieldResult } from "../connections/normalize";
import type { TRejectedRow } from "../types";
import type { TSideFileOptions } from "./invitations";
import { cell, columnDayFirst, readDateCell, readSideCsv, sideRejection } from "./side-csv";
import type { TParsedRecommendations, TRecommendationRow } from "./types";

/**
 * Recommendations_Received.csv: no profile URL, so rows are matched later by name and company.
 * The recommendation text is personal and not needed: it is never kept, not even in the raw
 * fields of a rejected row.
 */
export function parseRecommendations(bytes: Uint8Array, opts: TSideFileOptions = {}): TParsedRecommendations {
  const table = readSideCsv(bytes, opts.fileName ?? "Recommendations_Received.csv", ["First Name", "Last Name"]);
  const now = opts.now ?? new Date();
  const col = {
    first: table.column("First Name"),
    last: table.column("Last Name"),
    company: table.column("Company"),
    jobTitle: table.column("Job Title"),
    text: table.column("Text"),
    created: table.column("Creation Date"),
    status: table.column("Status"),
  };
  const dayFirst = columnDayFirst(table.records, col.created);
  const rows: TRecommendationRow[] = [];
  const rejected: TRejectedRow[] = [];

  for (const record of table.records) {
    const withoutText = col.text === undefined ? record.fields : record.fields.map((f, i) => (i === col.text ? "" : f));
    const reject = (column: number | undefined, code: TRejectedRow["code"], message: string) =>
      rejected.push(sideRejection(table, record, column, code, message, withoutText));
    if (record.malformed) {
      reject(undefined, record.malformedCode ?? "malformed_csv", record.malformed);
      continue;
    }
    const fields = {
      first: normalizeText(cell(record, col.first), MAX_NAME_LENGTH, "first name"),
      last: normalizeText(cell(record, col.last), MAX_NAME_LENGTH, "last name"),
      company: normalizeText(cell(record, col.company), MAX_TEXT_LENGTH, "company"),
      jobTitle: normalizeText(cell(record, col.jobTitle), MAX_TEXT_LENGTH, "job title"),
    };
    // Report the leftmost problem, as the user reads the row.
    const problems = (Object.keys(fields) as Array<keyof typeof fields>)
      .map((name) => ({ column: col[name], result: fields[name] }))
      .filter((p) => !p.result.ok)
      .sort((a, b) => (a.column ?? 0) - (b.column ?? 0));
    const problem = problems[0];
    if (problem && !problem.result.ok) {
      reject(problem.column, problem.result.code, problem.result.message);
      continue;
    }
    const firstName = okValue(fields.first);
    const lastName = okValue(fields.last);
    if (!firstName && !lastName) {
      reject(undefined, "missing_identity", "The recommender has no name, so the recommendation cannot be matched.");
      continue;
    }
    const created = readDateCell(cell(record, col.created), dayFirst, now);
    if ("error" in created) {
      reject(col.created, "invalid_date", created.error);
      continue;
    }
    rows.push({
      line: record.line,
      firstName: firstName ?? "",
      lastName: lastName ?? "",
      company: okValue(fields.company),
      jobTitle: okValue(fields.jobTitle),
      nameKey: nameKey(firstName ?? "", lastName ?? ""),
      status: cleanText(cell(record, col.status)),
      createdAt: created.at,
    });
  }
  return { rows, rejected, total: table.records.length, headers: table.headers };
}

function okValue(result: TFieldResult<string | null>): string | null {
  return result.ok ? result.value : null;
}
