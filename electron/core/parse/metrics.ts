// Quantified targets (目标指标): indicator, operator, value, unit, 力争/争取.
// Chinese legal usage: 以上/以下/以内 include the number (≥ / ≤); 低于 is <; 突破 is >;
// 达到 is ≥; 保持100% is =; changes against a baseline (较2022年下降10个百分点以上)
// are decrease>= / increase>=.
import type { Metric, MetricOp, Span } from './types';

// concentration units in every spelling offices use (μg/m3, 微克每立方米) come first
// compound units (降尘量 吨/平方公里·月, 能耗 吨标准煤) before their parts, so the whole unit is read
const UNIT =
  '%|％|个百分点|微克\\/立方米|微克每立方米|[μu]g\\/m[3³]|毫克\\/立方米|毫克每立方米|mg\\/m[3³]|毫克\\/升|毫克每升|mg\\/L|吨\\/平方公里[·•.]月|吨\\/月[·•.]平方公里|吨\\/\\(平方公里[·•.]月\\)|万吨标准煤|吨标准煤|亿立方米|万立方米|立方米|万吨|万辆|万千瓦|万亩|万元|亿元|蒸吨|吨|家|条|个|辆|台|座|处|公里|千米|天|次|项|平方米|平方公里|亩|人|户|所|批|套|根|口|眼|站|米';
// 在 stands for a verb before a bounded number: PM10浓度在70微克/立方米以内
const VERB =
  '不低于|不少于|不超过|不高于|不大于|不小于|低于|高于|超过|突破|达到|达|控制在|稳定在|保持在|保持|提高到|提高至|提升到|提升至|增加到|增长到|降至|降低到|降低至|降到|下降到|下降|降低|减少|压减|削减|减排|提高|提升|增加|增长|在';
// verbs that make a count a target (新增30家); 退出/整治… mostly carry qualifiers (退出全国168个城市后20名)
const CREATE = '新增|新建|建成|创建|完成|建设|淘汰';
// units that count things, as opposed to sizes that qualify them (3吨以下的叉车, 2蒸吨及以下锅炉)
const COUNT_UNIT =
  /^(?:家|条|个|辆|台|座|处|项|所|批|套|口|眼|站|户|人|万辆|公里|千米|米|亩|万亩|平方米|平方公里|立方米|万立方米)$/;

/** One spelling per unit, as the gold and the ledger use them. */
function canonicalUnit(u: string): string {
  if (u === '％') return '%';
  if (/^吨\/(?:平方公里[·•.]月|月[·•.]平方公里|\(平方公里[·•.]月\))$/.test(u)) return '吨/平方公里·月';
  if (/^(?:微克每立方米|[μu]g\/m[3³])$/.test(u)) return '微克/立方米';
  if (/^(?:毫克每立方米|mg\/m[3³])$/.test(u)) return '毫克/立方米';
  if (/^(?:毫克每升|mg\/L)$/.test(u)) return '毫克/升';
  return u;
}

// number with its unit and an optional inclusive suffix
const NUM = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT})\\s*(以上|以下|以内|左右)?`, 'g');
const VERB_BEFORE = new RegExp(`(${VERB})\\s*([^，。；、]{0,24}?的)?\\s*$`);
const CREATE_BEFORE = new RegExp(`(${CREATE})(完成)?\\s*([^，。；]{0,30}?)\\s*$`);

function opFor(verb: string | undefined, suffix: string | undefined, unit: string): MetricOp | null {
  const inc = suffix === '以上',
    dec = suffix === '以下' || suffix === '以内';
  switch (verb) {
    case '低于':
      return '<';
    case '高于':
    case '超过':
    case '突破':
      return '>';
    case '不低于':
    case '不少于':
    case '不小于':
      return '>=';
    case '不超过':
    case '不高于':
    case '不大于':
      return '<=';
    case '控制在':
    case '降至':
    case '降低到':
    case '降低至':
    case '降到':
    case '下降到':
      return inc ? '>=' : '<=';
    case '保持':
    case '保持在':
    case '稳定在':
    case '在':
      return inc ? '>=' : dec ? '<=' : '=';
    case '下降':
    case '降低':
    case '减少':
    case '压减':
    case '削减':
    case '减排':
      return unit === '个百分点' || unit === '%' || unit === '％' ? 'decrease>=' : dec ? '<=' : 'decrease>=';
    case '提高':
    case '提升':
    case '增加':
    case '增长':
      return unit === '个百分点' || unit === '%' || unit === '％' ? 'increase>=' : '>=';
    case undefined:
      return inc ? '>=' : dec ? '<=' : null;
    default:
      return dec ? '<=' : '>='; // 达到, 达, 提高到…
  }
}

/** Words that frame a clause but are not part of the indicator. */
function cleanIndicator(s: string): string {
  return s
    .replace(/^[“”"'（(\s]*$/, '')
    .replace(/^\s*\d{1,3}\s*[.．、](?!\d)\s*/, '') // the task's own number: 1.努力实现地区生产总值…
    .replace(/^(?:努力|力争|争取|确保)?实现(?=.{2})/, '')
    .replace(/^(?:到|至|在|于)?\d{4}年(?:年?底前?|底)?/, '')
    .replace(/^(?:年底前|年内|确保|力争|争取|全年|同时|其中|并)+/, '')
    .replace(/(?:力争|争取|确保|要|需|应|均|要求|全部|基本|稳定|持续)+$/, '')
    .replace(/[，、\s]+$/, '')
    .trim();
}

const UNITLESS = new RegExp(
  `([^，。；：、]{2,30}?(?:系数|指数))(${VERB})\\s*(\\d+(?:\\.\\d+)?)(?![\\d.%％])\\s*(以上|以下|以内)?`,
  'g',
);

const NUMBER_LIST = `\\d+(?:\\.\\d+)?\\s*(?:${UNIT})?(?:\\s*[、和及与]\\s*\\d+(?:\\.\\d+)?\\s*(?:${UNIT})?)+`;
const RESPECTIVELY = new RegExp(
  `([^，。；：,;:]{2,80}?)((?:比|较)(?:上一?年|\\d{4}年(?:底)?|同期))?分别(${VERB})\\s*(${NUMBER_LIST})\\s*(以上|以下|以内)?`,
  'g',
);

/** Splits a list at 、 和 及 与 outside brackets: 二氧化硫(SO2)、氮氧化物(NOX)和挥发性有机物(VOCs). */
function splitNames(s: string): string[] {
  const out: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of s) {
    if ('（('.includes(ch)) depth++;
    if ('）)'.includes(ch) && depth > 0) depth--;
    if (depth === 0 && '、和及与'.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/**
 * 二氧化硫、氮氧化物分别减排150吨、300吨; 排放总量比2015年分别下降15%、10%和26%;
 * PM10和PM2.5浓度分别不高于53和32微克/立方米: one target per name, in order, each with the
 * list's verb; a number without a unit takes the last one's.
 */
function respectively(text: string, paragraph: number): Metric[] {
  const out: Metric[] = [];
  if (!text.includes('分别')) return out;
  RESPECTIVELY.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = RESPECTIVELY.exec(text))) {
    let subject = r[1]!.replace(/^.*?(?:到|至)?\d{4}年(?:底前?)?[，,]?/, '');
    // 挥发性有机物(VOCs)等主要污染物排放总量: the names, then what is measured of each
    let tail = '';
    const deng = subject.lastIndexOf('等');
    if (deng > 0) {
      tail = subject.slice(deng + 1).replace(/^主要(?:大气|水)?污染物/, '');
      subject = subject.slice(0, deng);
    }
    const names = splitNames(subject.replace(/^(?:全市|全省|全县|全区|市区|城区)/, ''));
    const values = [...r[4]!.matchAll(new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT})?`, 'g'))];
    if (names.length < 2 || names.length !== values.length) continue;
    const lastUnit = values[values.length - 1]![2];
    if (!lastUnit) continue;
    values.forEach((v, k) => {
      const unit = canonicalUnit(v[2] ?? lastUnit);
      const op = opFor(r![3], r![5], unit);
      if (!op) return;
      out.push({
        indicator: cleanIndicator(`${names[k]}${tail}`),
        op,
        value: Number(v[1]),
        unit,
        strive: /力争|争取/.test(r![0]),
        text: r![0].trim(),
        span: { paragraph, start: r!.index, end: r!.index + r![0].length },
        ...(r![2] ? { baseline: r![2] } : {}),
      });
    });
  }
  return out;
}

export function findMetrics(text: string, paragraph: number): Metric[] {
  const out: Metric[] = respectively(text, paragraph);
  const listed = out.map((m) => m.span!);
  // 农田灌溉水有效利用系数达到0.7, 综合指数不高于4.5: targets with no unit
  UNITLESS.lastIndex = 0;
  let u: RegExpExecArray | null;
  while ((u = UNITLESS.exec(text))) {
    const op = opFor(u[2], u[4], '');
    const indicator = cleanIndicator(u[1]!);
    if (!op || indicator.length < 2) continue;
    const clause = u[0];
    out.push({
      indicator,
      op,
      value: Number(u[3]),
      unit: '',
      strive: /力争|争取/.test(clause),
      text: clause.trim(),
      span: { paragraph, start: u.index, end: u.index + clause.length },
    });
  }
  NUM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUM.exec(text))) {
    if (listed.some((l) => m!.index >= l.start && m!.index < l.end)) continue;
    const value = Number(m[1]);
    const unit = canonicalUnit(m[2]!);
    const suffix = m[3];
    const start = m.index,
      end = m.index + m[0].length;
    // the clause holding the number, and the one before (for 较…下降 after a comma)
    let clauseStart = lastClauseBreak(text, start) + 1;
    // inside an open parenthesis (力争达到44微克/立方米): the clause starts there
    const open = openParenBefore(text, clauseStart, start);
    if (open >= 0) clauseStart = open + 1;
    const sentenceStart = lastIndexOfAny(text, '。；：;:', start) + 1;
    const before = text.slice(clauseStart, start);
    if (/[A-Za-z.]$/.test(before)) continue; // PM2.5, a model number
    let indicator = '';
    let op: MetricOp | null = null;
    let baseline: string | undefined;
    const vb = VERB_BEFORE.exec(before);
    if (vb) {
      op = opFor(vb[1], suffix, unit);
      indicator = before.slice(0, vb.index);
      const base = /(?:同比|(?:较|比)(?:上一?年|\d{4}年(?:底)?|同期)(?:同期)?)/.exec(indicator);
      if (base) {
        baseline = base[0];
        indicator = indicator.slice(0, base.index);
      }
      if (!cleanIndicator(indicator) && baseline && clauseStart > sentenceStart) {
        // 全市公路货物周转量占比，较2022年下降10个百分点以上: the indicator is the clause before
        const prevStart = lastClauseBreak(text, clauseStart - 2) + 1;
        indicator = text.slice(prevStart, clauseStart - 1);
      }
    } else {
      const after = text.slice(end, end + 30);
      const cb = CREATE_BEFORE.exec(before);
      if (suffix && /^的/.test(after) && (unit === '%' || unit === '个百分点')) {
        // 50%以上的汽油加油站: the indicator follows the number
        indicator = /^的([^，。；、（]+?)(?:以及|和|及|，|。|；|、|$)/.exec(after)?.[1] ?? '';
        op = opFor(undefined, suffix, unit);
      } else if (
        cb &&
        cb[3] &&
        COUNT_UNIT.test(unit) &&
        !/的$/.test(cb[3]) &&
        !/^(?:全国|全省|全市|全县|全区)$/.test(cleanIndicator(cb[3]))
      ) {
        // 新增A级、B级企业及绩效引领性企业30家以上: indicator between the verb and the number
        indicator = cb[3];
        op = opFor(undefined, suffix, unit) ?? '>=';
      } else if (cb && COUNT_UNIT.test(unit) && !/^[及以]/.test(after)) {
        // 力争建成1条省级美丽幸福河湖: indicator after the number
        indicator = /^[^，。；、（]+/.exec(after.replace(/^的/, ''))?.[0] ?? '';
        op = opFor(undefined, suffix, unit) ?? '>=';
      } else if (/(比例|比率|率)$/.test(before) && unit === '%') {
        // 达到或优于Ⅲ类比例100%: a share stated with no verb is the share itself
        indicator = before;
        op = opFor(undefined, suffix, unit) ?? '=';
      } else if (/(减排量|削减量|减少量|削减|减排)$/.test(before)) {
        // 化学需氧量减排量90吨、氨氮减排量6吨
        indicator = before.slice(before.lastIndexOf('、') + 1);
        op = opFor(undefined, suffix, unit) ?? '>=';
      } else if (
        /(新增|新建|完成)/.test(before) &&
        !suffix &&
        COUNT_UNIT.test(unit) &&
        !/^[及以]/.test(after)
      ) {
        indicator = before;
        op = '>=';
      }
    }
    indicator = cleanIndicator(indicator);
    // …不高于49.9微克/立方米，力争不高于49.1微克/立方米: the second target has the first one's indicator
    const prev = out[out.length - 1];
    if (
      op &&
      (!indicator || indicator.length < 2) &&
      prev &&
      prev.unit === unit &&
      text.slice(prev.span!.end, start).search(/[。；]/) < 0
    )
      indicator = prev.indicator;
    if (!op || !indicator || indicator.length < 2) continue;
    const clause = text.slice(clauseStart, end);
    const strive = /力争|争取/.test(clause);
    const span: Span = { paragraph, start: clauseStart, end };
    const metric: Metric = { indicator, op, value, unit, strive, text: clause.trim(), span };
    if (baseline) metric.baseline = baseline;
    out.push(metric);
  }
  return out;
}

function openParenBefore(text: string, from: number, to: number): number {
  let open = -1;
  for (let i = from; i < to; i++) {
    if (text[i] === '（' || text[i] === '(') open = i;
    else if ((text[i] === '）' || text[i] === ')') && open >= 0) open = -1;
  }
  return open;
}

/**
 * The clause break before an offset: ，。；： and, in web copies, their half-width forms
 * (a comma between two digits is a thousands separator, not a break).
 */
function lastClauseBreak(text: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) {
    const c = text[i]!;
    if ('，。；：'.includes(c)) return i;
    if (',;:'.includes(c) && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''))) return i;
  }
  return -1;
}

function lastIndexOfAny(text: string, chars: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (chars.includes(text[i]!)) return i;
  return -1;
}
