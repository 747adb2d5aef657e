import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportFileError, type TFileErrorCode } from "../errors";
import { sniffUpload } from "./sniff";
import { pseudoRandomBytes } from "./test-zip";

const CSV = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nZoë,Müller,https://www.linkedin.com/in/zoe,,Ünïcode GmbH,CTO,08 Jun 2026\n";
const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

function refusal(head: Uint8Array): ImportFileError {
  try {
    sniffUpload(head);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    return err as ImportFileError;
  }
  throw new Error("expected sniffUpload to refuse the file");
}

function expectRefused(head: Uint8Array, code: TFileErrorCode, what: RegExp): void {
  const err = refusal(head);
  expect(err.code).toBe(code);
  expect(err.message).toMatch(what);
}

// An executable header: mostly NULs, as real ones are.
const pe = (() => {
  const h = Buffer.alloc(512);
  h.write("MZ", 0, "latin1");
  h.writeUInt32LE(0x80, 0x3c);
  h.write("PE\0\0", 0x80, "latin1");
  h.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  return h;
})();

describe("sniffUpload", () => {
  it("recognises ZIPs by their magic, including an empty archive", () => {
    expect(sniffUpload(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toEqual({ kind: "zip" });
    expect(sniffUpload(bytes([0x50, 0x4b, 0x05, 0x06], Array(18).fill(0)))).toEqual({ kind: "zip" });
  });

  it("refuses an empty file", () => {
    expectRefused(new Uint8Array(), "empty_file", /empty/);
  });

  it.each([
    ["PDF", bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), /PDF document/],
    ["PNG", bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13], "IHDR"), /PNG image/],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), /JPEG image/],
    ["GIF", bytes("GIF89a", [1, 0, 1, 0]), /GIF image/],
    ["WebP", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), /WebP image/],
    ["gzip", bytes([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), /gzip archive/],
    ["7z", bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), /7-Zip archive/],
    ["RAR", bytes("Rar!\x1a\x07\x01\x00"), /RAR archive/],
    ["bzip2", bytes("BZh9", [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]), /bzip2 archive/],
    ["ELF", bytes([0x7f], "ELF", [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), /ELF executable/],
    ["Windows executable", pe, /Windows executable/],
    ["random binary", pseudoRandomBytes(4096), /binary data/],
  ])("refuses a %s and says what it is", (_name, head, what) => {
    expectRefused(head, "not_csv_or_zip", what);
    expect(refusal(head).message).toMatch(/not a CSV or ZIP export/);
  });

  it("refuses an old Excel workbook (OLE) with advice to save as CSV", () => {
    expectRefused(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], Array(24).fill(0)), "excel_workbook", /save as.*CSV/i);
  });

  it("refuses text polluted with NULs or control bytes", () => {
    expectRefused(bytes(CSV.repeat(4).replace(/,/g, "\0")), "not_csv_or_zip", /binary/);
    expectRefused(bytes(CSV.replace(/[aeiou]/g, "\x03")), "not_csv_or_zip", /binary/);
  });

  it.each([
    ["UTF-8", Buffer.from(CSV, "utf8")],
    ["UTF-8 with BOM and CRLF", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV.replace(/\n/g, "\r\n"), "utf8")])],
    ["Windows-1252", Buffer.from(CSV, "latin1")],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, "utf16le")])],
    ["UTF-16LE without BOM", Buffer.from(CSV, "utf16le")],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV, "utf16le").swap16()])],
    ["UTF-16BE without BOM", Buffer.from(CSV, "utf16le").swap16()],
    ["text starting with MZ", Buffer.from("MZ Holdings,Name\nMZ,Ada\n")],
    ["text starting with BZh", Buffer.from("BZh,Name\n1,Ada\n")],
    ["a one-byte file", Buffer.from("a")],
    ["a head cut inside a UTF-8 character", Buffer.from(CSV, "utf8").subarray(0, 78)],
  ])("accepts %s as text", (_name, head) => {
    expect(sniffUpload(head)).toEqual({ kind: "text" });
  });

  it("accepts any printable text, and answers every input with a result or an ImportFileError", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        fc.pre(!/[\0-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]/.test(s) && s.length > 0);
        expect(sniffUpload(Buffer.from(s, "utf8"))).toEqual({ kind: "text" });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (head) => {
        try {
          expect(["zip", "text"]).toContain(sniffUpload(head).kind);
        } catch (err) {
          expect(err).toBeInstanceOf(ImportFileError);
        }
      }),
    );
  });
});
