import type { Command } from "commander";
import { ConfigError } from "../../errors/config-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../../image/image-limits.js";
import { COMPAT_NULL_MODES, type CompatNullMode } from "../../server/compat/compat-null.js";
import { DEFAULT_KEEP_RULE, DEFAULT_SERVER_SETTINGS } from "../../server/server-options.js";
import { startServer } from "../../server/start-server.js";
import { addBackendFlags, backendConfigFrom } from "../backend-flags.js";

interface ServeOptions {
  host: string;
  port: string;
  judge: string[];
  token?: string;
  allowUrls?: boolean;
  imageRoot?: string[];
  maxBody: string;
  maxRequestMegapixels: string;
  maxServerMegapixels?: string;
  requestTimeout: string;
  keepMinStd: string;
  keepMaxMean: string;
  compatNull: string;
}

function compatNull(raw: string): CompatNullMode {
  const mode = COMPAT_NULL_MODES.find((m) => m === raw.trim().toLowerCase());
  if (!mode)
    throw new ConfigError(
      "compat-null",
      `--compat-null "${raw}" must be one of ${COMPAT_NULL_MODES.join(", ")}`,
    );
  return mode;
}

function number(name: string, raw: string, min: number): number {
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new ConfigError(name, `--${name} "${raw}" must be a number ≥ ${min}`);
  return value;
}

export function registerServe(program: Command): void {
  const d = DEFAULT_SERVER_SETTINGS;
  const command = program
    .command("serve")
    .description(
      "run the JSON reward server (POST /v1/score, /v1/rewards; OpenAPI at /openapi.json), also speaking the reward protocols of Edit-R1, flow_grpo, verl-omni, UniRL and Flow-Factory",
    )
    .option("--host <host>", "address to bind; anything but loopback requires --token", d.host)
    .option("--port <port>", "port (0 = any free port)", String(d.port))
    .option("-j, --judge <id...>", "judges to load once at start; the first is the default", ["checks"])
    .option("--token <token>", "required bearer token (or EDITJUDGE_SERVER_TOKEN)")
    .option("--allow-urls", "accept http(s) image URLs (SSRF-checked: public addresses only)")
    .option("--image-root <dir...>", 'directories that {"path": …} images may be read from')
    .option("--max-body <bytes>", "largest request body", String(d.maxBodyBytes))
    .option(
      "--max-request-megapixels <mp>",
      "decoded pixels one request may hold, all its images together (bounds its memory)",
      String(d.maxRequestPixels / 1e6),
    )
    .option(
      "--max-server-megapixels <mp>",
      `decoded pixels all requests in flight may hold together; over it a request gets 503 server_busy with Retry-After (default: ${d.maxServerPixels / 1e6}, or --max-request-megapixels if larger)`,
    )
    .option(
      "--request-timeout <ms>",
      "per-request time limit, reading the body included",
      String(d.requestTimeoutMs),
    )
    .option("--keep-min-std <x>", "keep a group only when reward std > x", String(DEFAULT_KEEP_RULE.minStd))
    .option(
      "--keep-max-mean <x>",
      "keep a group only when reward mean < x",
      String(DEFAULT_KEEP_RULE.maxMean),
    )
    .option(
      "--compat-null <mode>",
      "what trainer-protocol routes (/mode/<m>, /, /score, /compute) answer for a null reward: error (500 if transient, else 422), zero or nan",
      "error",
    );
  addBackendFlags(command);
  command.action(async (opts: ServeOptions, cmd: Command) => {
    const judgeSettings = backendConfigFrom(cmd, process.env);
    const server = await startServer({
      host: opts.host,
      port: number("port", opts.port, 0),
      judgeIds: opts.judge,
      judgeSettings,
      limits: { ...DEFAULT_IMAGE_LIMITS, maxPixels: judgeSettings.maxPixels },
      token: opts.token ?? process.env.EDITJUDGE_SERVER_TOKEN ?? null,
      images: {
        allowUrls: opts.allowUrls === true,
        pathRoots: opts.imageRoot ?? [],
        fetchTimeoutMs: d.fetchTimeoutMs,
      },
      maxBodyBytes: number("max-body", opts.maxBody, 1),
      maxRequestPixels: Math.round(
        number("max-request-megapixels", opts.maxRequestMegapixels, 0.000001) * 1e6,
      ),
      ...(opts.maxServerMegapixels === undefined
        ? {}
        : {
            maxServerPixels: Math.round(
              number("max-server-megapixels", opts.maxServerMegapixels, 0.000001) * 1e6,
            ),
          }),
      requestTimeoutMs: number("request-timeout", opts.requestTimeout, 1),
      compatNull: compatNull(opts.compatNull),
      keep: {
        minStd: number("keep-min-std", opts.keepMinStd, 0),
        maxMean: number("keep-max-mean", opts.keepMaxMean, 0),
      },
    });
    process.stderr.write(`editjudge serve: listening on ${server.url} (judges: ${opts.judge.join(", ")})\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        process.stderr.write(`editjudge serve: ${signal}, finishing in-flight requests…\n`);
        server.close().then(resolve, resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
  });
}
