// Realistic LinkedIn Connections.csv content for benchmarks and tests: the 2023+ layout (preamble,
// URL column), newest first, ~3% emails, a few hidden members, names with accents, positions
// with commas (quoted), deterministic for a given seed.

const FIRST = ["Anna", "Jörg", "Maria", "Li", "Sofia", "Ahmed", "Chloé", "Mateo", "Priya", "Tom", "Olga", "Kwame", "Yuki", "Lucas", "Emma", "José"];
const LAST = ["Schmidt", "García", "Nguyen", "Müller", "Rossi", "Kowalski", "Smith", "O'Brien", "Dubois", "Tanaka", "Silva", "Okafor", "Jensen"];
const COMPANIES = ["Acme Corporation", "Globex", "Initech", "Umbrella Ltd", "Hooli", "Stark Industries", "Wayne Enterprises", "Soylent GmbH", "Vandelay Industries", "Pied Piper"];
const TITLES = [
  "VP Sales",
  "Head of Marketing",
  "Software Engineer",
  "Chief Executive Officer",
  "Account Executive, EMEA",
  "Recruiter | Hiring engineers 🚀",
  "Senior Product Manager",
  "Geschäftsführer",
  "Directeur commercial",
  "Founder & CEO, building things",
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** `daysApart`: how far apart consecutive connections were made (default 0.15: 30,000 span ~12 years). */
export type TGenerateOptions = { rows: number; seed?: number; hidden?: number; jobChangeEvery?: number; variant?: number; daysApart?: number };

/**
 * `variant` > 0 gives a "newer export" of the same people: every `jobChangeEvery`-th person has a
 * new company. Identity (the URL slug) depends only on the row index.
 */
export function generateConnectionsCsv(o: TGenerateOptions): string {
  const r = rng(o.seed ?? 42);
  const lines = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    "",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  ];
  const start = Date.UTC(2026, 10, 1);
  for (let i = 0; i < o.rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const slug = `${first}-${last}-${i.toString(36)}`.toLowerCase().replace(/[^a-z0-9-]/g, "x");
    let company = COMPANIES[Math.floor(r() * COMPANIES.length)]!;
    if (o.variant && o.jobChangeEvery && i % o.jobChangeEvery === 0) company = `${company} (new ${o.variant})`;
    const title = TITLES[Math.floor(r() * TITLES.length)]!;
    const email = r() < 0.03 ? `${slug}@example.com` : "";
    const d = new Date(start - Math.floor(i * (o.daysApart ?? 0.15)) * 86_400_000); // newest first
    const date = `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    lines.push([first, last, `https://www.linkedin.com/in/${slug}`, email, company, title, date].map(quote).join(","));
  }
  for (let h = 0; h < (o.hidden ?? 0); h++) lines.push(",,,,,,08 Jun 2026");
  return lines.join("\n");
}
