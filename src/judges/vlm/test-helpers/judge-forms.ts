/** One VLM judge form: the judge, its settings beyond the common ones, how many candidates it compares. */
export interface JudgeForm {
  judge: string;
  settings: Record<string, unknown>;
  candidates: 1 | 2;
}

/** The prompt variants of the judges that have an original form. */
export const PROMPT_VARIANTS = ["original", "editjudge"] as const;

/**
 * Every VLM judge in every form, in both prompt variants (rubric and hybrid have only EditJudge's own wording):
 * the real-server test and `npm run audit:real-server` run these.
 */
export const JUDGE_FORMS: JudgeForm[] = PROMPT_VARIANTS.flatMap((promptVariant): JudgeForm[] => [
  { judge: "viescore", settings: { promptVariant }, candidates: 1 },
  { judge: "editscore", settings: { promptVariant }, candidates: 1 },
  { judge: "editscore", settings: { promptVariant, passes: 2 }, candidates: 1 },
  ...(promptVariant === "original"
    ? [
        {
          judge: "editscore",
          settings: { promptVariant, editscorePqImages: "source-and-edited" },
          candidates: 1,
        } satisfies JudgeForm,
      ]
    : []),
  { judge: "logit", settings: { promptVariant }, candidates: 1 },
  { judge: "firm", settings: { promptVariant }, candidates: 1 },
  { judge: "pairwise", settings: { promptVariant }, candidates: 2 },
  { judge: "pairwise", settings: { promptVariant, pairwiseOrders: "both" }, candidates: 2 },
]).concat([
  { judge: "rubric", settings: {}, candidates: 1 },
  { judge: "hybrid", settings: { hybridMargin: 0.5 }, candidates: 1 },
]);

/** A short name of a form: the judge and its settings. */
export function formName(form: JudgeForm): string {
  const s = Object.entries(form.settings)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  return s ? `${form.judge} ${s}` : form.judge;
}
