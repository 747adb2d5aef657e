import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportFileError } from "../errors";
import { collect } from "./guard";
import { openArchive } from "./read-archive";
import { buildZip, makeTempDir, pseudoRandomBytes } from "./test-zip";

const HANG_MS = 3_000;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let valid: Buffer;
let centralStart: number;
beforeAll(async () => {
  tmp = await makeTempDir();
  valid = await buildZip([
    { path: "Export/Connections.csv", data: "First Name,Last Name,URL\nAda,Lovelace,https://www.linkedin.com/in/ada\n".repeat(20) },
    { path: "Export/messages.csv", data: '"FROM","CONTENT"\n"Ada","hi"\n', compress: false },
    { path: "Export/Invitations.csv", data: pseudoRandomBytes(300).toString("hex") },
    { path: "Export/Profile.csv", data: "x\n" },
  ]);
  centralStart = valid.readUInt32LE(valid.length - 22 + 16);
});
afterAll(() => tmp.cleanup());

/** Opens the archive and reads every entry both ways; resolves with "ok" or the error it met. */
async function readEverything(path: string): Promise<unknown> {
  try {
    const archive = await openArchive(path);
    try {
      for (const entry of Object.values(archive.entries)) {
        await entry.readAll();
        await collect(await entry.openStream());
      }
    } finally {
      archive.close();
    }
    return "ok";
  } catch (err) {
    return err;
  }
}

// ARCHIVE_FUZZ_STATS=1 prints which failure paths a campaign reached (yauzl's message, digits masked).
const stats = new Map<string, number>();
function tally(outcome: unknown): void {
  if (!(outcome instanceof ImportFileError)) return void stats.set(String(outcome), (stats.get(String(outcome)) ?? 0) + 1);
  const detail = String((outcome.cause as Error | undefined)?.message ?? outcome.message);
  const key = `${outcome.code}: ${detail.replace(/0x[0-9a-f]+|\d+/g, "#").slice(0, 60)}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
}
afterAll(() => {
  if (process.env.ARCHIVE_FUZZ_STATS) console.log([...stats].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}\t${k}`).join("\n"));
});

function withinTime<T>(promise: Promise<T>): Promise<T | "hang"> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), HANG_MS)));
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

describe("damaged archives (property)", () => {
  it("the unmodified archive reads cleanly", async () => {
    expect(await readEverything(await tmp.write("valid.zip", valid))).toBe("ok");
  });

  it("mutated or truncated archives succeed or reject with ImportFileError, never anything else, never hang", async () => {
    // Headers are where parsers break, so half the writes aim at the central directory and end record.
    const position = fc.oneof(fc.nat({ max: valid.length - 1 }), fc.integer({ min: centralStart, max: valid.length - 1 }));
    const value = fc.oneof(fc.constantFrom(0x00, 0xff, 0x7f, 0x80), fc.integer({ min: 0, max: 255 }));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(position, value), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: valid.length - 1 }), { freq: 4 }),
        async (writes, truncateAt) => {
          const zip = Buffer.from(valid);
          for (const [at, byte] of writes) zip[at] = byte;
          const file = await tmp.write(`m${++run}.zip`, truncateAt === null ? zip : zip.subarray(0, truncateAt));
          const outcome = await withinTime(readEverything(file));
          expect(outcome).not.toBe("hang");
          if (outcome !== "ok") expect(outcome).toBeInstanceOf(ImportFileError);
          if (process.env.ARCHIVE_FUZZ_STATS) tally(outcome);
        },
      ),
      // ARCHIVE_FUZZ_RUNS lets a developer run a longer campaign locally.
      { numRuns: Number(process.env.ARCHIVE_FUZZ_RUNS ?? 300) },
    );
  }, Number(process.env.ARCHIVE_FUZZ_RUNS ?? 0) > 300 ? 600_000 : 20_000);
});
