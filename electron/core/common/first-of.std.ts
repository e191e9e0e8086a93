// A bounded "sort, then take the first n": a screen lists the few nearest or longest of
// 100,000 tasks and need not hold the rest. Pure (the renderer may import it).
/**
 * The first n of the items offered, in the order `before` gives and, among equals, in the
 * order offered: what a stable sort and slice(0, n) keep, without holding every item.
 */
export class FirstOf<T> {
  readonly items: T[] = [];
  constructor(
    private readonly n: number,
    private readonly before: (a: T, b: T) => number,
  ) {}

  offer(x: T): void {
    const items = this.items;
    if (this.n <= 0) return;
    if (items.length === this.n && this.before(x, items[items.length - 1]!) >= 0) return;
    // after every item it does not come before: equals keep the order they were offered in
    let at = items.length;
    while (at > 0 && this.before(x, items[at - 1]!) < 0) at--;
    items.splice(at, 0, x);
    if (items.length > this.n) items.pop();
  }
}
