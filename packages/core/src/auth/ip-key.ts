import { isIPv4, isIPv6 } from "node:net";

// The one place that turns a client IP into the key of a per-IP limit (sign-in, reset emails).
// IPv4 is one address per key. IPv6 is keyed by its /64: a single home line, VPS or cloud host
// usually gets a whole /64 (2^64 addresses), so keying full addresses would hand an attacker an
// unlimited supply of fresh "clients". IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 client.

/** Eight 16-bit groups of a valid IPv6 address (zone id already removed). */
function groupsOf(v6: string): number[] {
  let text = v6;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function rateLimitIpKey(ip: string): string {
  const v = ip.trim().toLowerCase();
  if (isIPv4(v)) return v;
  const bare = v.replace(/%.*$/, "");
  if (!isIPv6(bare)) return v;
  const g = groupsOf(bare);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join(".");
  }
  return `${g.slice(0, 4).map((x) => x.toString(16)).join(":")}::/64`;
}
