// Shared builders for the ICP tests (not exported from the package).
import type { TScoringConnection } from "../types";
import { ZIcpDefinition, type TIcpDefinition, type TIcpDefinitionInput } from "./definition";
import type { TScore } from "./score";

export const NOW = new Date("2025-06-15T12:00:00Z");

export function conn(over: Partial<TScoringConnection> = {}): TScoringConnection {
  return {
    id: "c1",
    firstName: "Jane",
    lastName: "Doe",
    position: "Account Executive",
    company: "Initech",
    email: null,
    connectedOn: "2024-12-15",
    lastInteractionAt: null,
    messageCount: 0,
    seniority: "ic",
    function: "sales",
    tags: [],
    endorsedMe: false,
    recommendedMe: false,
    jobChangedAt: null,
    ...over,
  };
}

export const icp = (input: TIcpDefinitionInput): TIcpDefinition => ZIcpDefinition.parse(input);

export const reasonSum = (s: TScore) => s.reasons.reduce((a, r) => a + r.points, 0);
export const clamp = (n: number) => Math.min(100, Math.max(0, n));

// A deterministic, realistic-looking network for preview and performance tests.
const FIRST = ["Jane", "John", "Marie", "José", "Zoë", "Li", "Ahmed", "Olga", "Michael", "Ana"];
const LAST = ["Doe", "Smith (LION)", "Müller", "García", "Nguyen", "O'Brien", "Kowalski", "Rossi", "Dubois", "🚀 Kim 🚀"];
const TITLES = [
  "VP Sales EMEA", "Head of Growth", "Directrice Générale", "Account Executive", "Senior Software Engineer", "CTO & co-founder",
  "Technical Recruiter", "Student at Université Paris-Saclay", "Marketing Manager | 30K+ followers", "Chief Revenue Officer",
  "Product Designer", "Consultant", "Geschäftsführer", "Sales Development Representative", "",
];
const COMPANIES = ["ACME Corporation GmbH", "Globex, Inc.", "Initech", "Umbrella S.A.", "Hooli", "Société Générale", "Stark Industries Ltd", "Wayne Enterprises", "Acme Labs"];
const SENIORITY = ["owner", "c_level", "vp", "director", "head", "manager", "senior_ic", "ic", "intern_student", "unknown"] as const;
const FUNCTION = ["sales", "marketing", "engineering", "product", "hr_recruiting", "finance", "operations", "design", "consulting", "other"] as const;

export function generateConnections(n: number, seed = 42): TScoringConnection[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const company = pick(COMPANIES);
    const year = 2008 + Math.floor(rnd() * 18);
    return {
      id: `c${String(i).padStart(6, "0")}`,
      firstName: pick(FIRST),
      lastName: pick(LAST),
      position: rnd() < 0.05 ? null : pick(TITLES),
      company: rnd() < 0.05 ? null : company,
      email: rnd() < 0.3 ? `p${i}@${rnd() < 0.5 ? "eu." : ""}${company.split(" ")[0]!.toLowerCase().replace(/\W/g, "")}.com` : null,
      connectedOn: rnd() < 0.02 ? null : `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
      lastInteractionAt: rnd() < 0.4 ? new Date(Date.UTC(2015 + Math.floor(rnd() * 10), Math.floor(rnd() * 12), 1)) : null,
      messageCount: Math.floor(rnd() * 20),
      seniority: pick(SENIORITY),
      function: pick(FUNCTION),
      tags: rnd() < 0.2 ? [pick(["t-customer", "t-do-not-contact", "t-partner", "t-investor"])] : [],
      endorsedMe: rnd() < 0.05,
      recommendedMe: rnd() < 0.01,
      jobChangedAt: rnd() < 0.03 ? new Date(Date.UTC(2025, 4, 1)) : null,
    };
  });
}

/** Every criterion active, 50 title keywords and 50 companies: a heavy but realistic ICP. */
export const HEAVY_ICP: TIcpDefinitionInput = {
  titleKeywords: { values: [...Array.from({ length: 48 }, (_, i) => `keyword number ${i}`), "VP Sales", "directrice generale"], weight: "important" },
  seniorities: { values: ["vp", "director", "c_level"], weight: "nice" },
  functions: { values: ["sales", "marketing"], weight: "must" },
  companies: { values: [...Array.from({ length: 49 }, (_, i) => `Company ${i} Inc`), "Acme"], weight: "important" },
  excludedCompanies: ["Globex", "Hooli"],
  emailDomains: { values: ["acme.com", "initech.com"], weight: "nice" },
  connectionAge: { minMonths: 6, maxMonths: 120, weight: "nice" },
  interaction: { withinMonths: 24, weight: "important" },
  tags: [{ tagId: "t-customer", tag: "customer", weight: "important" }, { tagId: "t-do-not-contact", tag: "do-not-contact", weight: "negative" }],
};
