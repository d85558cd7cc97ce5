import type { Rng } from "./rng.js";

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Fills {key} placeholders; {Key} capitalises. Returns null when a placeholder has no value. */
export function fillTemplate(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
): string | null {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, key: string) => {
    const value = vars[key.charAt(0).toLowerCase() + key.slice(1)];
    if (value === undefined) {
      missing = true;
      return "";
    }
    return key.charAt(0) === key.charAt(0).toUpperCase()
      ? value.charAt(0).toUpperCase() + value.slice(1)
      : value;
  });
  if (missing) return null;
  return text
    .replace(/\b([Aa]) ([aeiou])/g, "$1n $2")
    .replace(/\s+/g, " ")
    .trim();
}

/** Picks a template that can be filled with `vars` and fills it. */
export function phrase(
  rng: Rng,
  templates: readonly string[],
  vars: Readonly<Record<string, string | undefined>>,
): string {
  const usable = templates.map((t) => fillTemplate(t, vars)).filter((t): t is string => t !== null);
  if (usable.length === 0)
    throw new Error(`no template fits ${JSON.stringify(vars)}: ${templates.join(" | ")}`);
  return rng.pick(usable);
}
