import { describe, expect, it } from "vitest";
import { readCappedText } from "./read-capped";

// A body without a content-length (chunked) is counted as it arrives: it must not be read whole.
function chunked(chunks: number, size: number): { req: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const req = new Request("http://x/api", { method: "POST", body, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readCappedText", () => {
  it("reads a body within the limit, declared or chunked", async () => {
    expect(await readCappedText(new Request("http://x/api", { method: "POST", body: '{"all":true}' }), 1024)).toBe('{"all":true}');
    expect(await readCappedText(chunked(3, 100).req, 1024)).toBe("a".repeat(300));
    expect(await readCappedText(new Request("http://x/api", { method: "POST" }), 1024)).toBe("");
  });

  it("refuses an oversized body without reading it to the end", async () => {
    const declared = new Request("http://x/api", { method: "POST", body: "a".repeat(2048), headers: { "content-length": "2048" } });
    expect(await readCappedText(declared, 1024)).toBeNull();
    const big = chunked(10_000, 1024); // 10 MB if read whole
    expect(await readCappedText(big.req, 16 * 1024)).toBeNull();
    expect(big.pulled()).toBeLessThan(40);
  });
});
