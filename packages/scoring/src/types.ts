// Shared vocabulary of the scoring package: the title classifier's labels and what the scorer
// reads from a connection. Pure data; no I/O anywhere in this package.

export const SENIORITIES = ["owner", "c_level", "vp", "director", "head", "manager", "senior_ic", "ic", "intern_student", "unknown"] as const;
export type TSeniority = (typeof SENIORITIES)[number];

export const FUNCTIONS = [
  "sales",
  "marketing",
  "engineering",
  "product",
  "hr_recruiting",
  "finance",
  "operations",
  "design",
  "consulting",
  "other",
] as const;
export type TFunction = (typeof FUNCTIONS)[number];

/** What a flag can say about a connection (texts and rules in icp/flags.ts). */
export const FLAG_CODES = [
  "open_networker",
  "recruiter",
  "student",
  "competitor",
  "no_title",
  "stale",
  "job_change",
  "endorser",
  "recommender",
] as const;
export type TFlagCode = (typeof FLAG_CODES)[number];

export interface TTitleClass {
  seniority: TSeniority; // "unknown" when there is no usable title
  function: TFunction; // "other" when no function is recognisable
}

/** What the scorer reads of one connection (the worker loads exactly these columns). */
export interface TScoringConnection {
  id: string;
  firstName: string;
  lastName: string;
  position: string | null;
  company: string | null;
  email: string | null;
  connectedOn: string | null; // YYYY-MM-DD
  lastInteractionAt: Date | null;
  messageCount: number;
  seniority: TSeniority;
  function: TFunction;
  tags: string[]; // tag ids (ICP tag rules name tags by id)
  endorsedMe: boolean;
  recommendedMe: boolean;
  /** When the last import saw a company/position change, if the latest import did. */
  jobChangedAt: Date | null;
}
