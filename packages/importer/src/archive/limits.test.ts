import { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportFileError } from "../errors";
import { collect, InflateGuard } from "./guard";
import { openArchive } from "./read-archive";
import { DEFAULT_ARCHIVE_LIMITS } from "./types";
import { buildZip, CENTRAL, entryHeaders, expectImportError, LOCAL, makeTempDir, pseudoRandomBytes } from "./test-zip";

const MiB = 1024 * 1024;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let bomb: Buffer; // ~50 MB of zeros deflated ~1000:1
beforeAll(async () => {
  tmp = await makeTempDir();
  bomb = await buildZip([{ path: "Connections.csv", data: Buffer.alloc(50 * MiB) }]);
});
afterAll(() => tmp.cleanup());

let counter = 0;
const write = (zip: Buffer) => tmp.write(`limits-${++counter}.zip`, zip);

/** A plausible CSV: varied text that deflates about as well as a real export (~3-5:1). */
function realisticCsv(bytes: number): string {
  const noise = pseudoRandomBytes(bytes).toString("base64");
  const lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"];
  for (let i = 0, total = 0; total < bytes; i++) {
    const line = `${noise.slice(i * 7, i * 7 + 6)},${noise.slice(i * 5, i * 5 + 8)},https://www.linkedin.com/in/${noise.slice(i * 3, i * 3 + 12)},,Acme ${i % 97},Engineer,08 Jun 2026`;
    lines.push(line);
    total += line.length + 1;
  }
  return lines.join("\n");
}

describe("zip bombs", () => {
  it("stops a ~1000:1 entry while inflating, long before it is fully expanded", async () => {
    expect(bomb.length).toBeLessThan(200 * 1024); // the fixture really is a bomb
    const archive = await openArchive(await write(bomb));
    try {
      const err = await expectImportError(archive.entries.connections!.readAll(), "zip_ratio_exceeded");
      expect(err.message).toContain("Connections.csv");
      // The same limit applies to streamed entries.
      await expectImportError(collect(await archive.entries.connections!.openStream()), "zip_ratio_exceeded");
    } finally {
      archive.close();
    }
  });

  it("reads a large but ordinary CSV (ratio well under the limit) to the end", async () => {
    const csv = realisticCsv(3 * MiB);
    const archive = await openArchive(await write(await buildZip([{ path: "Connections.csv", data: csv }])));
    try {
      const entry = archive.entries.connections!;
      expect(entry.uncompressedSize / entry.compressedSize).toBeLessThan(DEFAULT_ARCHIVE_LIMITS.maxEntryRatio);
      expect((await entry.readAll()).toString("utf8")).toBe(csv);
    } finally {
      archive.close();
    }
  });

  it("never refuses a small file for its ratio (below ratioFloorBytes)", async () => {
    const zeros = Buffer.alloc(512 * 1024); // ~500:1, but tiny
    const archive = await openArchive(await write(await buildZip([{ path: "Connections.csv", data: zeros }])));
    try {
      expect((await archive.entries.connections!.readAll()).equals(zeros)).toBe(true);
    } finally {
      archive.close();
    }
  });

  it("caps the bytes inflated across the whole archive", async () => {
    const part = realisticCsv(200 * 1024);
    const zip = await buildZip([
      { path: "Connections.csv", data: part },
      { path: "messages.csv", data: part },
    ]);
    const archive = await openArchive(await write(zip), { maxTotalBytes: 300 * 1024 });
    try {
      await archive.entries.connections!.readAll(); // 200 KiB: within the cap
      const err = await expectImportError(collect(await archive.entries.messages!.openStream()), "zip_total_exceeded");
      expect(err.message).toMatch(/300 KB/);
    } finally {
      archive.close();
    }
  });

  it("refuses at scan time an entry that declares more than the total cap", async () => {
    await expectImportError(openArchive(await write(bomb), { maxTotalBytes: 10 * MiB }), "zip_total_exceeded");
  });

  it("readAll refuses an entry over maxReadAllBytes, which can still be streamed", async () => {
    const csv = realisticCsv(300 * 1024);
    const archive = await openArchive(await write(await buildZip([{ path: "Connections.csv", data: csv }])), { maxReadAllBytes: 100 * 1024 });
    try {
      await expectImportError(archive.entries.connections!.readAll(), "zip_total_exceeded");
      expect((await collect(await archive.entries.connections!.openStream())).toString("utf8")).toBe(csv);
    } finally {
      archive.close();
    }
  });
});

describe("headers that lie about sizes", () => {
  function lie(zip: Buffer, name: string, uncompressed: number): Buffer {
    const out = Buffer.from(zip);
    const h = entryHeaders(out, name);
    out.writeUInt32LE(uncompressed, h.central + CENTRAL.uncompressed);
    out.writeUInt32LE(uncompressed, h.local + LOCAL.uncompressed);
    return out;
  }

  it("a bomb declaring a tiny size is still stopped, as an ImportFileError", async () => {
    const archive = await openArchive(await write(lie(bomb, "Connections.csv", 1000)));
    try {
      expect(archive.entries.connections!.uncompressedSize).toBe(1000);
      await expectImportError(archive.entries.connections!.readAll(), "zip_corrupt", "zip_ratio_exceeded");
      await expectImportError(collect(await archive.entries.connections!.openStream()), "zip_corrupt", "zip_ratio_exceeded");
    } finally {
      archive.close();
    }
  });

  it("an entry declaring more than it holds is an ImportFileError, not a hang", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: realisticCsv(50 * 1024) }]);
    const archive = await openArchive(await write(lie(zip, "Connections.csv", 60 * 1024)));
    try {
      await expectImportError(archive.entries.connections!.readAll(), "zip_corrupt");
    } finally {
      archive.close();
    }
  });

  it("a stored entry with inconsistent sizes is refused when scanned", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: "a,b\n", compress: false }]);
    await expectImportError(openArchive(await write(lie(zip, "Connections.csv", 2))), "zip_corrupt");
  });
});

describe("InflateGuard counts real bytes, whatever the headers say", () => {
  // A source with no size validation at all, standing in for a reader that trusts nothing.
  const source = (total: number, chunk = 64 * 1024) =>
    Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += chunk) yield Buffer.alloc(Math.min(chunk, total - sent), 0x41);
      })(),
    );
  const base = { path: "Connections.csv", expectedCrc32: 0, limits: DEFAULT_ARCHIVE_LIMITS };

  it("trips the ratio limit on produced bytes", async () => {
    const guard = InflateGuard.wrap(source(3 * MiB), { ...base, compressedSize: 10_000, budget: { produced: 0 } });
    await expectImportError(collect(guard), "zip_ratio_exceeded");
  });

  it("trips the archive-wide cap on the shared budget", async () => {
    const budget = { produced: 0 };
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: MiB };
    await collect(InflateGuard.wrap(source(600 * 1024), { ...base, expectedCrc32: crc32(Buffer.alloc(600 * 1024, 0x41)), limits, compressedSize: MiB, budget }));
    expect(budget.produced).toBe(600 * 1024);
    await expectImportError(collect(InflateGuard.wrap(source(600 * 1024), { ...base, limits, compressedSize: MiB, budget })), "zip_total_exceeded");
    expect(budget.produced).toBeLessThanOrEqual(MiB + 64 * 1024); // stopped at the first chunk over
  });

  it("stops the source when it trips", async () => {
    const src = source(100 * MiB);
    const guard = InflateGuard.wrap(src, { ...base, compressedSize: 1, budget: { produced: 0 } });
    await expect(collect(guard)).rejects.toBeInstanceOf(ImportFileError);
    expect(src.destroyed).toBe(true);
  });
});
