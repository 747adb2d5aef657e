// Runs once when the web server boots (not during `next build`): the environment is parsed here,
// so a bad one (e.g. the default crm_app database password under NODE_ENV=production, see
// packages/config/src/env.ts) stops the process at start with a message naming the variable,
// instead of failing request by request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { serverEnv } = await import("@crm/config");
  try {
    serverEnv();
  } catch (e) {
    // Next would log a failed hook and serve anyway; a process with a bad environment must not.
    console.error(`web: refusing to start. ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
