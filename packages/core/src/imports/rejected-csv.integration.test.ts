import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CR_FORMULA, formulaStarts, MULTILINE_FORMULA } from "../csv/spreadsheet-safety.test-util";
import { ownerQuery, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";
import { rejectedRowsCsv } from "./queries";

let a: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("rejCsv");
});
afterAll(stopTestEnv);

describe("the rejected-rows download", () => {
  it("quotes fields holding a bare CR or LF and neutralises every line of them", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"]]));
    // Rows as the importer stores them when it rejects them: the file's own fields, line breaks and all
    // (a quoted CSV field may hold them). Inserted directly: what is tested here is the download.
    const insert = `INSERT INTO "ImportRejection" ("teamId", "importId", seq, file, line, field, code, message, raw)
                    VALUES ($1, $2, $3, 'Connections.csv', $4, 'Connected On', 'invalid_date', 'not a date', $5)`;
    await ownerQuery(insert, [a.team.id, s.importId, 1, 6, ["Bob", "B", "https://www.linkedin.com/in/bob-b", "", CR_FORMULA, "CTO", "not a date"]]);
    await ownerQuery(insert, [a.team.id, s.importId, 2, 7, ["Cy", "C", "https://www.linkedin.com/in/cy-c", "", "Hooli", MULTILINE_FORMULA, "31 Foo 2024"]]);

    const csv = await rejectedRowsCsv(a.ctx, s.importId);
    expect(formulaStarts(csv)).toEqual([]);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toHaveLength(3);
    const cells = rows.slice(1).flat();
    expect(cells).toContain(CR_FORMULA.replace("\r@", "\r'@"));
    expect(cells).toContain(MULTILINE_FORMULA.replace("\n=", "\n'="));
  });
});
