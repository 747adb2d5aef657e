const QUOTE = 34;
const NEWLINE = 10;

/**
 * Index just after the last line break that ends a record, or -1. Mirrors csv-parse with
 * relax_quotes: a quote opens a quoted field only at the start of a field, `""` inside is an
 * escaped quote, and a closing quote followed by other text turns the field back into text.
 */
export function lastRecordBoundary(text: string, delimiter: string): number {
  const delim = delimiter.charCodeAt(0);
  let fieldStart = true;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && fieldStart) {
      // Inside a quoted field only quotes matter: jump from one to the next.
      for (;;) {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return last;
        i = close;
        if (text.charCodeAt(i + 1) !== QUOTE) break;
        i++; // "" is an escaped quote
      }
      fieldStart = false;
    } else if (c === delim) {
      fieldStart = true;
    } else if (c === NEWLINE) {
      last = i + 1;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  return last;
}
