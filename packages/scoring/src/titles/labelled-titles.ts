import type { TFunction, TSeniority } from "../types";

// Hand-labelled LinkedIn "Position" strings: [title, expected seniority, expected function].
// Written BEFORE the classifier and labelled as a sales person would read the title, following
// the labelling policy below (the same policy is documented in classify-title.ts). Titles a human
// labeller could not decide either way (e.g. "Controller", "Country Manager") were left out.
//
// Seniority policy: owner = founders, owners, partners of a partnership, self-employed/freelance;
// c_level = CxO, President, Managing Director/Geschäftsführer/PDG/Gérant/Gerente General, Vorstand,
// board/chair, Executive Director; vp; director (incl. General Manager, Chief of Staff, Bereichsleiter,
// Prokurist); head (Head of, Leiter/Leitung, Abteilungsleiter, Jefe de <dept>); manager (any "Manager",
// Team Lead/Teamleiter, non-technical "Lead", Responsable, Gerente, Chef de projet); senior_ic
// (Senior/Principal/Staff/Lead Engineer/Tech Lead/Architect, Founding <IC>, HRBP, standalone Advisor);
// ic (everything else with a real occupation, incl. Account Manager, CSM, assistants to executives,
// Product Owner, Junior/Associate); intern_student; unknown (empty, noise, "open to work", no role).
// Function policy: customer success & partnerships = sales; RevOps/SalesOps, support, admin,
// assistants, project management = operations; IT/data/QA/security = engineering; "PM" = product;
// a Partner with no stated domain = consulting; CEO/founder/MD/GM with no domain = other.
export type TLabelledTitle = readonly [title: string, seniority: TSeniority, fn: TFunction];

import { CONTRIBUTORS } from "./labelled-contributors";
import { INTERNATIONAL } from "./labelled-international";
import { LEADERS } from "./labelled-leaders";

/** The development set (consulted while writing the rules); the held-out set is holdout-titles.ts. */
export const LABELLED_TITLES: readonly TLabelledTitle[] = [...LEADERS, ...CONTRIBUTORS, ...INTERNATIONAL];
