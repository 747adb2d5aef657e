import { describe, expect, it } from "vitest";
import { detectDelimiter, readRecords, type TCsvRecord } from "./csv";
import { readRecordStream } from "./csv-stream";
import { lastRecordBoundary } from "./record-boundary";

const read = (text: string, opts: Partial<Parameters<typeof readRecords>[1]> = {}) => readRecords(text, { delimiter: ",", ...opts });
const lines = (records: TCsvRecord[]) => records.map((r) => [r.line, r.malformed ? "MALFORMED" : r.fields.join("|")]);

describe("readRecords", () => {
  it("gives each record the physical line where it starts, also after multi-line fields", () => {
    const text = 'a,b\n1,"x\ny\nz"\n2,w\n\n3,"p, q"\n4,"single ""quoted"""';
    expect(lines(read(text))).toEqual([
      [1, "a|b"],
      [2, "1|x\ny\nz"],
      [5, "2|w"],
      [7, "3|p, q"],
      [8, '4|single "quoted"'],
    ]);
  });

  it("counts CRLF and lone CR line endings as one line each, inside quotes too", () => {
    expect(lines(read('a,b\r\n1,"x\r\ny"\r\n2,w\r\n'))).toEqual([
      [1, "a|b"],
      [2, "1|x\ny"],
      [4, "2|w"],
    ]);
    expect(lines(read("a,b\r1,x\r2,y"))).toEqual([
      [1, "a|b"],
      [2, "1|x"],
      [3, "2|y"],
    ]);
  });

  it("drops blank lines and delimiter-only lines but keeps a row with one value", () => {
    expect(lines(read("a,b,c\n\n,,\n , \n,,08 Jun 2026\n\n\n"))).toEqual([
      [1, "a|b|c"],
      [5, "||08 Jun 2026"],
    ]);
  });

  it("keeps stray quotes inside unquoted values", () => {
    expect(read('a,b\n1,O"Brien\n2,5" screen').map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", 'O"Brien'],
      ["2", '5" screen'],
    ]);
  });

  it("recovers after an opening quote that is never closed", () => {
    expect(lines(read('a,b\n1,"x\n2,y\n3,z\n'))).toEqual([
      [1, "a|b"],
      [2, "MALFORMED"],
      [3, "2|y"],
      [4, "3|z"],
    ]);
    const recovered = read('a,b\n1,"x\n2,y\n3,"z"\n4,w\n');
    expect(lines(recovered)).toEqual([
      [1, "a|b"],
      [2, "MALFORMED"],
      [3, "2|y"],
      [4, "3|z"],
      [5, "4|w"],
    ]);
    expect(recovered[1]).toMatchObject({ fields: ['1,"x'], malformed: expect.stringContaining("quote") });
  });

  it("with the header's width, splits a quote that swallowed lines but keeps real multi-line values", () => {
    const text = 'a,b,c\n1,"x,y\n2,y,z\n3,"multi\nline",ok\n';
    expect(lines(read(text, { expectedFields: 3, expectFromLine: 2 }))).toEqual([
      [1, "a|b|c"],
      [2, "MALFORMED"],
      [3, "2|y|z"],
      [4, "3|multi\nline|ok"],
    ]);
  });

  it("reads a file that is one long unclosed quote without hanging", () => {
    const text = "a,b\n" + Array.from({ length: 3000 }, (_, i) => `${i},"x`).join("\n");
    const start = performance.now();
    const records = read(text);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(records.length).toBe(3001);
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c\n1,2,3\n", ","],
    ["a;b;c\n1;2,5;3\n1;Head of Sales, EMEA;x\n", ";"],
    ["a\tb\tc\n1\tDoe, John\t3\n", "\t"],
    ['Notes:;;\n"A sentence, with commas, inside quotes";;\n;;\nFirst Name;Last Name;URL\n', ";"],
    ['Notes:\n"A sentence; with; semicolons, inside quotes"\n\nFirst Name,Last Name,URL\nA,B,C\n', ","],
    ["single column\nvalue\n", ","],
  ])("%j → %j", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("streaming", () => {
  async function* chunks(text: string, size: number) {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const readStream = async (text: string, size: number) => {
    const out: TCsvRecord[] = [];
    for await (const batch of readRecordStream(chunks(text, size), { delimiter: "," })) out.push(...batch);
    return out;
  };

  it("gives the same records and lines as whole-text reading, whatever the chunk size", async () => {
    const row = (i: number) => (i % 7 === 0 ? `${i},"multi\r\nline, ""quoted""",x` : `${i},plain,y`);
    const text = ["id,text,z", ...Array.from({ length: 20_000 }, (_, i) => row(i))].join("\r\n");
    const whole = read(text);
    for (const size of [1 << 20, 4096, 997]) expect(await readStream(text, size)).toEqual(whole);
  });

  it("lastRecordBoundary skips line breaks inside quotes", () => {
    expect(lastRecordBoundary('a,"b\nc"\nd,"e\n', ",")).toBe(8);
    expect(lastRecordBoundary('a,"b\nc', ",")).toBe(-1);
    expect(lastRecordBoundary('a,x"y\nb\n', ",")).toBe(8);
  });
});
