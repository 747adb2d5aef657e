import type { TFunction, TSeniority } from "../types";

// Human-readable descriptions of the title classifier's labels, for the CLI's --help and the UI
// ("why was this person scored like that?"). Keys are exactly SENIORITIES / FUNCTIONS.

export const SENIORITY_LABELS: Readonly<Record<TSeniority, string>> = {
  owner: "Owner / founder (Founder, Co-founder, Owner, Inhaber, Gründer, Fondateur, Fundador, equity Partner, self-employed/freelance)",
  c_level:
    "C-level executive (CEO, CTO, CFO, COO, CMO, CRO, Managing Director, Geschäftsführer, Vorstand, President, PDG, Directeur Général, Gerente General, board member)",
  vp: "Vice president (VP, SVP, EVP, AVP, Vice President, Vizepräsident, Vicepresidente)",
  director: "Director (Director, Directeur/Directrice, Direktor, Bereichsleiter, General Manager, Chief of Staff)",
  head: "Head of a function or department (Head of X, Leiter/Leiterin, Abteilungsleiter, Jefe de X)",
  manager: "Manager or team lead (Manager, Team Lead, Teamleiter, Projektleiter, Responsable, Gerente, Chef de projet)",
  senior_ic: "Senior individual contributor (Senior, Sr., Principal, Staff, Tech Lead, Architect, Founding Engineer, Advisor)",
  ic: "Individual contributor (Engineer, Account Executive, SDR/BDR, Account Manager, Recruiter, Analyst, Consultant, Junior, Associate, assistants)",
  intern_student: "Intern or student (Intern, Student, Trainee, Apprentice, Werkstudent, Praktikant, Stagiaire, Alternant, Becario)",
  unknown: "Unknown (no usable title: empty, emojis only, headline noise, 'open to work')",
};

export const FUNCTION_LABELS: Readonly<Record<TFunction, string>> = {
  sales: "Sales & business development (Sales, AE, SDR/BDR, Account Management, Customer Success, Partnerships, Vertrieb, Ventas, Commercial)",
  marketing: "Marketing (Marketing, Growth, Brand, Content, Communications/PR, SEO, Social Media, Events)",
  engineering: "Engineering & IT (Software/hardware engineering, Developer, Entwickler, Ingénieur, Ingeniero, IT, Data, QA, DevOps/SRE, Security)",
  product: "Product management (Product Manager/Owner, PM, CPO, Produktmanager, Chef de produit)",
  hr_recruiting: "HR & recruiting (HR, People, Recruiter, Talent Acquisition, Sourcer, Headhunter, HRBP, Personal, RH, Recursos Humanos)",
  finance: "Finance & accounting (Finance, Accounting, Controlling, Tax, Audit, Treasury, Investment, Buchhaltung, Comptabilité)",
  operations: "Operations (Operations, RevOps, Logistics, Supply Chain, Procurement, Customer Support, Admin/Office, Project Management)",
  design: "Design (UX/UI, Product Design, Graphic Design, Art/Creative Direction)",
  consulting: "Consulting & advisory (Consultant, Berater, Advisor, Strategy, partners of firms with no stated domain)",
  other: "Other or general management (CEO/founder without a stated function, legal, medical, education, unrecognised)",
};
