/**
 * Python's `str.format` for the templates the original projects use: `{name}` fields filled from `values`,
 * `{{` and `}}` as literal braces. Positional fields, attribute or index access, conversions and format specs
 * are not used by those templates and are refused rather than approximated.
 */
export function pythonFormat(template: string, values: Readonly<Record<string, string>>): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if ((ch === "{" || ch === "}") && template[i + 1] === ch) {
      out += ch;
      i++;
      continue;
    }
    if (ch === "}") throw new Error(`single "}" at offset ${i} of a format template`);
    if (ch !== "{") {
      out += ch;
      continue;
    }
    const close = template.indexOf("}", i);
    const field = close < 0 ? "" : template.slice(i + 1, close);
    if (!/^[A-Za-z_]\w*$/.test(field)) throw new Error(`unsupported format field "{${field}" at offset ${i}`);
    const value = values[field];
    if (value === undefined) throw new Error(`format field {${field}} has no value`);
    out += value;
    i = close;
  }
  return out;
}

/** The `{name}` fields a format template uses, in order of first use. */
export function formatFields(template: string): string[] {
  const fields: string[] = [];
  for (const m of template.replace(/\{\{|\}\}/g, "").matchAll(/\{([A-Za-z_]\w*)\}/g))
    if (!fields.includes(m[1] as string)) fields.push(m[1] as string);
  return fields;
}
