import type { TRowErrorCode } from "../errors";

export { normalizeProfileUrl, type TProfileUrlResult } from "./profile-url";
export { detectDayFirst, parseDate, type TDateHint, type TDateResult } from "./dates";

/** A normalised value, or why the raw text is not acceptable (the row is then rejected). */
export type TFieldResult<T> = { ok: true; value: T } | { ok: false; code: TRowErrorCode; message: string };

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 500;

/** Deliberately simple: exports hold real addresses or junk, and the RFC edge cases are neither. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** Trim, one space between words, NFC (so "José" typed two ways is one name). Blank → null. */
export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let text = raw.trim();
  if (text === "") return null;
  // Most values need neither step; skipping them keeps 30,000-row files fast.
  if (/\s\s|[\t\n\r\f\v\u00a0]/.test(text)) text = text.replace(/\s+/g, " ");
  return /[^\x00-\x7f]/.test(text) ? text.normalize("NFC") : text;
}

export function normalizeText(raw: string | undefined, maxLength: number, label: string): TFieldResult<string | null> {
  const value = cleanText(raw);
  if (value !== null && value.length > maxLength) {
    return { ok: false, code: "too_long", message: `The ${label} is ${value.length} characters long; at most ${maxLength} are allowed.` };
  }
  return { ok: true, value };
}

export function normalizeEmail(raw: string | undefined): TFieldResult<string | null> {
  const text = raw?.trim() ?? "";
  if (text === "") return { ok: true, value: null };
  const email = text.replace(/^mailto:/i, "").toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    return { ok: false, code: "invalid_email", message: `"${shown}" is not an email address (expected name@domain.tld).` };
  }
  return { ok: true, value: email };
}

/** "Ada Byron-Lovelace" → first "Ada", last "Byron-Lovelace" (split at the first space). */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const space = fullName.indexOf(" ");
  if (space === -1) return { firstName: fullName, lastName: "" };
  return { firstName: fullName.slice(0, space), lastName: fullName.slice(space + 1) };
}

/** How messages and recommendations (which carry names, not URLs) find a connection. */
export function nameKey(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

export interface TIdentityInput {
  profileKey?: string | null; // from normalizeProfileUrl
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  connectedOn?: string | null;
}

/**
 * Identity of a connection within one account: the profile URL when there is one (it never
 * changes hands), else the email, else the name with the connection date, so two different
 * "John Smith"s connected on different days stay two people. Null when there is nothing at all.
 */
export function identityKey(row: TIdentityInput): string | null {
  if (row.profileKey) return row.profileKey;
  if (row.email) return `email:${row.email}`;
  const first = nameKeyPart(row.firstName);
  const last = nameKeyPart(row.lastName);
  if (first === "" && last === "") return null;
  return `name:${first}|${last}|${row.connectedOn ?? ""}`;
}

function nameKeyPart(name: string | null | undefined): string {
  return (name ?? "").normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}
