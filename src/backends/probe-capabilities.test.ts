import { describe, expect, it } from "vitest";
import type { ChatBackend, ChatRequest, ChatResponse } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { PROBE_MAX_TOKENS, probeCapabilities, schemaFinding } from "./probe-capabilities.js";

const reply = (text: string, finishReason: string): ChatResponse => ({
  model: "m",
  cached: false,
  choices: [
    { text, finishReason, logprobs: [{ token: "{", logprob: -0.1, top: [{ token: "{", logprob: -0.1 }] }] },
  ],
});

/** A backend that answers each call with the next entry (a reply or an error to throw). */
function scripted(script: Array<ChatResponse | Error>): ChatBackend & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    model: "m",
    requests,
    complete: async (request) => {
      requests.push(request);
      const next = script[requests.length - 1];
      if (!next) throw new Error("unexpected call");
      if (next instanceof Error) throw next;
      return next;
    },
    capabilities: async () => ({ logprobs: false, jsonSchema: false, notes: [] }),
  };
}

describe("schemaFinding", () => {
  it("reads an answer cut at max tokens as inconclusive, never as ignored", () => {
    expect(schemaFinding({ text: '{"editjudge_probe": 7}', finishReason: "stop", logprobs: null })).toBe(
      "honoured",
    );
    expect(
      schemaFinding({ text: '{"editjudge_probe"\n\n :\n\n\t7 }', finishReason: "length", logprobs: null }),
    ).toBe("honoured");
    expect(schemaFinding({ text: '{\n\n\t "editjudg', finishReason: "length", logprobs: null })).toBe(
      "inconclusive",
    );
    expect(schemaFinding({ text: "", finishReason: "length", logprobs: null })).toBe("inconclusive");
    expect(schemaFinding({ text: "Yes.", finishReason: "stop", logprobs: null })).toBe("ignored");
    expect(
      schemaFinding({ text: "Yes, the sky is blue because", finishReason: "length", logprobs: null }),
    ).toBe("ignored");
  });
});

describe("probeCapabilities", () => {
  it("gives the reply room (a constrained answer in byte tokens needs more than 64)", async () => {
    const backend = scripted([reply('{"editjudge_probe": 7}', "stop")]);
    await probeCapabilities(backend);
    expect(backend.requests[0]?.maxTokens).toBe(PROBE_MAX_TOKENS);
    expect(PROBE_MAX_TOKENS).toBeGreaterThanOrEqual(256);
  });

  it("keeps sending the schema after a cut-off probe, and says the probe was inconclusive", async () => {
    const caps = await probeCapabilities(scripted([reply('{\n\n\t "editjudg', "length")]));
    expect(caps.jsonSchema).toBe(true);
    expect(caps.notes.join(" ")).toMatch(/inconclusive: the reply was cut at 256 tokens/);
    expect(caps.notes.join(" ")).not.toMatch(/ignores/);
  });

  it("takes a server that rejected the constrained output as enforcing the schema, and probes logprobs without it", async () => {
    const rejected = new BackendCallError("HTTP 500 peg-native", {
      status: 500,
      isRetryable: false,
      url: "u",
      outputRejected: "llama-cpp-peg-format",
    });
    const backend = scripted([rejected, reply("Yes", "stop")]);
    const caps = await probeCapabilities(backend);
    expect(caps).toMatchObject({ jsonSchema: true, logprobs: true });
    expect(caps.notes.join(" ")).toMatch(/inconclusive: the server rejected the model's constrained answer/);
    expect(backend.requests[1]?.jsonSchema).toBeUndefined();
  });

  it("still fails on a genuine server error", async () => {
    const down = new BackendCallError("HTTP 503", { status: 503, isRetryable: true, url: "u" });
    await expect(probeCapabilities(scripted([down]))).rejects.toBe(down);
  });
});
