import { expect, type Locator, type Page } from "@playwright/test";

// For the specs that check keyboard-only operation: reach things with Tab, and see the focus.

/** The focused element shows a ring or an outline (keyboard focus is never invisible). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  });
}

/** Presses Tab until `target` has the focus (as a keyboard user would reach it), then checks the focus shows. */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect(await focusIsVisible(page), "keyboard focus is visible").toBe(true);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}
