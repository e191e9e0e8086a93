// 完成状态 as people type it, not only the drop-down's four words: the one reader of status
// words, for county workbooks, progress files and the CLI's --status alike (the words the
// ledger itself shows are in vocabulary.std.ts). Pure (the renderer may import it). An exact
// list: a word not on it is reported with its cell, never guessed — a loose "contains 推进"
// rule would read 推进缓慢 as on track.
import { PROGRESS_STATUSES, type ProgressStatus } from './vocabulary.std';

/** What a status word says beyond the status itself. */
export type StatusNote =
  | 'review' // 基本完成: under way, but the clerk should look (is it done or not?)
  | 'recurring' // 长期坚持 / 持续开展: a standing duty, never "done"
  | 'yes_no'; // 是 / 否 in a 是否完成 column: 否 after the deadline is also overdue

export interface StatusWord {
  status: ProgressStatus;
  note?: StatusNote;
}

const WORDS: [string[], StatusWord][] = [
  [
    [
      '已完成',
      '完成',
      '已办结',
      '办结',
      '全部完成',
      '已全部完成',
      '已完结',
      '按期完成',
      '提前完成',
      '已达标',
      '已销号',
    ],
    { status: 'done' },
  ],
  [['是'], { status: 'done', note: 'yes_no' }],
  [
    [
      '序时推进',
      '按序时推进',
      '按时序推进',
      '正常推进',
      '正在推进',
      '持续推进',
      '推进中',
      '按计划推进',
      '按进度推进',
      '稳步推进',
      '有序推进',
      '进行中',
      '正在实施',
      '实施中',
      '序时',
    ],
    { status: 'on_track' },
  ],
  [['基本完成'], { status: 'on_track', note: 'review' }],
  [['长期坚持', '持续开展', '常态化推进', '长期推进'], { status: 'on_track', note: 'recurring' }],
  [
    [
      '进度滞后',
      '滞后',
      '推进缓慢',
      '慢序时',
      '滞后推进',
      '推进滞后',
      '进度落后',
      '未按期完成',
      '未完成',
      '逾期未完成',
      '滞后于序时',
      '未按序时推进',
      '落后',
    ],
    { status: 'lagging' },
  ],
  [['否'], { status: 'lagging', note: 'yes_no' }],
  [
    ['未启动', '未开展', '尚未开始', '尚未启动', '尚未开展', '未开始', '暂未启动', '暂未开展'],
    { status: 'not_started' },
  ],
];

const LOOKUP = new Map<string, StatusWord>();
for (const [words, w] of WORDS) for (const s of words) LOOKUP.set(s, w);

/** Spaces, end punctuation, ticks and a remark in brackets (已完成（9月已验收）) removed. */
export function statusKey(raw: string): string {
  return raw
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s。．.，,；;！!、√✓]/g, '')
    .trim();
}

/** The status a word names, with its note; null for a word not on the list (or a blank). */
export function readStatusWord(
  raw: string,
  extraWords: Partial<Record<ProgressStatus, string>> = {},
): StatusWord | null {
  const s = statusKey(raw);
  if (!s) return null;
  for (const [status, word] of Object.entries(extraWords) as [ProgressStatus, string][]) {
    if (word && s === statusKey(word)) return { status };
  }
  return LOOKUP.get(s) ?? null;
}

/** A status code (done, on_track…) or a status word → the status; null if neither. */
export function parseStatus(raw: string): ProgressStatus | null {
  const t = raw.trim();
  if ((PROGRESS_STATUSES as string[]).includes(t)) return t as ProgressStatus;
  return readStatusWord(t)?.status ?? null;
}
