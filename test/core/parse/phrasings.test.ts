// The tricky responsibility, deadline and metric phrasings of the gold conventions,
// each on a small text of its own.
import { describe, expect, it } from 'vitest';
import { readClause, readResponsibilities } from '../../../electron/core/parse/responsibilities';
import {
  distinctDeadlines,
  findDeadlines,
  findRecurrences,
  dueDates,
} from '../../../electron/core/parse/deadlines';
import type { Deadline } from '../../../electron/core/parse/types';
import { findMetrics } from '../../../electron/core/parse/metrics';
import { loadProfiles } from '../../../electron/core/parse/city-profile';
import { parseFile, parseIngested } from '../../../electron/core/parse/index';
import { rejoinLines } from '../../../electron/core/ingest/txt';

const kaifeng = loadProfiles().find((p) => p.city === '开封市')!;
const ALL = kaifeng.counties;
const pairs = (inner: string) => readClause(inner, kaifeng, 0, 0)!.units.map((u) => `${u.unit}:${u.role}`);

describe('responsibilities', () => {
  it('reads lead, responsible, implement and expands 各县区政府 through the city profile', () => {
    const got = pairs('市发展改革委牵头，市财政局、市生态环境局按职责分工负责，各县区政府具体落实');
    expect(got.slice(0, 3)).toEqual([
      '市发展改革委:lead',
      '市财政局:responsible',
      '市生态环境局:responsible',
    ]);
    expect(got.slice(3)).toEqual(ALL.map((c) => `${c}:implement`));
  });
  it('distributes a shared 政府 suffix and drops 等', () => {
    expect(pairs('市生态环境局、市工业和信息化局按职责分工负责，祥符区、通许县政府具体落实')).toContain(
      '通许县:implement',
    );
    expect(pairs('市生态环境局、市工业和信息化局按职责分工负责，祥符区、通许县政府具体落实')).toContain(
      '祥符区:implement',
    );
    expect(pairs('市发展改革委、市资源规划局按职责分工负责，兰考县、尉氏县等县区具体落实')).toEqual([
      '市发展改革委:responsible',
      '市资源规划局:responsible',
      '兰考县:implement',
      '尉氏县:implement',
    ]);
    expect(pairs('市交通运输局牵头，市生态环境局、市水利局等参与')).toContain('市水利局:participate');
  });
  it('keeps a name with 等 inside it whole and maps the zone committee to the zone', () => {
    expect(pairs('市生态环境局按照职责分工负责，开封精细化工开发区等八个开发区管委会落实')).toContain(
      '开封精细化工开发区等八个开发区管委会:implement',
    );
    expect(pairs('市水利局牵头，各县区政府和城乡一体化示范区管委会落实')).toContain(
      '城乡一体化示范区:implement',
    );
  });
  it('reads 县级政府, 配合, roles joined by 、 and resolves aliases', () => {
    expect(pairs('市生态环境局牵头、市市场监管局配合')).toEqual([
      '市生态环境局:lead',
      '市市场监管局:cooperate',
    ]);
    expect(pairs('市城管局按职责分工负责，县级政府负责落实')).toHaveLength(1 + ALL.length);
    expect(pairs('市发改委牵头')).toEqual(['市发展改革委:lead']);
  });
  it('reads a standing rule and reports it separately', () => {
    const r = readClause(
      '市交通运输局、市生态环境局、按职责分工负责、各县区政府负责落实，以下各项任务均需各县区政府负责落实，不再列出',
      kaifeng,
      0,
      0,
    )!;
    expect(r.units.map((u) => u.unit)).toEqual(['市交通运输局', '市生态环境局', ...ALL]);
    expect(r.standing.map((u) => `${u.unit}:${u.role}`)).toEqual(ALL.map((c) => `${c}:implement`));
  });
  it('ignores parentheses that are not responsibility clauses', () => {
    const r = readResponsibilities(
      '载货汽车（含渣土运输车、水泥罐车、物流车）、邮政用车（早8:00—晚20:00）基本实现新能源化。',
      kaifeng,
      0,
    );
    expect(r.units).toEqual([]);
  });
  it('applies a standing rule to every later task of the plan, not to earlier ones', () => {
    const text = [
      '一、主要任务',
      '1.第一项任务。内容。（市生态环境局负责）',
      '2.第二项任务。内容。（市交通运输局负责，以下各项任务均需各县区政府负责落实，不再列出）',
      '3.第三项任务。内容。（市公安局负责）',
    ].join('\n');
    const doc = parseIngested(
      {
        file: 't.txt',
        format: 'txt',
        paragraphs: text.split('\n').map((t, i) => ({ text: t, source: { line: i + 1 } })),
      },
      { profile: kaifeng },
    );
    const tasks = doc.value!.plans[0]!.tasks;
    expect(tasks[0]!.units.map((u) => u.unit)).toEqual(['市生态环境局']);
    expect(tasks[2]!.units.map((u) => u.unit)).toEqual(['市公安局', ...ALL]);
  });
});

describe('deadlines', () => {
  const dates = (t: string) => dueDates(findDeadlines(t, 2025, 0));
  it('resolves month ends, year ends, exact dates and periods against the plan year', () => {
    expect(dates('9月底前依法依规停止排污')).toEqual(['2025-09-30']);
    expect(dates('到2025年年底，除应急车辆外')).toEqual(['2025-12-31']);
    expect(dates('年底前完成')).toEqual(['2025-12-31']);
    expect(dates('铁路专用线2025年6月投入运营')).toEqual(['2025-06-30']);
    expect(dates('2025年9月15日前完成')).toEqual(['2025-09-15']);
    expect(dates('集中5至9月开展夏季专项整治')).toEqual(['2025-09-30']);
    expect(dates('集中5—9月份开展夏季餐饮油烟排放专项整治')).toEqual(['2025-09-30']);
    expect(dates('2025年，新增A级企业30家以上')).toEqual(['2025-12-31']);
    expect(dates('2月底前完成')).toEqual(['2025-02-28']);
  });
  it('flags 8月份前 as ambiguous with both readings', () => {
    const d = findDeadlines('8月份前完成整改', 2025, 0);
    expect(d).toHaveLength(1);
    expect(d[0]!.ambiguous).toBe(true);
    expect(d[0]!.alternatives).toEqual(['2025-08-31', '2025-07-31']);
  });
  it('does not take baselines, titles, standard numbers or data years as deadlines', () => {
    expect(dates('全市公路货物周转量占比，较2022年下降10个百分点以上')).toEqual([]);
    expect(dates('按照《产业结构调整指导目录（2024年本）》要求')).toEqual([]);
    expect(dates('执行《啤酒工业污染物排放标准》（DB41/681—2025）')).toEqual([]);
    expect(dates('统计2025年度注销车辆数量')).toEqual([]);
    expect(dates('每年开展2次联合检查，月抽查率不低于20%')).toEqual([]);
  });
  it('keeps recurring duties as a rhythm', () => {
    const r = findRecurrences('每季度开展一次检查，每年开展2次联合执法', 0);
    expect(r.map((x) => x.rhythm)).toEqual(expect.arrayContaining(['quarterly', 'yearly']));
  });
});

describe('metrics', () => {
  const one = (t: string) =>
    findMetrics(t, 0).map((m) => ({ i: m.indicator, op: m.op, v: m.value, u: m.unit, s: m.strive }));
  it('reads the legal operators', () => {
    expect(one('2025年全市PM2.5浓度低于43微克/立方米')).toEqual([
      { i: '全市PM2.5浓度', op: '<', v: 43, u: '微克/立方米', s: false },
    ]);
    expect(one('重度及以上污染天数比率控制在1.5%以内')[0]).toMatchObject({ op: '<=', v: 1.5, u: '%' });
    expect(one('清洁运输比例达到80%以上')[0]).toMatchObject({ op: '>=', v: 80 });
    expect(one('取水水质达标率保持100%')[0]).toMatchObject({ op: '=', v: 100 });
    expect(one('铁路货运量突破180万吨')[0]).toMatchObject({ op: '>', v: 180, u: '万吨' });
    expect(one('不合格率降至20%以下')[0]).toMatchObject({ op: '<=', v: 20 });
  });
  it('reads changes against a baseline and the strive flag', () => {
    expect(one('全市公路货物周转量占比，较2022年下降10个百分点以上')[0]).toMatchObject({
      i: '全市公路货物周转量占比',
      op: 'decrease>=',
      v: 10,
      u: '个百分点',
    });
    expect(one('出勤率较上一年提升5个百分点')[0]).toMatchObject({ op: 'increase>=', v: 5 });
    expect(one('“优良水体”比例争取达到60%')[0]).toMatchObject({ op: '>=', v: 60, s: true });
    expect(one('力争建成1条省级美丽幸福河湖')[0]).toMatchObject({
      i: '省级美丽幸福河湖',
      op: '>=',
      v: 1,
      u: '条',
      s: true,
    });
  });
  it('finds the indicator after the number in 50%以上的汽油加油站', () => {
    expect(one('完成辖区内所有汽油储油库、50%以上的汽油加油站以及油罐车的监督性检测')).toContainEqual({
      i: '汽油加油站',
      op: '>=',
      v: 50,
      u: '%',
      s: false,
    });
  });
});

describe('hard-wrapped text', () => {
  it('rejoins wrapped lines, keeps headings apart and drops page numbers', () => {
    // wrapped like a PDF copy: 28 characters a line, the first line of a paragraph indented by 2
    const wrap = (s: string) => [s.slice(0, 26), ...(s.slice(26).match(/.{1,28}/g) ?? [])];
    const p1 =
      '这是第一段的内容，用于检验硬换行的段落能否按照行宽重新拼接成完整的一段文字，并且不受页码和空行的影响，一直写到这里才结束。';
    const p2 =
      '这是第二段的内容，它从新的一行开始，首行缩进两个字符，所以第一行比满行短，前一段的最后一行也比满行短很多。';
    const lines = [
      '一、总体要求',
      ...wrap(p1).slice(0, 2),
      '— 3 —',
      ...wrap(p1).slice(2),
      ...wrap(p2),
      '二、工作目标',
    ];
    const paras = rejoinLines(lines.join('\n\n')).map((p) => p.text);
    expect(paras).toEqual(['一、总体要求', p1, p2, '二、工作目标']);
  });
});

describe('phrasings of other offices', () => {
  it('reads labelled lists: 牵头单位：…；责任单位：…；配合单位：…', () => {
    expect(
      pairs('牵头单位：市生态环境局；责任单位：市住建局、各县（市、区）政府；配合单位：市公安局'),
    ).toEqual([
      '市生态环境局:lead',
      '市住房城乡建设局:responsible',
      ...ALL.map((c) => `${c}:responsible`),
      '市公安局:cooperate',
    ]);
    const r = readResponsibilities('完成整治。责任单位：市城管局、各县区政府', kaifeng, 0);
    expect(r.units.map((u) => `${u.unit}:${u.role}`)).toEqual([
      '市城管局:responsible',
      ...ALL.map((c) => `${c}:responsible`),
    ]);
  });
  it('reads 牵头负责 as lead and 各县、区政府 as every county', () => {
    expect(pairs('市生态环境局牵头负责，各县、区政府落实')).toEqual([
      '市生态环境局:lead',
      ...ALL.map((c) => `${c}:implement`),
    ]);
  });
  it('resolves dates without a year, 旬 and 季度/半年 limits', () => {
    const dates = (t: string) => dueDates(findDeadlines(t, 2025, 0));
    expect(dates('6月30日前完成')).toEqual(['2025-06-30']);
    expect(dates('9月中旬前完成')).toEqual(['2025-09-20']);
    expect(dates('上半年完成摸底')).toEqual(['2025-06-30']);
    expect(dates('三季度末前完成')).toEqual(['2025-09-30']);
    expect(dates('每季度开展一次')).toEqual([]);
  });
  it('finds tasks in sections not called 主要任务 and takes （一） items as tasks where there are no 1. items', () => {
    const text = [
      '某市2025年扬尘治理工作方案',
      '一、总体要求',
      '总的要求。',
      '二、强化工地扬尘管控',
      '1.严格落实六个百分之百。内容。（市住建局牵头）',
      '2.加强渣土车管理。内容。（市城管局负责）',
      '三、推进道路保洁',
      '（一）提高机扫率。机械化清扫率达到90%以上。（市城管局负责）',
      '（二）加强冲洗。内容。',
      '四、保障措施',
      '（一）加强领导。内容。',
    ];
    const doc = parseIngested(
      {
        file: 't.txt',
        format: 'txt',
        paragraphs: text.map((t, i) => ({ text: t, source: { line: i + 1 } })),
      },
      { profile: kaifeng },
    );
    const plan = doc.value!.plans[0]!;
    expect(plan.title).toBe('某市2025年扬尘治理工作方案');
    expect(plan.tasks.map((t) => t.title)).toEqual([
      '严格落实六个百分之百',
      '加强渣土车管理',
      '提高机扫率',
      '加强冲洗',
    ]);
  });
});

describe('document data', () => {
  it('reads issuer and date from the signature at the end when there is no cover letter', () => {
    const text = [
      '开封市2025年秸秆禁烧工作方案',
      '一、主要任务',
      '1.加强巡查。内容。（市农业农村局负责）',
      '开封市人民政府办公室',
      '二〇二五年七月一日',
    ];
    const doc = parseIngested({
      file: 't.txt',
      format: 'txt',
      paragraphs: text.map((t, i) => ({ text: t, source: { line: i + 1 } })),
    });
    expect(doc.value!.document).toMatchObject({
      issuer: '开封市人民政府办公室',
      date: '2025-07-01',
      city: '开封市',
    });
    expect(doc.value!.plans[0]!.tasks[0]!.code).toBe('秸秆-1');
  });
});

describe('city profiles', () => {
  const doc = (issuer: string, clause: string) =>
    parseIngested({
      file: 't.txt',
      format: 'txt',
      paragraphs: [
        `${issuer}文件`,
        '各县（市、区）人民政府：',
        '2025年3月1日',
        '某市2025年水污染防治工作方案',
        '一、主要任务',
        `1.加强治理。内容。（${clause}）`,
      ].map((t, i) => ({ text: t, source: { line: i + 1 } })),
    }).value!;
  it('chooses the profile of the issuing city and expands 各县区政府 through it', () => {
    const d = doc('洛阳市人民政府办公室', '市生态环境局牵头，各县区政府落实');
    expect(d.document.city).toBe('洛阳市');
    expect(d.plans[0]!.tasks[0]!.units.filter((u) => u.kind === 'county').map((u) => u.unit)).toContain(
      '孟津区',
    );
  });
  it('names county governments by the bare county and zones without 管委会 for a city without a profile', () => {
    const d = doc(
      '某某市人民政府办公室',
      '市生态环境局牵头，甲乙县政府、丙丁区政府和某某经济开发区管委会落实',
    );
    expect(d.plans[0]!.tasks[0]!.units.map((u) => `${u.unit}:${u.kind}`)).toEqual([
      '市生态环境局:department',
      '甲乙县:county',
      '丙丁区:county',
      '某某经济开发区:zone',
    ]);
  });
});

describe("phrasings seen in other cities' plans", () => {
  const xuchang = loadProfiles().find((p) => p.city === '许昌市')!;
  const clause = (inner: string, profile = kaifeng) => readResponsibilities(`任务内容。${inner}`, profile, 0);
  it("reads clauses in 〔〕 with a standing rule after a full stop, keeping the clause's own units", () => {
    const r = clause(
      '〔市生态环境局牵头，市发展和改革局、工业和信息化局、自然资源局参与，各县、区人民政府负责落实。以下各项工作均需各县、区人民政府落实，不再列出。〕',
    );
    expect(r.units.map((u) => `${u.unit}:${u.role}`)).toEqual([
      '市生态环境局:lead',
      '市发展和改革局:participate',
      '市工业和信息化局:participate',
      '市自然资源局:participate',
      ...ALL.map((c) => `${c}:implement`),
    ]);
    expect(r.standing.map((u) => u.unit)).toEqual(ALL);
  });
  it('expands 各县〔市、区〕政府〔管委会〕 to the counties and the zones, and zones named without the city', () => {
    const r = clause('（市生态环境局牵头，各县〔市、区〕政府〔管委会〕负责落实）', xuchang);
    expect(r.units.filter((u) => u.role === 'implement').map((u) => u.unit)).toEqual([
      ...xuchang.counties,
      ...xuchang.zones.map((z) => z.name),
    ]);
    const z = clause(
      '（市发展改革委牵头，各县（市、区）政府和市城乡一体化示范区、经济技术开发区、东城区管委会负责落实）',
      xuchang,
    );
    expect(z.units.map((u) => u.unit)).toEqual(
      expect.arrayContaining(['许昌经济技术开发区', '东城区', '城乡一体化示范区', '禹州市']),
    );
  });
  it('reads 按职责负责, 牵头督导, unknown short names and a 市 shared by the list', () => {
    expect(
      clause(
        '（市经信局牵头，市发展改革委、人行中支配合，市生态环境局、市场监管局按各自职责负责）',
      ).units.map((u) => `${u.unit}:${u.role}`),
    ).toEqual([
      '市经信局:lead',
      '市发展改革委:cooperate',
      '人行中支:cooperate',
      '市生态环境局:responsible',
      '市市场监管局:responsible',
    ]);
    expect(clause('（市生态环境局、发展和改革局牵头督导）').units.map((u) => `${u.unit}:${u.role}`)).toEqual([
      '市生态环境局:lead',
      '市发展和改革局:lead',
    ]);
  });
  it('resolves periods over the new year, ignores 起 and recurring periods', () => {
    const dates = (t: string) => dueDates(findDeadlines(t, 2025, 0));
    expect(dates('秋冬季（10月1日至次年3月31日）开展攻坚')).toEqual(['2026-03-31']);
    expect(dates('7月1日—8月31日开展专项检查')).toEqual(['2025-08-31']);
    expect(dates('自2025年10月1日起实施，10月1日起执行')).toEqual([]);
    expect(dates('每年5月至9月开展夏季攻坚')).toEqual([]);
    expect(dates('6月份完成排查')).toEqual(['2025-06-30']);
  });
  it('keeps the indicator of a strive target that repeats it', () => {
    const m = findMetrics(
      '2022年，市区细颗粒物（PM2.5）年均浓度不高于49.9微克/立方米，力争不高于49.1微克/立方米；重污染天数不超过13天。',
      0,
    );
    expect(m.map((x) => [x.indicator, x.op, x.value, x.strive])).toEqual([
      ['市区细颗粒物（PM2.5）年均浓度', '<=', 49.9, false],
      ['市区细颗粒物（PM2.5）年均浓度', '<=', 49.1, true],
      ['重污染天数', '<=', 13, false],
    ]);
    expect(findMetrics('县级及以上城市建成区原则上不再新建每小时35蒸吨以下燃煤锅炉', 0)).toEqual([]);
  });
  const parseLines = (lines: string[]) =>
    parseIngested({
      file: 't.txt',
      format: 'txt',
      paragraphs: lines.map((t, i) => ({ text: t, source: { line: i + 1 } })),
    }).value!;
  it("takes titles with a year range, never a cited document's number or title, and targets under （二）主要目标", () => {
    const d = parseLines([
      '潮州市打赢蓝天保卫战实施方案（2019-2020年）',
      '为落实《广东省人民政府关于印发〈广东省打赢蓝天保卫战实施方案（2018-2020年）〉的通知》（粤府〔2018〕128号）部署要求，制定本实施方案。',
      '一、总体要求',
      '（一）指导思想。坚持生态优先。',
      '（二）主要目标。到2020年，全市空气质量优良天数比例达到94%。',
      '二、工作任务',
      '（一）升级产业结构',
      '1.制定实施准入清单。完成编制工作。（市生态环境局牵头）',
    ]);
    expect(d.document.doc_number).toBe('');
    expect(d.plans.map((p) => [p.title, p.year])).toEqual([
      ['潮州市打赢蓝天保卫战实施方案（2019-2020年）', 2019],
    ]);
    expect(d.plans[0]!.metrics.map((m) => m.value)).toEqual([94]);
  });
  it('does not take a task list in an appendix for another plan', () => {
    const d = parseLines([
      '某市2025年扬尘治理方案',
      '一、主要任务',
      '1.加强工地管理。内容。（市住建局负责）',
      '附件',
      '一、重点工程清单',
      '1.某工地。',
    ]);
    expect(d.plans).toHaveLength(1);
    expect(d.plans[0]!.tasks).toHaveLength(1);
  });
});

describe('cities outside the curated profiles', () => {
  const parseLines = (lines: string[]) =>
    parseIngested({
      file: 't.txt',
      format: 'txt',
      paragraphs: lines.map((t, i) => ({ text: t, source: { line: i + 1 } })),
    }).value!;
  it('expands 各县区政府 through the national division list, by the issuer or by the title', () => {
    const byIssuer = parseLines([
      '襄阳市人民政府办公室文件',
      '2022年3月1日',
      '襄阳市2022年空气质量改善行动方案',
      '一、重点任务',
      '1.推动产业结构转型升级。内容。（市经信局牵头，各县（市、区）政府负责落实）',
    ]);
    expect(byIssuer.document.city).toBe('襄阳市');
    expect(byIssuer.plans[0]!.tasks[0]!.units.filter((u) => u.kind === 'county').map((u) => u.unit)).toEqual(
      expect.arrayContaining(['襄城区', '樊城区', '枣阳市', '宜城市']),
    );
    const byTitle = parseLines([
      '潮州市打赢蓝天保卫战实施方案（2019-2020年）',
      '一、工作任务',
      '1.制定实施准入清单。内容。（市生态环境局牵头，各县、区人民政府负责落实）',
    ]);
    expect(byTitle.plans[0]!.tasks[0]!.units.map((u) => u.unit)).toEqual([
      '市生态环境局',
      '湘桥区',
      '潮安区',
      '饶平县',
    ]);
  });
});

describe('more baselines and target times', () => {
  it('takes 截至2025年底 as a target time and 同比 as a baseline', () => {
    expect(dueDates(findDeadlines('截至2025年底，全市完成整治', 2025, 0))).toEqual(['2025-12-31']);
    expect(
      findMetrics('全市PM2.5平均浓度同比下降5%', 0).map((m) => [m.indicator, m.op, m.value, m.baseline]),
    ).toEqual([['全市PM2.5平均浓度', 'decrease>=', 5, '同比']]);
  });
});

describe('targets and limits seen in a second round of other plans', () => {
  const one = (t: string) => findMetrics(t, 0).map((m) => [m.indicator, m.op, m.value, m.unit]);
  it('reads concentration units in every spelling as 微克/立方米', () => {
    expect(one('PM2.5年均浓度低于35μg/m3')).toEqual([['PM2.5年均浓度', '<', 35, '微克/立方米']]);
    expect(one('细颗粒物年均浓度控制在29微克每立方米以下')).toEqual([
      ['细颗粒物年均浓度', '<=', 29, '微克/立方米'],
    ]);
  });
  it('reads lengths, unitless coefficients, bare shares and reduction amounts', () => {
    expect(one('新建污水管网20公里以上')).toEqual([['污水管网', '>=', 20, '公里']]);
    expect(one('农田灌溉水有效利用系数达到0.7')).toEqual([['农田灌溉水有效利用系数', '>=', 0.7, '']]);
    expect(one('国考断面水质达到或优于Ⅲ类比例100%')).toEqual([
      ['国考断面水质达到或优于Ⅲ类比例', '=', 100, '%'],
    ]);
    expect(one('完成化学需氧量减排量90吨、氨氮减排量6吨')).toEqual([
      ['完成化学需氧量减排量', '>=', 90, '吨'],
      ['氨氮减排量', '>=', 6, '吨'],
    ]);
  });
  it("resolves 汛期前 to the day before the region's flood season, not the year's end", () => {
    expect(dueDates(findDeadlines('2025年汛期前完成清淤', 2025, 0, kaifeng))).toEqual(['2025-05-31']);
  });
  it('expands 各区市政府 and 各县（市）、区政府', () => {
    expect(pairs('市生态环境局牵头，各县（市）、区政府落实')).toEqual([
      '市生态环境局:lead',
      ...ALL.map((c) => `${c}:implement`),
    ]);
    expect(pairs('市生态环境局牵头，各区市政府落实')).toHaveLength(1 + ALL.length);
  });
});

describe('a city with no county list', () => {
  it('keeps 各县区 as a placeholder and says so in a warning', () => {
    const r = parseIngested({
      file: 't.txt',
      format: 'txt',
      paragraphs: [
        '某某市人民政府办公室文件',
        '2025年3月1日',
        '某某工作方案',
        '一、主要任务',
        '1.加强治理。内容。（市生态环境局牵头，各县区政府落实）',
      ].map((t, i) => ({ text: t, source: { line: i + 1 } })),
    });
    expect(r.value!.plans[0]!.tasks[0]!.units.map((u) => u.unit)).toEqual(['市生态环境局', '各县区']);
    expect(r.problems.map((p) => p.code)).toContain('PARSE_NO_CITY_PROFILE');
  });
});

describe('发文字号 forms', () => {
  it('reads 〔2025〕第15号, [2023] 20号 and leading zeros as the standard form', async () => {
    const { readDocNumber } = await import('../../../electron/core/parse/document-info');
    expect(readDocNumber('汴政办〔2025〕第15号')).toBe('汴政办〔2025〕15号');
    expect(readDocNumber('许政办 [2023] 20号')).toBe('许政办〔2023〕20号');
    expect(readDocNumber('豫环文〔2025〕008号')).toBe('豫环文〔2025〕8号');
    expect(readDocNumber('根据《通知》（豫政〔2024〕12号）')).toBe('');
  });
});

describe('one deadline per date', () => {
  const d = (date: string, kind: Deadline['kind'], text: string, ambiguous = false): Deadline => ({
    date,
    kind,
    text,
    ...(ambiguous ? { ambiguous } : {}),
  });
  it('keeps the most specific wording of each date, in the order the task names them', () => {
    expect(
      distinctDeadlines([
        d('2025-12-31', 'year_target', '2025年'),
        d('2025-12-31', 'year_target', '2025年'),
        d('2025-09-30', 'month_end', '9月底前'),
        d('2025-09-30', 'month_end', '2025年9月底前'),
        d('2025-12-31', 'year_end', '年底前'),
      ]).map((x) => x.text),
    ).toEqual(['年底前', '2025年9月底前']);
    expect(
      distinctDeadlines([
        d('2025-08-31', 'month_end', '8月份前', true),
        d('2025-08-31', 'month_end', '8月底前'),
      ]),
    ).toEqual([d('2025-08-31', 'month_end', '8月底前')]);
  });

  it('the seed: no task has two deadlines on one date (大气-1 says 2025年 twice, 9月底前 and 2025年9月底前)', async () => {
    const doc = (await parseFile('seeds/kaifeng-2025-15.txt')).value!;
    for (const t of doc.plans.flatMap((p) => p.tasks)) {
      const dates = t.deadlines.map((x) => x.date);
      expect(new Set(dates).size, `${t.no} ${dates.join(' ')}`).toBe(dates.length);
    }
    const first = doc.plans[0]!.tasks[0]!;
    expect(first.deadlines.map((x) => x.text)).toEqual(['2025年', '2025年9月底前']);
    // the wordings left out stay highlighted where they were read
    expect(first.deadlines.map((x) => x.also?.length ?? 0)).toEqual([1, 1]);
  });
});
