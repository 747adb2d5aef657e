// What `npm start` may do, decided before anything heavy runs. `npm start` gives its children
// NODE_ENV=production (they run the production build even on a laptop), so only the caller's own
// NODE_ENV=production means a real deploy. A deploy never gets the demo user (its password is in
// the README) unless asked with --demo, and needs its own AUTH_SECRET and database password.
// Plain Node with no dependencies, like lib.mjs.

const DEFAULT_APP_PASSWORD = "crm_app";

function appPassword(env) {
  if (!env.APP_DATABASE_URL) return DEFAULT_APP_PASSWORD; // derived from DATABASE_URL with the default
  try {
    return decodeURIComponent(new URL(env.APP_DATABASE_URL).password);
  } catch {
    return null; // malformed: the env check in the processes names it
  }
}

/**
 * @param {Record<string, string | undefined>} env the caller's environment
 * @param {string[]} argv the script's arguments
 * @returns {{ deploy: boolean, demo: boolean, problems: string[] }}
 */
export function startPlan(env, argv) {
  const deploy = env.NODE_ENV === "production";
  const demo = deploy ? argv.includes("--demo") : !argv.includes("--no-demo") && env.DEMO !== "0";
  const problems = [];
  if (deploy) {
    if (!env.AUTH_SECRET) {
      problems.push("AUTH_SECRET is not set: set it to a random string of at least 32 characters (`openssl rand -hex 32`), the same on every web replica.");
    } else if (env.AUTH_SECRET.length < 32) {
      problems.push("AUTH_SECRET is too short: it must be at least 32 characters (`openssl rand -hex 32`).");
    }
    if (env.CRM_TEST_CLOCK === "1") {
      problems.push("CRM_TEST_CLOCK=1 lets anyone signed in move the app's clock: it is for browser tests only; unset it.");
    }
    if (appPassword(env) === DEFAULT_APP_PASSWORD) {
      problems.push("APP_DATABASE_URL uses the default crm_app password, which is public: set APP_DATABASE_URL with a password of your own (migrate gives the crm_app role that password).");
    }
  }
  return { deploy, demo, problems };
}
