import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TAG_NAME_MAX } from "@crm/core";
import { ZCreateTagBody } from "./schemas";

describe("CreateTagBody", () => {
  it("counts characters (code points) like JSON Schema's maxLength, not UTF-16 units", () => {
    expect(ZCreateTagBody.parse({ name: "😀".repeat(21) }).name).toBe("😀".repeat(21));
    expect(ZCreateTagBody.safeParse({ name: "😀".repeat(TAG_NAME_MAX) }).success).toBe(true);
    const tooLong = ZCreateTagBody.safeParse({ name: "😀".repeat(TAG_NAME_MAX + 1) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues[0]).toMatchObject({ path: ["name"], message: expect.stringMatching(new RegExp(`at most ${TAG_NAME_MAX} characters`)) });
    // The document says the same: maxLength counts characters (code points) in JSON Schema.
    const json = z.toJSONSchema(ZCreateTagBody, { io: "input" }) as unknown as { properties: { name: { maxLength?: number; description?: string } } };
    expect(json.properties.name.maxLength).toBe(TAG_NAME_MAX);
    expect(json.properties.name.description).toMatch(/characters/);
  });
});
