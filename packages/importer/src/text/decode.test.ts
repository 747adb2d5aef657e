import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ImportFileError } from "../errors";
import { decodeStream, decodeText } from "./decode";

const TEXT = "First Name,Last Name\nZoë,Łukasz – “quoted” €\n";
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
};
const bytes = (...parts: Array<number[] | Uint8Array>) => new Uint8Array(parts.flatMap((p) => [...p]));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportFileError) return error.code;
    throw error;
  }
  return null;
};

describe("decodeText", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode(TEXT), "utf-8"],
    ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], new TextEncoder().encode(TEXT)), "utf-8"],
    ["UTF-16LE with BOM", bytes([0xff, 0xfe], utf16le(TEXT)), "utf-16le"],
    ["UTF-16BE with BOM", bytes([0xfe, 0xff], utf16be(TEXT)), "utf-16be"],
    ["UTF-16LE without BOM", utf16le(TEXT), "utf-16le"],
    ["UTF-16BE without BOM", utf16be(TEXT), "utf-16be"],
  ])("%s", (_name, input, encoding) => {
    expect(decodeText(input)).toEqual({ text: TEXT, encoding });
  });

  it("falls back to windows-1252, including its 0x80–0x9F punctuation", () => {
    const input = bytes(new TextEncoder().encode("Name\n"), [0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x80, 0x94, 0x0a]);
    expect(decodeText(input)).toEqual({ text: "Name\nJosé – “€”\n", encoding: "windows-1252" });
  });

  it("refuses empty, blank, NUL-bearing and control-character files", () => {
    expect(codeOf(() => decodeText(new Uint8Array()))).toBe("empty_file");
    expect(codeOf(() => decodeText(new TextEncoder().encode(" \r\n\t \n")))).toBe("empty_file");
    expect(codeOf(() => decodeText(bytes([0xef, 0xbb, 0xbf])))).toBe("empty_file");
    expect(codeOf(() => decodeText(new TextEncoder().encode("a,b\n1,\u00002\n")))).toBe("undecodable_text");
    expect(codeOf(() => decodeText(bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0x42])))).toBe("undecodable_text");
    expect(codeOf(() => decodeText(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])))).toBe("undecodable_text"); // .xls
  });
});

describe("decodeStream", () => {
  const decodeAll = async (chunks: Uint8Array[]) => {
    const out: string[] = [];
    for await (const piece of Readable.from(chunks).pipe(decodeStream())) out.push(piece as string);
    return out.join("");
  };
  /** Splits at every position, so BOMs and multi-byte characters get cut between chunks. */
  const splitEverywhere = (input: Uint8Array) => Array.from({ length: input.length }, (_, i) => input.subarray(i, i + 1));

  it.each([
    ["UTF-8", new TextEncoder().encode(TEXT)],
    ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], new TextEncoder().encode(TEXT))],
    ["UTF-16LE with BOM", bytes([0xff, 0xfe], utf16le(TEXT))],
    ["UTF-16BE without BOM", utf16be(TEXT)],
  ])("%s, in one chunk and byte by byte", async (_name, input) => {
    expect(await decodeAll([input])).toBe(TEXT);
    expect(await decodeAll(splitEverywhere(input))).toBe(TEXT);
  });

  it("decodes windows-1252 when the head is not UTF-8", async () => {
    expect(await decodeAll([bytes([0x4a, 0x6f, 0x73, 0xe9, 0x0a])])).toBe("José\n");
  });

  it("fails with ImportFileError on empty and binary streams", async () => {
    await expect(decodeAll([])).rejects.toMatchObject({ code: "empty_file" });
    await expect(decodeAll([bytes([0xef, 0xbb, 0xbf]), new TextEncoder().encode("  \n")])).rejects.toMatchObject({ code: "empty_file" });
    await expect(decodeAll([bytes([0x41, 0, 0, 0x42, 0, 0, 7, 8, 9])])).rejects.toBeInstanceOf(ImportFileError);
  });
});
