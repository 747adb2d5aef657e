import { normalizeProfileUrl, type TParsedConnections } from "@crm/importer";

/**
 * Identity keys of rejected rows that still name someone (a valid profile URL next to a bad date,
 * say). Those people are in the export, so they must not be counted or marked as gone.
 */
export function rejectedIdentityKeys(parsed: TParsedConnections): string[] {
  const urlHeader = parsed.mapping.profileUrl;
  const col = urlHeader === undefined ? -1 : parsed.headers.indexOf(urlHeader);
  if (col < 0) return [];
  const keys: string[] = [];
  for (const r of parsed.rejected) {
    const raw = r.raw[col]?.trim();
    if (!raw) continue;
    const n = normalizeProfileUrl(raw);
    if ("key" in n && n.key) keys.push(n.key);
  }
  return keys;
}
