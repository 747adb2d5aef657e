import { FLAG_LABELS, FUNCTION_TEXT, type TFlagCode, type TFunction, type TSeniority } from "@crm/scoring";
import type { TConnectionStatus, TFit, TSortKey } from "./types";

// Short labels for filter chips, select options and summaries. (SENIORITY_LABELS/FUNCTION_LABELS
// in @crm/scoring are the long explanations for help texts.)

export const SENIORITY_SHORT: Readonly<Record<TSeniority, string>> = {
  owner: "Owner/Founder",
  c_level: "C-level",
  vp: "VP",
  director: "Director",
  head: "Head of",
  manager: "Manager",
  senior_ic: "Senior IC",
  ic: "IC",
  intern_student: "Intern/Student",
  unknown: "Unknown",
};

/** The scorer's reason texts already use these short names. */
export const FUNCTION_SHORT: Readonly<Record<TFunction, string>> = FUNCTION_TEXT;

export const STATUS_LABELS: Readonly<Record<TConnectionStatus, string>> = {
  CONNECTED: "Connected",
  REMOVAL_PENDING: "Removal pending",
  REMOVED: "Removed",
  GONE: "Gone",
};

export const FIT_LABELS: Readonly<Record<TFit, string>> = { strong: "Strong", partial: "Partial", none: "None" };

export const SORT_LABELS: Readonly<Record<TSortKey, string>> = {
  name: "Name",
  company: "Company",
  position: "Position",
  seniority: "Seniority",
  connectedOn: "Connected on",
  lastInteraction: "Last interaction",
  score: "Score",
};

export const flagLabel = (code: string) => FLAG_LABELS[code as TFlagCode] ?? code;
