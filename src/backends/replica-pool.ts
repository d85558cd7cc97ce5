/**
 * Spreads calls across replica base URLs: the healthy replica with the fewest calls in flight is
 * picked (ties go round-robin). A replica that fails with a connection error or 5xx is left out
 * for `cooldownMs`; when every replica is cooling down, the one that recovers first is used.
 */
interface Replica {
  url: string;
  inFlight: number;
  downUntil: number;
  failures: number;
}

export class ReplicaPool {
  readonly #replicas: Replica[];
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #next = 0;

  constructor(urls: readonly string[], cooldownMs: number, now: () => number) {
    this.#replicas = urls.map((url) => ({
      url: url.replace(/\/+$/, ""),
      inFlight: 0,
      downUntil: 0,
      failures: 0,
    }));
    this.#cooldownMs = cooldownMs;
    this.#now = now;
  }

  get size(): number {
    return this.#replicas.length;
  }

  /** Picks a replica and counts the call in flight; call `release` when it ends. */
  acquire(): string {
    const now = this.#now();
    const n = this.#replicas.length;
    let best: Replica | undefined;
    for (let k = 0; k < n; k++) {
      const r = this.#replicas[(this.#next + k) % n];
      if (!r || r.downUntil > now) continue;
      if (!best || r.inFlight < best.inFlight) best = r;
    }
    best ??= [...this.#replicas].sort((a, b) => a.downUntil - b.downUntil)[0];
    if (!best) throw new Error("replica pool is empty");
    this.#next = (this.#replicas.indexOf(best) + 1) % n;
    best.inFlight++;
    return best.url;
  }

  release(url: string, outcome: "ok" | "unhealthy" | "neutral"): void {
    const r = this.#replicas.find((x) => x.url === url);
    if (!r) return;
    r.inFlight = Math.max(0, r.inFlight - 1);
    if (outcome === "ok") r.failures = 0;
    if (outcome === "unhealthy") {
      r.failures++;
      r.downUntil = this.#now() + this.#cooldownMs;
    }
  }

  /** Health per replica, for reports. */
  status(): Array<{ url: string; healthy: boolean; failures: number }> {
    const now = this.#now();
    return this.#replicas.map((r) => ({ url: r.url, healthy: r.downUntil <= now, failures: r.failures }));
  }
}
