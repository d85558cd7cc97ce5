import cliProgress from "cli-progress";

/** A progress bar with an ETA on the given TTY stream (the caller checks `isTTY`). */
export function startProgressBar(stream: NodeJS.WriteStream): {
  update: (done: number, total: number, cached: number) => void;
  stop: () => void;
} {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "judging [{bar}] {value}/{total} items | {cached} from store | eta {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total, cached) => {
      if (!started) {
        bar.start(total, 0, { cached: 0 });
        started = true;
      }
      bar.update(done, { cached });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
