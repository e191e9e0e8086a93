// A new edition that adds or drops a task moves the numbers of every task after it. The diff
// says that in one line per run ("碧水-10 至 碧水-21 依次改为 碧水-9 至 碧水-20（12 项）"),
// not as a change per task. Pure: the CLI and the renderer both use it.

export interface RenumberedTask {
  code: string;
  previousCode: string;
}

const NO = /^(.*?)(\d+)$/;

/** Consecutive tasks shifted by the same amount, each run as one Chinese line. */
export function renumberRuns(list: readonly RenumberedTask[]): string[] {
  const items = list
    .map((t) => {
      const a = NO.exec(t.previousCode);
      const b = NO.exec(t.code);
      return a && b ? { prefix: b[1]!, from: Number(a[2]), to: Number(b[2]), t } : null;
    })
    .filter((x) => x !== null)
    .sort((x, y) => x.prefix.localeCompare(y.prefix) || x.from - y.from);
  const runs: (typeof items)[] = [];
  for (const it of items) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (
      last &&
      last.prefix === it.prefix &&
      it.from === last.from + 1 &&
      it.to - it.from === last.to - last.from
    )
      run!.push(it);
    else runs.push([it]);
  }
  const bad = list.length - items.length;
  const lines = runs.map((run) => {
    const first = run[0]!;
    const last = run.at(-1)!;
    if (run.length === 1) return `${first.t.previousCode} 改为 ${first.t.code}（内容未变）`;
    return `${first.t.previousCode} 至 ${last.t.previousCode} 依次改为 ${first.t.code} 至 ${last.t.code}（${run.length} 项，内容未变）`;
  });
  if (bad > 0)
    lines.push(
      ...list
        .filter((t) => !NO.test(t.code) || !NO.test(t.previousCode))
        .map((t) => `${t.previousCode} 改为 ${t.code}`),
    );
  return lines;
}
