import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChatImagePart, ChatMessage, ChatPart } from "../../contract/backend.js";
import { ConfigError } from "../../errors/config-error.js";

/** The package's prompts/ folder: three levels up from src/judges/vlm/ and from dist/judges/vlm/. */
const PROMPTS_DIR = new URL("../../../prompts/", import.meta.url);

/** A versioned prompt template, loaded from `prompts/<name>.v<version>.txt`. */
export interface PromptTemplate {
  name: string;
  version: number;
  /** "name@version", part of every cache key. */
  id: string;
  body: string;
}

/** Reads a template file. The text above its first `---` line is a comment and is dropped. */
export function loadTemplate(name: string, version: number, dir: URL = PROMPTS_DIR): PromptTemplate {
  const url = new URL(`${name}.v${version}.txt`, dir);
  let text: string;
  try {
    text = readFileSync(url, "utf8");
  } catch (error) {
    throw new ConfigError(
      "prompts",
      `prompt template ${fileURLToPath(url)} is missing (${(error as NodeJS.ErrnoException).code}); reinstall editjudge`,
    );
  }
  const separator = text.search(/^---$/m);
  const body = (separator >= 0 ? text.slice(separator + 4) : text).trim();
  return { name, version, id: `${name}@${version}`, body };
}

/**
 * Renders a template into chat parts: `{{image:x}}` becomes the image part `images.x`, other
 * `{{name}}` placeholders are replaced by `vars.name`. An unknown placeholder is an error.
 */
export function renderTemplate(
  template: PromptTemplate,
  vars: Readonly<Record<string, string>>,
  images: Readonly<Record<string, ChatImagePart>>,
): ChatPart[] {
  const parts: ChatPart[] = [];
  const pieces = template.body.split(/(\{\{image:[a-z]+\}\})/);
  for (const piece of pieces) {
    const image = /^\{\{image:([a-z]+)\}\}$/.exec(piece);
    if (image) {
      const part = images[image[1] as string];
      if (!part) throw new Error(`template ${template.id} needs image "${image[1]}"`);
      parts.push(part);
      continue;
    }
    const text = piece
      .replace(/\{\{([a-z]+)\}\}/g, (_, key: string) => {
        const value = vars[key];
        if (value === undefined) throw new Error(`template ${template.id} needs "${key}"`);
        return value;
      })
      .trim();
    if (text.length > 0) parts.push({ type: "text", text });
  }
  return parts;
}

/** A readable rendering for snapshots and docs: images as <image:key>. */
export function describeParts(parts: readonly ChatPart[]): string {
  return parts.map((p) => (p.type === "text" ? p.text : `<image ${p.key}>`)).join("\n");
}

/** The single user message every judge sends: the rendered template. */
export function userMessage(
  template: PromptTemplate,
  vars: Readonly<Record<string, string>>,
  images: Readonly<Record<string, ChatImagePart>>,
): ChatMessage[] {
  return [{ role: "user", content: renderTemplate(template, vars, images) }];
}
