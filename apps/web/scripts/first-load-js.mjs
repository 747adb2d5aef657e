// First-load JavaScript of an App Router page, from the production build (`next build`): the root
// main files every page loads plus the chunks of the page's own segments (root layout, team layout,
// page), each counted once, gzipped as a browser receives them. Next 16 with Turbopack no longer
// prints these sizes, so we read its manifests.
//   node apps/web/scripts/first-load-js.mjs "/t/[slug]/connections" ["/t/[slug]/insights" …]
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const next = join(dirname(fileURLToPath(import.meta.url)), "..", ".next");

export function firstLoadJs(route) {
  const dir = join(next, "server", "app", ...route.split("/").filter(Boolean));
  const manifestFile = join(dir, "page_client-reference-manifest.js");
  if (!existsSync(manifestFile)) throw new Error(`no build for ${route}: run \`npx turbo run build --filter=@crm/web\` first`);
  const key = `${route}/page`;
  const sandbox = { __RSC_MANIFEST: {} };
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox);
  const manifest = sandbox.__RSC_MANIFEST[key];
  const build = JSON.parse(readFileSync(join(dir, "page", "build-manifest.json"), "utf8"));
  const files = new Set(build.rootMainFiles);
  const segments = Object.entries(manifest.entryJSFiles).filter(([segment]) => segment.endsWith(`/app/layout`) || key.startsWith(segment.replace(/^.*\/src\/app/, "").replace(/\/(layout|page)$/, "") + "/"));
  for (const [segment, chunks] of segments) if (/(layout|page)$/.test(segment)) for (const c of chunks) files.add(c);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(next, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { route, files: files.size, rawKb: raw / 1024, gzipKb: gz / 1024 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const route of process.argv.slice(2)) {
    const r = firstLoadJs(route);
    console.log(`${r.route}: first-load JS ${r.gzipKb.toFixed(1)} KB gzipped (${r.rawKb.toFixed(0)} KB raw, ${r.files} files)`);
  }
}
