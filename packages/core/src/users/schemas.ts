import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@crm/config";

export const ZEmail = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(320, "Email addresses are at most 320 characters.")
  .pipe(z.email({ message: "Enter a valid email address, like name@example.com." }))
  .transform((e) => e.toLowerCase());

export const ZPersonName = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

// The policy (length in code points, blocklist) is checked by passwordProblem; this only bounds input.
export const ZPasswordInput = z.string().max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
