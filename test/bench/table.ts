// The summary `npm run bench` prints last: one row per figure an issue sets a target for
// (issue 15's table: the clerk's waits), each with its target and whether it is met. Benches
// add rows as they measure; run.ts prints them once every bench has run.
import os from 'node:os';

interface Row {
  what: string;
  figure: string;
  target: string;
  met: boolean | null; // null: not measured here (tool missing), see the figure
}

const rows: Row[] = [];

export function addRow(what: string, figure: string, target: string, met: boolean | null): void {
  rows.push({ what, figure, target, met });
}

export function printTable(): void {
  if (rows.length === 0) return;
  const [l1, l5] = os.loadavg();
  console.log(
    `\n=== summary (load average ${l1!.toFixed(1)} / ${l5!.toFixed(1)} on ${os.cpus().length} cores) ===`,
  );
  const width = (s: string) => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! > 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const w0 = Math.max(...rows.map((r) => width(r.what)));
  const w1 = Math.max(...rows.map((r) => width(r.figure)));
  const w2 = Math.max(...rows.map((r) => width(r.target)));
  for (const r of rows) {
    const mark = r.met === null ? '–' : r.met ? '✓' : '✗';
    console.log(`${pad(r.what, w0)}  ${pad(r.figure, w1)}  target ${pad(r.target, w2)}  ${mark}`);
  }
}
