import "server-only";
import { TAG_COLORS } from "@crm/core";
import { FUNCTION_SHORT, SENIORITY_SHORT, STATUS_LABELS } from "@crm/core/connections/filter/labels";
import { CONNECTION_STATUSES, FITS } from "@crm/core/connections/filter/types";
import { FLAG_CODES, FLAG_LABELS, FUNCTION_LABELS, FUNCTIONS, SENIORITIES, SENIORITY_LABELS } from "@crm/scoring";
import { FIT_LABELS, type TLabels } from "./labels";

// The scoring vocabulary, resolved on the server and handed to client islands as plain props, so
// the browser never downloads the scoring package for a few words.
export function connectionLabels(): TLabels {
  return {
    seniority: SENIORITIES.map((s) => ({ value: s, label: SENIORITY_SHORT[s], hint: SENIORITY_LABELS[s] })),
    function: FUNCTIONS.map((f) => ({ value: f, label: FUNCTION_SHORT[f], hint: FUNCTION_LABELS[f] })),
    flags: FLAG_CODES.map((f) => ({ value: f, label: FLAG_LABELS[f] })),
    statuses: CONNECTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    fits: FITS.map((f) => ({ value: f, label: FIT_LABELS[f] ?? f })),
    tagColors: [...TAG_COLORS],
  };
}
