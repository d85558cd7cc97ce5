/**
 * Solves the small square system a·x = y (normal equations of a least-squares fit) by Gauss-Jordan elimination with
 * partial pivoting. A (near-)zero pivot leaves that unknown at 0 instead of dividing by it.
 */
export function solveLinear(a: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const m: Float64Array[] = a.map((row, i) => {
    const augmented = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) augmented[k] = row[k] as number;
    augmented[n] = y[i] as number;
    return augmented;
  });
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] as number) > Math.abs(m[p]?.[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as Float64Array, m[c] as Float64Array];
    const top = m[c] as Float64Array;
    const pivot = top[c] as number;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as Float64Array;
      const f = (row[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (top[k] as number);
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = (m[i] as Float64Array)[i] as number;
    x[i] = Math.abs(d) < 1e-12 ? 0 : ((m[i] as Float64Array)[n] as number) / d;
  }
  return x;
}
