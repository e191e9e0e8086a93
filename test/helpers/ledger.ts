// Test helpers for the ledger: a small hand-built ParsedDocument and in-memory ledgers.
// Other engineers' tests use these; keep them simple.
import type {
  Deadline,
  Metric,
  ParsedDocument,
  ParsedPlan,
  ParsedTask,
  Responsibility,
  Role,
} from '../../electron/core/parse/types';
import {
  applyImport,
  openLedger,
  recordProgress,
  type DB,
  type ProgressInput,
} from '../../electron/core/ledger/index';

export const KAIFENG_COUNTIES = [
  '龙亭区',
  '顺河回族区',
  '鼓楼区',
  '禹王台区',
  '祥符区',
  '杞县',
  '通许县',
  '尉氏县',
  '兰考县',
];
export const KAIFENG_ZONE = '城乡一体化示范区';

export function unit(
  name: string,
  role: Role = 'responsible',
  kind?: Responsibility['kind'],
): Responsibility {
  const k =
    kind ?? (KAIFENG_COUNTIES.includes(name) ? 'county' : name === KAIFENG_ZONE ? 'zone' : 'department');
  return { unit: name, role, kind: k, raw: name, clause: `（${name}）` };
}

/** 各县区政府 expanded, as the parser does: the nine counties and the zone. */
export function allCounties(role: Role = 'implement'): Responsibility[] {
  return [...KAIFENG_COUNTIES, KAIFENG_ZONE].map((c) => ({
    ...unit(c, role),
    raw: '各县区政府、城乡一体化示范区管委会',
  }));
}

export function deadline(date: string, text = date): Deadline {
  return { date, kind: 'by_date', text };
}

export function metric(indicator: string, value: number, op: Metric['op'] = '>=', unitName = '%'): Metric {
  return { indicator, op, value, unit: unitName, strive: false, text: `${indicator}${value}${unitName}` };
}

export interface TaskSpec {
  no: number;
  title: string;
  group?: string;
  units?: Responsibility[];
  deadlines?: Deadline[];
  metrics?: Metric[];
  text?: string;
}

export function task(short: string, s: TaskSpec, year = 2025): ParsedTask {
  const deadlines = s.deadlines ?? [];
  return {
    no: s.no,
    code: `${short}-${s.no}`,
    title: s.title,
    group: s.group ?? '',
    units: s.units ?? [],
    due_dates: [...new Set(deadlines.map((d) => d.date))].sort(),
    deadlines,
    implied_due_date: `${year}-12-31`,
    recurring: [],
    metrics: s.metrics ?? [],
    text: s.text ?? `${s.no}.${s.title}。具体要求见原文。`,
    span: { from: s.no, to: s.no },
  };
}

export function plan(title: string, short: string, tasks: TaskSpec[], year = 2025): ParsedPlan {
  const groups = [...new Set(tasks.map((t) => t.group ?? '').filter(Boolean))];
  return {
    title,
    short_name: short,
    year,
    groups,
    metrics: [],
    tasks: tasks.map((t) => task(short, t, year)),
    span: { from: 0, to: 100 },
  };
}

/** A small document: 大气 (3 tasks) and 碧水 (2 tasks) with 开封 counties, deadlines and a target. */
export function sampleDocument(edit?: (d: ParsedDocument) => void): ParsedDocument {
  const doc: ParsedDocument = {
    document: {
      doc_number: '汴政办〔2025〕15号',
      issuer: '开封市人民政府办公室',
      date: '2025-06-13',
      city: '开封市',
    },
    plans: [
      plan('开封市2025年大气污染防治攻坚十大行动方案', '大气', [
        {
          no: 1,
          title: '依法依规淘汰落后低效产能',
          group: '（一）产业结构优化升级行动',
          units: [
            unit('市工业和信息化局', 'responsible'),
            unit('市发展改革委', 'responsible'),
            ...allCounties(),
          ],
          deadlines: [deadline('2025-09-30', '9月底前')],
        },
        {
          no: 2,
          title: '开展传统产业集群升级改造',
          group: '（一）产业结构优化升级行动',
          units: [
            unit('市发展改革委', 'responsible'),
            unit('兰考县', 'implement'),
            unit('尉氏县', 'implement'),
          ],
          deadlines: [deadline('2025-08-31', '8月份前')],
        },
        {
          no: 3,
          title: '加快煤电结构优化调整',
          group: '（二）能源结构绿色转型行动',
          units: [unit('市发展改革委', 'lead'), ...allCounties()],
          metrics: [metric('清洁运输比例', 80)],
        },
      ]),
      plan('开封市2025年碧水保卫战实施方案', '碧水', [
        {
          no: 1,
          title: '推进地表水生态环境治理',
          group: '（一）持续推进地表水生态环境治理',
          units: [unit('市生态环境局', 'lead'), unit('祥符区', 'implement'), unit('杞县', 'implement')],
          deadlines: [deadline('2025-06-30', '6月底前'), deadline('2025-12-31', '年底前')],
        },
        { no: 2, title: '加强饮用水水源地保护', units: [unit('市水利局', 'responsible')] },
      ]),
    ],
    source: { file: 'sample.txt', format: 'txt', paragraphs: ['开封市人民政府办公室文件'] },
  };
  edit?.(doc);
  return doc;
}

/** An in-memory ledger, with the sample document imported unless `doc` is null. */
export function memoryLedger(doc: ParsedDocument | null = sampleDocument()): DB {
  const db = openLedger(':memory:');
  if (doc) {
    const r = applyImport(db, doc, { operator: '测试' });
    if (r.problems.some((p) => p.severity === 'error'))
      throw new Error(r.problems.map((p) => p.message).join('\n'));
  }
  return db;
}

/** Records manual progress rows (operator 测试); throws on errors so tests stay short. */
export function addProgress(db: DB, rows: ProgressInput[], operator = '测试'): void {
  const r = recordProgress(db, rows, { kind: 'manual', operator });
  if (!r.written) throw new Error(r.problems.map((p) => p.message).join('\n'));
}

/** A deep copy, for editing a document into a "revised edition". */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** A large synthetic document (for crash and speed tests): `plans` plans × `tasks` tasks, each on every county. */
export function bigDocument(plans = 20, tasks = 100): ParsedDocument {
  const shorts = Array.from({ length: plans }, (_, i) => `测${i + 1}`);
  return {
    document: {
      doc_number: '汴政办〔2025〕99号',
      issuer: '开封市人民政府办公室',
      date: '2025-06-13',
      city: '开封市',
    },
    plans: shorts.map((s, i) =>
      plan(
        `开封市2025年第${i + 1}项专项行动方案`,
        s,
        Array.from({ length: tasks }, (_, j) => ({
          no: j + 1,
          title: `专项任务${i + 1}-${j + 1}`,
          group: `（${(j % 5) + 1}）类别`,
          units: [unit('市生态环境局', 'lead'), ...allCounties()],
          deadlines: [deadline(`2025-${String((j % 12) + 1).padStart(2, '0')}-28`)],
          metrics: j % 3 === 0 ? [metric('完成率', 90)] : [],
          text: `${j + 1}.专项任务${i + 1}-${j + 1}。`.padEnd(200, '文'),
        })),
      ),
    ),
    source: { file: 'big.txt', format: 'txt', paragraphs: [] },
  };
}
