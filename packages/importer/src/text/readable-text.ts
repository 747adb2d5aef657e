import { ImportFileError } from "../errors";

/** Throws when decoded text cannot be a CSV: blank, or binary that merely decoded. */
export function assertReadableText(text: string): void {
  if (text.trim() === "") throw emptyFile();
  if (text.includes("\u0000")) {
    throw new ImportFileError(
      "undecodable_text",
      "The file contains binary data (NUL bytes), so it is not a CSV text file. If it is a spreadsheet, save it as CSV (UTF-8) and upload that.",
    );
  }
  if (countBadChars(text) > text.length * 0.1) {
    throw new ImportFileError(
      "undecodable_text",
      "The file is mostly control or unreadable characters, so it is not a CSV text file. Save it as CSV (UTF-8) and upload it again.",
    );
  }
}

/** C0 controls except tab/LF/CR, DEL, C1 controls and U+FFFD (what undecodable bytes become). */
const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

function countBadChars(text: string): number {
  if (!BAD_CHAR.test(text)) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad;
}

export function emptyFile(): ImportFileError {
  return new ImportFileError("empty_file", "The file is empty. Export it again from LinkedIn and upload the new file.");
}
