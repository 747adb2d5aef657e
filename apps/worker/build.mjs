// Bundles the worker (and the workspace packages it uses, which ship as TypeScript source) into one
// ESM file run by plain Node: no on-the-fly transpiler in production, about half the memory.
// Third-party packages stay external and load from node_modules.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
rmSync(`${here}dist`, { recursive: true, force: true });
await build({
  entryPoints: [`${here}src/main.ts`],
  outdir: `${here}dist`,
  outExtension: { ".js": ".mjs" },
  // Dynamic imports (email rendering) become chunks loaded on first use, not at start-up.
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  conditions: ["source"],
  logLevel: "warning",
  // `import.meta.dirname` etc. work as is in ESM; require() for the few CJS deps comes from here.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [
    {
      name: "externalize-node-modules",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@crm/") ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
