// kube's helper.DefaultNormalizeScore: scale raw scores to 0..100 against the highest one,
// optionally reversed (for "fewer is better" counts). Integer arithmetic, as in kube.
export const MAX_NODE_SCORE = 100;

export function defaultNormalize(raw: ReadonlyMap<string, number>, reverse: boolean): Map<string, number> {
  let max = 0;
  for (const v of raw.values()) if (v > max) max = v;
  const out = new Map<string, number>();
  for (const [name, v] of raw) {
    if (max === 0) {
      out.set(name, reverse ? MAX_NODE_SCORE : v);
      continue;
    }
    const scaled = Math.trunc((MAX_NODE_SCORE * v) / max);
    out.set(name, reverse ? MAX_NODE_SCORE - scaled : scaled);
  }
  return out;
}
