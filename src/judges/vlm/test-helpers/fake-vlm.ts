import type { FakeCall, FakeHandler, FakeReply } from "../../../backends/test-helpers/fake-openai-server.js";
import {
  completion,
  completions,
  isProbe,
  probeReply,
  promptText,
} from "../../../backends/test-helpers/fake-replies.js";

/** Scripted answers of a fake vision-language model, per prompt template. Values may depend on the call. */
export interface FakeVlmScript {
  caps?: { logprobs: boolean; jsonSchema: boolean };
  /** VIEScore SC and PQ on 0–10. */
  viescore?: { sc: [number, number]; pq: [number, number] };
  /** EditScore SC and PQ on 0–25: the n-th SC (PQ) call gets entry n's sc (pq), cycling. */
  editscore?: Array<{ sc: [number, number]; pq: [number, number] }>;
  split?: { follow: string[]; keep: string[]; quality: string[] };
  /** P(yes) for a principle text. */
  pYes?: (principle: string) => number;
  /** Probabilities of the digits 0..5. */
  digits?: number[];
  firm?: { execution: number; consistency: number };
  /** The verdict given the data URLs of edit A and edit B. */
  pairwise?: (a: string, b: string) => string;
  /** Answer `n` > 1 with n choices (vLLM does; Ollama does not). Default false. */
  honoursN?: boolean;
  /** Raw text to answer every judge prompt with (malformed output, refusals). */
  raw?: string;
}

const imageUrls = (call: FakeCall): string[] =>
  call.body.messages.flatMap((m) => m.content).flatMap((p) => (p.image_url ? [p.image_url.url] : []));

/** A handler answering every EditJudge prompt the way `script` says. */
export function fakeVlm(script: FakeVlmScript): FakeHandler {
  const editscoreCalls = { sc: 0, pq: 0 };
  return (call: FakeCall): FakeReply => {
    const caps = script.caps ?? { logprobs: true, jsonSchema: true };
    if (isProbe(call)) return probeReply(call, caps);
    if (script.raw !== undefined) return completion(script.raw);
    const text = promptText(call);
    const lp = <T>(tops: T): T | undefined => (caps.logprobs ? tops : undefined);
    if (text.includes("Does the edited image satisfy this statement")) {
      const principle = /statement: "(.*)"\?/.exec(text)?.[1] ?? "";
      const p = script.pYes?.(principle) ?? 0.9;
      return completion(
        p >= 0.5 ? "Yes" : "No",
        lp([
          [
            ["Yes", p],
            ["No", 1 - p],
          ],
        ]),
      );
    }
    if (text.includes("Answer with the number only")) {
      const probs = script.digits ?? [0, 0, 0, 0, 0, 1];
      const top = probs.map((p, d) => [String(d), p] as const).sort((a, b) => b[1] - a[1]);
      return completion(top[0]?.[0] ?? "0", lp([top]));
    }
    if (text.includes("write checklists")) return completion(JSON.stringify(script.split));
    if (text.includes("This is edit A")) {
      const [, a = "", b = ""] = imageUrls(call);
      return completion(JSON.stringify({ reasoning: "r", verdict: script.pairwise?.(a, b) ?? "A>B" }));
    }
    if (text.includes("execution:")) return completion(JSON.stringify({ reasoning: "r", ...script.firm }));
    const quality = text.includes("perceptual quality");
    if (text.includes("from 0 to 25")) {
      const list = script.editscore ?? [];
      const count = script.honoursN ? Math.max(1, Number(call.body.n ?? 1)) : 1;
      const texts = Array.from({ length: count }, () => {
        const n = quality ? editscoreCalls.pq++ : editscoreCalls.sc++;
        const pass = list[n % Math.max(1, list.length)];
        return JSON.stringify({ reasoning: "r", score: quality ? pass?.pq : pass?.sc });
      });
      return completions(texts);
    }
    if (text.includes("from 0 to 10")) {
      return completion(
        JSON.stringify({ score: quality ? script.viescore?.pq : script.viescore?.sc, reasoning: "r" }),
      );
    }
    return { status: 400, json: { error: { message: `fake VLM has no answer for: ${text.slice(0, 60)}` } } };
  };
}
