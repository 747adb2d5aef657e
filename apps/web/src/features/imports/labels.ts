// Words the import screens share (server and client components alike): status names, what the
// worker is doing, and the fields a column can be mapped to. Keys match core's values.

export type TImportStatus = "UPLOADING" | "QUEUED" | "PROCESSING" | "NEEDS_MAPPING" | "NEEDS_CONFIRMATION" | "COMPLETED" | "FAILED" | "DISCARDED";

export const STATUS_LABEL: Record<TImportStatus, string> = {
  UPLOADING: "Uploading",
  QUEUED: "Queued",
  PROCESSING: "Importing",
  NEEDS_MAPPING: "Needs column mapping",
  NEEDS_CONFIRMATION: "Waiting for your confirmation",
  COMPLETED: "Completed",
  FAILED: "Failed",
  DISCARDED: "Discarded",
};

export const ACTIVE_STATUSES: readonly string[] = ["UPLOADING", "QUEUED", "PROCESSING"];
export const isActive = (status: string) => ACTIVE_STATUSES.includes(status);

export function statusLabel(status: string): string {
  return STATUS_LABEL[status as TImportStatus] ?? status;
}

const PHASE_TEXT: Record<string, string> = {
  reading: "Reading file…",
  parsing: "Checking rows…",
  saving: "Saving…",
};

/** One line on what is happening now, for the progress bar and screen readers. */
export function phaseText(status: string, phase: string | null): string {
  if (status === "UPLOADING") return "Receiving the file…";
  if (status === "QUEUED") return "Waiting for a worker to start…";
  return (phase && PHASE_TEXT[phase]) ?? "Importing…";
}

/** "1 message", "2 messages"; `many` for irregular plurals ("people"). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** The messages tile's hint: messages sent (drafts are not) and the people in them, each once. */
export function messagesHint(m: { people: number; rows: number }): string {
  return `${countOf(m.people, "person", "people")} in ${countOf(m.rows, "message")}`;
}

export const MAPPING_FIELDS = [
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "fullName", label: "Full name" },
  { key: "profileUrl", label: "Profile URL" },
  { key: "email", label: "Email" },
  { key: "company", label: "Company" },
  { key: "position", label: "Position" },
  { key: "connectedOn", label: "Connected on" },
] as const;

export type TMappingField = (typeof MAPPING_FIELDS)[number]["key"];

// Header names other tools use for each field, to pre-select a likely column. Only a suggestion:
// the user sees every choice and the sample rows before saving.
const GUESS: Record<TMappingField, RegExp> = {
  firstName: /^(first|given|vorname|pr[ée]nom)/,
  lastName: /^(last|family|sur|nachname|nom$)/,
  fullName: /^(full ?name|name|display ?name|contact)$/,
  profileUrl: /(linkedin|profile?).*(url|link)|^(url|link|profile?|linkedin)$/,
  email: /e-?mail/,
  company: /(company|organi[sz]ation|employer|firma|account ?name)/,
  position: /(position|title|titel|job|role|headline)/,
  connectedOn: /(connected|connection ?date|date ?added|since)/,
};

export function guessMapping(headers: string[]): Partial<Record<TMappingField, string>> {
  const out: Partial<Record<TMappingField, string>> = {};
  const taken = new Set<string>();
  for (const { key } of MAPPING_FIELDS) {
    const h = headers.find((x) => !taken.has(x) && GUESS[key].test(x.trim().toLowerCase()));
    if (h) {
      out[key] = h;
      taken.add(h);
    }
  }
  return out;
}
