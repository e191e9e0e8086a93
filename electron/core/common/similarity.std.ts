// How alike two short texts are, for matching what people retyped: a county's reworded task
// title, a mistyped unit on an alias, a task's text across editions of a plan. One measure for
// all of them (they once had two copies that could drift). Pure: the renderer may import it.

function bigrams(chars: string[]): Map<string, number> {
  const m = new Map<string, number>();
  if (chars.length === 1) m.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/**
 * Dice coefficient on character bigrams (by code point, counted as a multiset): 1 for equal
 * strings, 0 when nothing is shared. A one-character string shares nothing with a longer one.
 */
export function bigramDice(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const A = bigrams([...a]);
  const B = bigrams([...b]);
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [g, v] of A) inter += Math.min(v, B.get(g) ?? 0);
  return (2 * inter) / (na + nb);
}

/** Length of the longest common subsequence (characters in order, gaps allowed). */
export function lcsLength(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = new Array<number>(B.length + 1).fill(0);
  for (let i = 1; i <= A.length; i++) {
    const cur = new Array<number>(B.length + 1).fill(0);
    for (let j = 1; j <= B.length; j++)
      cur[j] = A[i - 1] === B[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return prev[B.length]!;
}
