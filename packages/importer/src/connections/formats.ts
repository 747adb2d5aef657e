import type { TFormat, TTargetField } from "../types";

/**
 * Known connection-file layouts, recognised by header names only (never by position). Aliases
 * are written as in the files; they are compared after normalizeHeader(), best alias first.
 */
export interface TFormatDef {
  format: Exclude<TFormat, "mapped" | "unknown">;
  columns: Partial<Record<TTargetField, readonly string[]>>;
  /** Given a test for normalised header names, is this header row this format? */
  recognise: (has: (header: string) => boolean) => boolean;
  /** Several profile-URL candidates where non-LinkedIn values are ignored, not rejected. */
  lenientProfileUrl?: boolean;
  /** Google Contacts packs several values in one cell, separated by " ::: ". */
  multiValueSeparator?: string;
}

export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[\uFEFF"']/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

const anyOf = (has: (h: string) => boolean, names: readonly string[]) => names.some((n) => has(normalizeHeader(n)));

const GOOGLE_WEBSITES = Array.from({ length: 9 }, (_, i) => `Website ${i + 1} - Value`);
const SALES_NAV_URLS = ["Sales Navigator URL", "Sales Navigator Profile URL", "Sales Navigator Link", "Sales Nav URL", "SalesNav URL", "Lead URL", "Sales Navigator Lead URL"];

/** Checked in this order: the first format whose recognise() accepts the header row wins. */
export const FORMAT_DEFS: readonly TFormatDef[] = [
  {
    // Google Contacts: new export (First Name, Organization Name...) and the old Gmail one
    // (Given Name, Organization 1 - Name...). Websites hold a LinkedIn URL only sometimes.
    format: "google-contacts",
    columns: {
      firstName: ["First Name", "Given Name"],
      lastName: ["Last Name", "Family Name"],
      fullName: ["Name"],
      email: ["E-mail 1 - Value", "E-mail 2 - Value"],
      company: ["Organization Name", "Organization 1 - Name"],
      position: ["Organization Title", "Organization 1 - Title"],
      profileUrl: GOOGLE_WEBSITES,
    },
    recognise: (has) => anyOf(has, ["E-mail 1 - Value", "Organization 1 - Name"]) || (has("given name") && has("family name")),
    lenientProfileUrl: true,
    multiValueSeparator: ":::",
  },
  {
    // HubSpot contact export: always carries "Record ID" (and usually "Contact owner").
    // A LinkedIn URL column is a custom property, so several common names are accepted.
    format: "hubspot",
    columns: {
      firstName: ["First Name"],
      lastName: ["Last Name"],
      email: ["Email", "Email Address"],
      company: ["Company Name", "Company", "Associated Company"],
      position: ["Job Title", "Title"],
      profileUrl: ["LinkedIn URL", "LinkedIn Profile URL", "LinkedIn Profile", "LinkedIn"],
    },
    recognise: (has) => anyOf(has, ["Record ID", "Contact owner", "HubSpot Owner"]),
  },
  {
    // PhantomBuster (connections export, network booster, Sales Navigator search export):
    // camelCase columns; linkedinProfileUrl beats profileUrl (a Sales Navigator link there).
    format: "phantombuster",
    columns: {
      profileUrl: ["linkedinProfileUrl", "profileUrl", "defaultProfileUrl"],
      firstName: ["firstName"],
      lastName: ["lastName"],
      fullName: ["fullName", "name"],
      position: ["title", "occupation", "job", "jobTitle", "headline"],
      company: ["company", "companyName"],
      connectedOn: ["connectionSince", "connectionDate", "connectedAt"],
      email: ["email", "mail", "professionalEmail"],
    },
    recognise: (has) => anyOf(has, ["profileUrl", "linkedinProfileUrl", "defaultProfileUrl"]) && anyOf(has, ["firstName", "lastName", "fullName"]),
  },
  {
    // Sales Navigator lead lists as written by export tools (LinkedIn itself has no export).
    // ASSUMPTION: recognised by a Sales Navigator URL column, or Title + Connection Degree + a
    // URL column. /in/ URLs are preferred; a lead URL gives the key salesnav:<id>.
    format: "sales-navigator",
    columns: {
      firstName: ["First Name"],
      lastName: ["Last Name"],
      fullName: ["Full Name", "Name"],
      position: ["Title", "Job Title", "Current Title"],
      company: ["Company", "Company Name", "Current Company"],
      profileUrl: ["LinkedIn URL", "LinkedIn Profile URL", "Profile URL", ...SALES_NAV_URLS],
      email: ["Email", "Email Address", "Work Email"],
      connectedOn: ["Connected On", "Connection Date"],
    },
    recognise: (has) =>
      anyOf(has, SALES_NAV_URLS) || (anyOf(has, ["Title", "Job Title"]) && has("connection degree") && anyOf(has, ["LinkedIn URL", "Profile URL"])),
  },
  {
    // LeadDelta's CSV export. ASSUMPTION (no public sample found): First Name, Last Name,
    // Full Name, Title, Company, Email, Phone, LinkedIn Profile, Location, Connected On, Tags,
    // Notes. Recognised by a "LinkedIn Profile" column next to Tags or Connected On.
    format: "leaddelta",
    columns: {
      firstName: ["First Name"],
      lastName: ["Last Name"],
      fullName: ["Full Name", "Name"],
      position: ["Title", "Job Title", "Position", "Headline"],
      company: ["Company", "Company Name"],
      email: ["Email", "Email Address", "Work Email"],
      profileUrl: ["LinkedIn Profile", "LinkedIn Profile URL", "LinkedIn URL"],
      connectedOn: ["Connected On", "Connection Date", "Connected At"],
    },
    recognise: (has) => anyOf(has, ["LinkedIn Profile", "LinkedIn Profile URL"]) && anyOf(has, ["Tags", "Connected On", "Connection Date"]),
  },
  {
    // LinkedIn's own Connections.csv, every year's layout, also with columns deleted/reordered.
    format: "linkedin-connections",
    columns: {
      firstName: ["First Name"],
      lastName: ["Last Name"],
      profileUrl: ["URL", "Profile URL", "LinkedIn URL"],
      email: ["Email Address", "Email", "E-mail Address"],
      company: ["Company"],
      position: ["Position", "Title"],
      connectedOn: ["Connected On"],
    },
    recognise: (has) =>
      has("first name") &&
      has("last name") &&
      ["company", "position", "connected on", "url", "email address"].filter((h) => has(h)).length >= 2,
  },
];
