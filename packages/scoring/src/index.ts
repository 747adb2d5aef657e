export * from "./types";
// ICP: definition (one zod schema for form, API and worker), scoring, flags, live preview.
export { ZIcpDefinition, tagRuleKey, ZWeight, WEIGHTS, WEIGHT_LABELS, ICP_LIMITS, ICP_FIELD_LABELS, emptyIcpDefinition } from "./icp/definition";
export type { TIcpDefinition, TIcpDefinitionInput, TTagRule, TWeight } from "./icp/definition";
export { compileIcp, scoreConnection, bandForScore, BAND_THRESHOLDS, WEIGHT_POINTS, NEGATIVE_POINTS, MUST_CAP, COMPETITOR_POINTS } from "./icp/score";
export type { TScore, TBand, TReason, TScorer } from "./icp/score";
export { activeCriteria } from "./icp/criteria";
export type { TCriterion } from "./icp/criteria";
export { computeFlags, compileFlags, FLAG_CODES, FLAG_LABELS, PROTECTED_FLAG_CODES } from "./icp/flags";
export type { TFlag, TFlagCode, TFlagger } from "./icp/flags";
export { previewIcp } from "./icp/preview";
export type { TIcpPreview, TPreviewSample, TPreviewOptions, TTitleMatches } from "./icp/preview";
export { titleMatcher, canonicalWords } from "./icp/title-match";
export { classifyTitle, type TClassifiedTitle, type TTitleEvidence } from "./titles/classify-title";
export { SENIORITY_LABELS, FUNCTION_LABELS } from "./titles/labels";
export { FUNCTION_TEXT, fold as foldText } from "./icp/normalize";
