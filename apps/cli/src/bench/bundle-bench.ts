// First-load JavaScript of the busiest pages, read from the web app's production build.
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROUTES = ["/t/[slug]/connections", "/t/[slug]/connections/[connectionId]", "/t/[slug]/insights", "/t/[slug]/icps"];
const web = join(import.meta.dirname, "..", "..", "..", "web");

export async function benchBundle() {
  if (!existsSync(join(web, ".next", "BUILD_ID"))) {
    console.log("bundle: no production build of apps/web; run `npx turbo run build --filter=@crm/web` and then `npm run bench -- bundle`");
    return;
  }
  const { firstLoadJs } = (await import(join(web, "scripts", "first-load-js.mjs"))) as { firstLoadJs: (r: string) => { gzipKb: number; rawKb: number; files: number } };
  for (const route of ROUTES) {
    try {
      const r = firstLoadJs(route);
      console.log(`first-load JS ${route.padEnd(40)} ${r.gzipKb.toFixed(1)} KB gzipped (${r.rawKb.toFixed(0)} KB raw, ${r.files} files)`);
    } catch (e) {
      console.log(`first-load JS ${route}: ${(e as Error).message}`);
    }
  }
}
