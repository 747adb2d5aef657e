// The vocabulary of job titles: stop words, abbreviations and their expansions, and the words that
// end the part of a title that describes the person. Pure data, used by title-match.ts. Entries
// are written in the matcher's normal form (folded, plural "s" stripped); the tables are
// normalised once at load anyway, so a plural or accent here cannot silently never match.

/** Dropped from titles and keywords: English, French, German, Spanish, Italian, Dutch, Portuguese. */
export const STOP_WORDS = [
  "of", "the", "and", "for", "in", "at", "a", "an", "on", "with", "by", "or",
  "de", "des", "du", "la", "le", "les", "et", "y", "del", "el", "los", "las",
  "und", "der", "die", "das", "fur", "von", "van", "di", "da", "e", "do", "dos",
];

/** One word written another way → the canonical word (both sides). */
export const SYNONYMS: Record<string, string> = {
  sr: "senior", snr: "senior", jr: "junior", mgr: "manager", mngr: "manager", mgmt: "management",
  dir: "director", directeur: "director", directrice: "director", direktor: "director", direktorin: "director",
  direttore: "director", directora: "director", diretor: "director", generale: "general",
  mktg: "marketing", mkt: "marketing", ops: "operation", acct: "account", exec: "executive", asst: "assistant",
  assoc: "associate", coord: "coordinator", rep: "representative", biz: "business", intl: "international",
  sw: "software", engr: "engineer", ingenieur: "engineer", ingeniero: "engineer", ingegnere: "engineer",
  pres: "president", cust: "customer", vicepresident: "vp", vicepresidente: "vp", bizdev: "bd",
  gerente: "manager", geschaftsfuhrerin: "geschaftsfuhrer", gf: "geschaftsfuhrer",
};

/** One word that stands for several canonical words (both sides: svp = senior + vp). */
export const EXPANSIONS: Record<string, string[]> = {
  svp: ["senior", "vp"],
  evp: ["executive", "vp"],
};

/** Abbreviations that can mean several words: a title's "eng" counts as each; a keyword's "eng"
 *  is met by any ("Eng Manager" finds "Engineering Manager"), while "Engineer" does not find
 *  "Engineering". */
export const AMBIGUOUS: Record<string, string[]> = {
  eng: ["engineer", "engineering"],
  dev: ["developer", "development"],
  tech: ["technology", "technical", "technician"],
  admin: ["administrator", "administration", "administrative"],
};

/** Written-out phrases → one canonical word (the abbreviation), both sides; longest first wins. */
export const PHRASES: Array<[string, string]> = [
  ["vice president", "vp"],
  ["chief executive officer", "ceo"],
  ["chief technology officer", "cto"],
  ["chief technical officer", "cto"],
  ["chief financial officer", "cfo"],
  ["chief finance officer", "cfo"],
  ["chief operating officer", "coo"],
  ["chief operation officer", "coo"],
  ["chief marketing officer", "cmo"],
  ["chief revenue officer", "cro"],
  ["chief information officer", "cio"],
  ["chief product officer", "cpo"],
  ["chief information security officer", "ciso"],
  ["chief human resource officer", "chro"],
  ["chief people officer", "chro"],
  ["human resource", "hr"],
  ["information technology", "it"],
  ["research development", "rd"],
  ["r d", "rd"],
  ["business development representative", "bdr"],
  ["sale development representative", "sdr"],
  ["business development", "bd"],
  ["business dev", "bd"],
  ["account executive", "ae"],
  ["general manager", "gm"],
  ["managing director", "md"],
  ["quality assurance", "qa"],
  ["user experience", "ux"],
  ["co founder", "cofounder"],
  ["go to market", "gtm"],
  ["president director general", "pdg"],
  ["director general", "dg"],
];

/** What a title's canonical word also says about the person (title side only): a CTO is a
 *  "chief", a general manager a "manager", a co-founder a "founder". "vp" implies nothing, so
 *  "President" does not find vice presidents. */
export const IMPLIES: Record<string, string[]> = {
  ceo: ["chief", "officer"], cto: ["chief", "officer"], cfo: ["chief", "officer"], coo: ["chief", "officer"],
  cmo: ["chief", "officer"], cro: ["chief", "officer"], cio: ["chief", "officer"], cpo: ["chief", "officer"],
  ciso: ["chief", "officer"], chro: ["chief", "officer", "hr"],
  gm: ["general", "manager"], md: ["managing", "director"], dg: ["director", "general"], pdg: ["ceo", "president", "director"],
  cofounder: ["founder"], bd: ["business", "development"], bdr: ["bd", "business", "development", "representative"],
  sdr: ["sale", "development", "representative"], ae: ["account", "executive"], rd: ["research", "development"],
  qa: ["quality", "assurance"], ux: ["user", "experience"],
};

/** A word that ends the person's own title: what follows is someone else's ("Assistant to the
 *  VP") or the past ("ex-VP Sales"). */
export const PAST = new Set(["ex", "former", "formerly", "previously", "prev"]);
/** "to" ends the title when it is followed by one of these… */
export const TO_NEXT = new Set(["the", "a", "an", "our", "my", "his", "her"]);
/** …or preceded by one of these ("Assistant to CEO", "Reporting to CFO"). */
export const TO_PREV = new Set(["assistant", "asst", "advisor", "adviser", "aide", "ea", "pa", "reporting", "report", "staff", "secretary", "deputy"]);

/** Where a title starts another role or another subject: "Founder | ex-VP Sales @ Acme". */
// (A spaced dash is not one: "Vice President - Sales" is one job.)
export const SEGMENT_SEPARATOR = /[|•·;@\n\u2022]|\s+(?:at|chez|bei)\s+/iu;
