import { describe, expect, it } from "vitest";
import type { TIcpDefinitionInput } from "./definition";
import { compileIcp } from "./score";
import { conn, icp, NOW } from "./test-fixtures";
import { canonicalWords, titleMatcher } from "./title-match";

// Issue 16 item 13: keywords match titles the way people write them. Every row goes through the
// scorer too, so the rule the ICP uses is the rule tested here.
const scoreOf = (def: TIcpDefinitionInput, position: string) => compileIcp(icp(def))(conn({ position }), NOW).score;
const matches = (keyword: string, position: string) => titleMatcher([keyword])(position) !== null;

const SHOULD_MATCH: Array<[string, string]> = [
  // VP / Vice President, stop words, punctuation, inversion
  ["VP Sales", "VP of Sales"],
  ["VP Sales", "Vice President, Sales"],
  ["VP Sales", "Vice-President Sales EMEA"],
  ["VP Sales", "VP, Sales & Business Development"],
  ["VP Sales", "Regional Vice President of Global Sales"],
  ["VP Sales", "SVP Sales"],
  ["VP Sales", "Senior Vice President - Sales"],
  ["VP of Sales", "VP Sales"],
  ["Vice President Sales", "vp sales"],
  ["VP", "Vice President"],
  ["VP Sales", "VP Sales and Marketing"],
  // Sr / Senior, Mgr / Manager, Dir / Director, Eng / Engineer
  ["Senior Software Engineer", "Sr. Software Engineer"],
  ["Sr Software Engineer", "Senior Software Engineer II"],
  ["Software Engineer", "Software Engineers"],
  ["Sales Manager", "Sales Mgr"],
  ["Sales Manager", "Manager, Sales"],
  ["Sales Mgr", "Manager of Sales Operations"],
  ["Sales Director", "Director of Sales"],
  ["Sales Director", "Dir. Sales"],
  ["Director of Engineering", "Engineering Director"],
  ["Eng Manager", "Engineering Manager"],
  ["Engineering Manager", "Eng Mgr"],
  ["Software Engineer", "Software Eng."],
  ["Software Engineer", "Engineer, Software"],
  // C-level
  ["CTO", "Chief Technology Officer"],
  ["CTO", "Chief Technical Officer & Co-Founder"],
  ["Chief Technology Officer", "CTO"],
  ["CEO", "Founder & Chief Executive Officer"],
  ["CFO", "Chief Financial Officer"],
  ["Chief", "CTO"],
  ["Founder", "Co-Founder & CEO"],
  ["Co-founder", "Cofounder"],
  // & / and, HR / Human Resources
  ["Sales & Marketing", "Sales and Marketing Director"],
  ["HR Manager", "Human Resources Manager"],
  ["Human Resources Director", "Director, HR"],
  ["HR Business Partner", "Human Resources Business Partner"],
  ["R&D", "Head of Research and Development"],
  ["Business Development", "BizDev Manager"],
  ["Business Development", "Biz Dev Lead"],
  ["AE", "Enterprise Account Executive"],
  ["General Manager", "GM, EMEA"],
  ["Manager", "General Manager"],
  ["Head of Sales", "Sales Head"],
  ["Head of Go-to-Market", "Head of GTM"],
  ["Marketing", "Mktg Lead"],
  ["Operations Manager", "Ops Manager"],
  // multilingual (cheap): stop words, accents, a few role words
  ["Directeur Ventes", "Directeur des Ventes"],
  ["Director Ventas", "Director de Ventas"],
  ["Directrice Générale", "DIRECTRICE GENERALE adjointe"],
  ["Directeur Général", "Directrice générale"],
  ["Leiter Vertrieb", "Leiter des Vertriebs"],
  ["Geschäftsführer", "Geschaftsfuhrerin"],
  ["Software Engineer", "Ingeniero de Software"],
  ["Ingénieur logiciel", "Ingenieur Logiciel Senior"],
  ["VP Sales", "Vicepresidente Sales"],
  // unchanged: whole words, symbols
  ["c++", "C++ developer"],
  ["growth", "#growth hacker"],
  ["AE", "Senior AE, EMEA"],
];

const SHOULD_NOT_MATCH: Array<[string, string]> = [
  ["VP Sales", "Sales Associate to the VP"],
  ["VP Sales", "Executive Assistant to the VP of Sales"],
  ["CEO", "Assistant to CEO"],
  ["CEO", "Reporting to the CEO"],
  ["VP Sales", "Founder | ex-VP Sales at Globex"],
  ["VP Sales", "Former VP of Sales"],
  ["VP Sales", "VP Marketing | Sales Coach"],
  ["VP Sales", "VP Engineering; Sales"],
  ["President", "Vice President, Sales"],
  ["Software Engineer", "Software Engineering Manager"],
  ["Sales Manager", "Sales Associate"],
  ["sales", "Salesforce admin"],
  ["ae", "Michael Jones"],
  ["cto", "Director"],
  ["c", "C++ developer"],
  ["head of growth", "Head of Growthy things"],
  ["HR Manager", "Manager, Hardware"],
  ["Engineer", "Engineering Manager"],
  ["VP Sales", "Sales Engineer at VP Bank"],
  ["ceo", ""],
];

describe("title keywords match the way people write titles", () => {
  it.each(SHOULD_MATCH)("%j finds %j", (keyword, position) => {
    expect(matches(keyword, position)).toBe(true);
    expect(scoreOf({ titleKeywords: { values: [keyword] } }, position)).toBe(100);
  });
  it.each(SHOULD_NOT_MATCH)("%j does not find %j", (keyword, position) => {
    expect(matches(keyword, position)).toBe(false);
    expect(scoreOf({ titleKeywords: { values: [keyword] } }, position)).toBe(0);
  });

  it("reduces titles to canonical words", () => {
    expect(canonicalWords("Vice-President of Sales & Marketing")).toEqual(["vp", "sale", "marketing"]);
    expect(canonicalWords("Sr. Eng Mgr")).toEqual(["senior", "eng", "manager"]);
    expect(canonicalWords("Chief Human Resources Officer")).toEqual(["chro"]);
    expect(canonicalWords("SVP, R&D")).toEqual(["senior", "vp", "rd"]);
  });

  it("reports the first keyword in the order given", () => {
    const m = titleMatcher(["Head of Growth", "VP Sales", "Sales"]);
    expect(m("Vice President, Sales")).toBe("VP Sales");
    expect(m("Sales Manager")).toBe("Sales");
    expect(m("Head of Growth & Sales")).toBe("Head of Growth");
    expect(m(null)).toBeNull();
  });

  it("a keyword of stop words only matches nothing", () => {
    expect(matches("of the", "Head of the Sales team")).toBe(false);
  });
});
