// The wordings other cities' offices use (issue 13), each class on real sentences from the
// plans in test/fixtures/plans (sources in its SOURCES.md) and the issue.
import { describe, expect, it } from 'vitest';
import { readClause, readResponsibilities } from '../../../electron/core/parse/responsibilities';
import { canonicalUnits, shareCityPrefix } from '../../../electron/core/parse/units';
import { nationalProfile, emptyProfile, loadProfiles } from '../../../electron/core/parse/city-profile';
import { dueDates, findDeadlines } from '../../../electron/core/parse/deadlines';
import { findMetrics } from '../../../electron/core/parse/metrics';
import { parseIngested } from '../../../electron/core/parse/index';
import { rejoinLines } from '../../../electron/core/ingest/txt';
import { hardWrap } from '../../fixtures/plans/hard-wrap';

const jiamusi = nationalProfile('佳木斯市')!;
const linfen = nationalProfile('临汾市')!;
const chaozhou = nationalProfile('潮州市')!;
const none = emptyProfile('');
const pairs = (r: { units: { unit: string; role: string }[] } | null) =>
  (r?.units ?? []).map((u) => `${u.unit}:${u.role}`);

describe('a standing rule inside a responsibility bracket, after a full stop', () => {
  it('keeps the lead and the clause units and reads the rule with its qualification (佳木斯)', () => {
    const r = readClause(
      '市水务局牵头,市工信委、城乡建设局配合,各县(市)区政府负责落实。以下均需各县(市)区政府落实,区政府无相关工作职能的,由市政府直属责任部门负责相关工作,不再列出)',
      jiamusi,
      0,
      0,
    );
    expect(pairs(r).slice(0, 3)).toEqual(['市水务局:lead', '市工信委:cooperate', '市城乡建设局:cooperate']);
    expect(pairs(r).slice(3)).toEqual(jiamusi.counties.map((c) => `${c}:implement`));
    expect(r!.standing.map((u) => u.unit)).toEqual(jiamusi.counties);
    expect(r!.standing.every((u) => u.role === 'implement')).toBe(true);
  });
  it('reads the issue wording: 〔牵头单位：市水利局。以下各项均需各区县政府、高新区管委会负责落实，不再列出〕', () => {
    const r = readClause(
      '牵头单位：市水利局。以下各项均需各区县政府、高新区管委会负责落实，不再列出',
      linfen,
      0,
      0,
    );
    expect(pairs(r)).toEqual(['市水利局:lead']);
    expect(r!.standing.map((u) => u.unit)).toEqual([...linfen.counties, '高新区']);
  });
  it('reads a labelled list whose rule follows a full stop (肥城): the list keeps its last unit', () => {
    const r = readClause(
      '责任单位:市环保局、市国土资源局,市财政局、市农业局、市卫生计生局,各镇街区。以下均需各镇街区落实,不再列出。排在前位为牵头部门,下同。',
      none,
      0,
      0,
    );
    expect(pairs(r)).toEqual([
      '市环保局:lead',
      '市国土资源局:lead',
      '市财政局:responsible',
      '市农业局:responsible',
      '市卫生计生局:responsible',
      '各镇街区:responsible',
    ]);
    expect(pairs({ units: r!.standing })).toEqual(['各镇街区:implement']);
    expect(r!.convention).toEqual({ leadFirst: 'group', onwards: true });
  });
  it('still reads a rule after a comma (the seed) without losing the clause', () => {
    const r = readClause(
      '市交通运输局、市生态环境局、按职责分工负责、各县区政府负责落实，以下各项任务均需各县区政府负责落实，不再列出',
      chaozhou,
      0,
      0,
    );
    expect(pairs(r).slice(0, 2)).toEqual(['市交通运输局:responsible', '市生态环境局:responsible']);
    expect(r!.standing).toHaveLength(chaozhou.counties.length);
  });
});

describe('"first listed leads" conventions', () => {
  const variants = [
    '排在首位的为牵头单位',
    '排在第一位的为牵头单位',
    '排名第一的为牵头单位',
    '列第一位的为牵头部门',
    '第一个单位为牵头单位',
  ];
  for (const v of variants)
    it(`（责任单位：市住房城乡建设局、市城管局，${v}，下同）`, () => {
      const r = readClause(`责任单位：市住房城乡建设局、市城管局，${v}，下同`, none, 0, 0);
      expect(pairs(r)).toEqual(['市住房城乡建设局:lead', '市城管局:responsible']);
      expect(r!.convention).toEqual({ leadFirst: 'one', onwards: true });
    });
  it('a bare list with the convention and no role word, and the convention is not a unit', () => {
    const r = readClause('市住房城乡建设局、市城管局，排在首位的为牵头单位', none, 0, 0);
    expect(pairs(r)).toEqual(['市住房城乡建设局:lead', '市城管局:responsible']);
    expect(r!.convention!.onwards).toBe(false);
  });
  it('下同 carries the convention to later tasks; without it the next list is all responsible', () => {
    const first = readResponsibilities(
      '（市生态环境局、市工业和信息化局，排在首位的为牵头单位，下同）',
      none,
      0,
    );
    expect(first.convention?.onwards).toBe(true);
    const later = readResponsibilities('（责任单位：市公安局、市交通运输局）', none, 1, first.convention);
    expect(pairs(later)).toEqual(['市公安局:lead', '市交通运输局:responsible']);
    const alone = readResponsibilities('（责任单位：市公安局、市交通运输局）', none, 1);
    expect(pairs(alone)).toEqual(['市公安局:responsible', '市交通运输局:responsible']);
  });
  it('an explicit 牵头 wins over the convention', () => {
    const r = readClause('市公安局牵头，市交通运输局负责', none, 0, 0, { leadFirst: 'one', onwards: true });
    expect(pairs(r)).toEqual(['市公安局:lead', '市交通运输局:responsible']);
  });
});

describe('a shared prefix or suffix in a list', () => {
  it('市农业农村局、水利局等配合: 水利局 is 市水利局 (the issue); 市场监管局 stays 市市场监管局', () => {
    const r = readClause('市生态环境局牵头，市农业农村局、水利局等配合', none, 0, 0);
    expect(pairs(r)).toEqual(['市生态环境局:lead', '市农业农村局:cooperate', '市水利局:cooperate']);
    expect(shareCityPrefix(['市生态环境局', '市场监管局'], none)).toEqual(['市生态环境局', '市市场监管局']);
  });
  it('临汾、侯马、洪洞经济开发区管委会 are three zones', () => {
    const r = readClause(
      '市环保局牵头,市经信委、市住房和城乡建设局配合,临汾、侯马、洪洞经济开发区管委会负责落实',
      linfen,
      0,
      0,
    );
    expect(pairs(r).slice(3)).toEqual([
      '临汾经济开发区:implement',
      '侯马经济开发区:implement',
      '洪洞经济开发区:implement',
    ]);
  });
  it('labelled lines after the task: 牵头责任单位 / 相关责任单位, 各县(市、区)政府 whole, 各街道(园区)', () => {
    const r = readResponsibilities(
      '牵头责任单位:市委农工委,市农业局、畜牧局 相关责任单位:各县(市、区)政府',
      linfen,
      0,
    );
    expect(pairs(r).slice(0, 3)).toEqual(['市委农工委:lead', '市农业局:lead', '市畜牧局:lead']);
    expect(pairs(r).slice(3)).toEqual(linfen.counties.map((c) => `${c}:responsible`));
    const g = readResponsibilities('责任单位:区发改局、区市场监管局、环保拱墅分局,各街道(园区)。', none, 0);
    expect(pairs(g)).toContain('各街道(园区):responsible');
    const l = readResponsibilities('责任单位:立山经济开发区,全区经济运行各专班', none, 0);
    expect(pairs(l)).toEqual(['立山经济开发区:responsible', '全区经济运行各专班:responsible']);
  });
});

describe('aliases', () => {
  it('resolves abbreviations that mean the same everywhere, and never rewrites an official name', () => {
    expect(canonicalUnits('市发改委', none)[0]!.unit).toBe('市发展改革委');
    expect(canonicalUnits('市工信局', none)[0]!.unit).toBe('市工业和信息化局');
    // 市应急管理局 is the official name: a city that says 市应急局 says so in its own file
    expect(canonicalUnits('市应急管理局', none)[0]!.unit).toBe('市应急管理局');
    // before 2018 the 环境保护局 was a different office from the 生态环境局
    expect(canonicalUnits('市环保局', none)[0]!.unit).toBe('市环保局');
  });
});

describe('targets', () => {
  const one = (text: string) => findMetrics(text, 0).map((m) => [m.indicator, m.op, m.value, m.unit]);
  it('a bounded number with no verb: PM10浓度在70微克/立方米以内 (the issue)', () => {
    expect(one('2025年，PM10浓度在70微克/立方米以内。')).toEqual([['PM10浓度', '<=', 70, '微克/立方米']]);
  });
  it('compound units: 吨/平方公里·月, mg/L, 亿立方米 (佳木斯)', () => {
    expect(one('城市降尘量不高于7吨/平方公里·月')).toEqual([['城市降尘量', '<=', 7, '吨/平方公里·月']]);
    expect(one('出水化学需氧量浓度不高于30mg/L')).toEqual([['出水化学需氧量浓度', '<=', 30, '毫克/升']]);
    expect(one('2018年,省考核范围内用水总量控制在47.38亿立方米。')).toEqual([
      ['省考核范围内用水总量', '<=', 47.38, '亿立方米'],
    ]);
  });
  it('分别 lists: one target per name, each with the verb (the issue, 潮州)', () => {
    expect(one('二氧化硫、氮氧化物分别减排150吨、300吨')).toEqual([
      ['二氧化硫', 'decrease>=', 150, '吨'],
      ['氮氧化物', 'decrease>=', 300, '吨'],
    ]);
    expect(
      one(
        '到2020年,全市二氧化硫(SO2)、氮氧化物(NOX)和挥发性有机物(VOCs)等主要污染物排放总量比2015年分别下降15%、10%和26%。',
      ),
    ).toEqual([
      ['二氧化硫(SO2)排放总量', 'decrease>=', 15, '%'],
      ['氮氧化物(NOX)排放总量', 'decrease>=', 10, '%'],
      ['挥发性有机物(VOCs)排放总量', 'decrease>=', 26, '%'],
    ]);
    // 贵港: the unit only after the last number
    expect(one('可吸入颗粒物(PM10)和细颗粒物(PM2.5)平均浓度分别不高于53和32微克/立方米')).toEqual([
      ['可吸入颗粒物(PM10)', '<=', 53, '微克/立方米'],
      ['细颗粒物(PM2.5)平均浓度', '<=', 32, '微克/立方米'],
    ]);
  });
  it('the indicator is trimmed to the indicator: not the clause before it, not the task number (肥城, 立山)', () => {
    expect(
      one(
        '到2020年,全市土壤环境质量总体保持稳定,土壤环境风险得到有效管控,受污染耕地和污染地块安全利用率达到90%左右。',
      ),
    ).toEqual([['受污染耕地和污染地块安全利用率', '>=', 90, '%']]);
    expect(one('1.努力实现地区生产总值增长6.2%左右。')).toEqual([['地区生产总值', 'increase>=', 6.2, '%']]);
  });
});

describe('headings run together on one line, and site furniture', () => {
  const parse = (lines: string[]) =>
    parseIngested({
      file: 'x.txt',
      format: 'txt',
      paragraphs: lines.map((text, i) => ({ text, source: { line: i + 1 } })),
    }).value!;
  it('splits before 一、 （一） 1. where a part clearly starts (武汉, a web preview)', () => {
    const d = parse([
      '武汉市改善空气质量2022年工作方案(征求意见稿)为持续推进武汉市空气质量稳中向好,特制订本方 案。一、工作目标2022年,全市PM2.5年均浓度控 制在40微克/立方米以下。二、工作任务(一)全力打好重污染天气消除攻坚战1 .做好重污染天气应对。加强空气质量监测和预测预报。(责任单位:市重污染天气应急指挥部各成员单位)2 .提升重点行业企业环保绩效水平。组织东风本田汽车 有限公司创建A级绩效企业。',
    ]);
    const p = d.plans[0]!;
    expect(p.title).toBe('武汉市改善空气质量2022年工作方案(征求意见稿)');
    expect(p.metrics.map((m) => [m.indicator, m.op, m.value])).toEqual([['全市PM2.5年均浓度', '<=', 40]]);
    expect(p.tasks.map((t) => [t.no, t.title, t.group])).toEqual([
      [1, '做好重污染天气应对', '(一)全力打好重污染天气消除攻坚战'],
      [2, '提升重点行业企业环保绩效水平', '(一)全力打好重污染天气消除攻坚战'],
    ]);
    expect(p.tasks[0]!.units.map((u) => u.unit)).toEqual(['市重污染天气应急指挥部各成员单位']);
  });
  it("a site's chunk number that breaks a sentence is not a task; numbers inside sentences are not split", () => {
    const d = parse([
      '一、主要任务',
      '1 .做好重污染天气应对。科学开展人工增雨作业。夯实重',
      '2、污染天气应急减排,细化应 急减排措施。(责任单位:市生态环境局)',
      '2 .提升重点行业企业环保绩效水平。PM2.5浓度下降2.5%,完成1.2万辆车辆淘汰。',
    ]);
    const p = d.plans[0]!;
    expect(p.tasks.map((t) => t.title)).toEqual(['做好重污染天气应对', '提升重点行业企业环保绩效水平']);
    expect(p.tasks[0]!.text).toContain('夯实重污染天气应急减排');
    expect(p.tasks[0]!.units.map((u) => u.unit)).toEqual(['市生态环境局']);
  });
  it('web bullets and metadata lines are furniture: • 临汾市…行动计划 is the title, 文号 the number', () => {
    const d = parse([
      '  • 来源专题:水体污染治理',
      '- 备注/文号: 将政办〔2022〕13 号',
      '  • 临汾市水污染防治2018年行动计划',
      '为完成2018年度水污染防治工作目标任务,制定本行动计划。',
      '二、重点工作',
      '1.现有工业企业废水治理设施全面提标改造。(市环保局牵头,各县市区人民政府负责落实)',
    ]);
    expect(d.plans[0]!.title).toBe('临汾市水污染防治2018年行动计划');
    expect(d.document.doc_number).toBe('将政办〔2022〕13号');
    expect(d.plans[0]!.tasks[0]!.units.map((u) => u.unit)).toContain('侯马市');
  });
  it('tasks 1. directly under 一、 get that heading as their group (立山)', () => {
    const d = parse([
      '立山区政府2023年重点工作任务分解和责任分工方案',
      '一、经济社会发展的主要预期目标',
      '1.努力实现地区生产总值增长6.2%左右。',
      '牵头单位:区发改局',
      '责任单位:立山经济开发区,全区经济运行各专班',
      '2.规模上工业增加值增长5%左右。',
      '牵头单位:区工信局',
    ]);
    expect(d.plans[0]!.tasks.map((t) => t.group)).toEqual([
      '一、经济社会发展的主要预期目标',
      '一、经济社会发展的主要预期目标',
    ]);
    expect(d.plans[0]!.tasks[0]!.units.map((u) => `${u.unit}:${u.role}`)).toEqual([
      '区发改局:lead',
      '立山经济开发区:responsible',
      '全区经济运行各专班:responsible',
    ]);
  });
});

describe('hard-wrapped text', () => {
  const para = (text: string) => rejoinLines(text).map((p) => p.text);
  it('a line that ends early because the next token could not be broken is not a paragraph end', () => {
    // a PDF copy 28 characters wide; the third line stops 6 characters short because the
    // standard number DB41/1604-2018 (14 half-width units) did not fit after it
    const line = (s: string) => s.padEnd(28, '水');
    const text = [
      line('严格执行燃煤锅炉排放标准，'),
      line('全面完成燃气锅炉低氮改造，'),
      '确保氮氧化物排放浓度达到《锅炉大气污染物排放标准》',
      'DB41/1604-2018的要求，' + '水'.repeat(16),
      line('对改造后排放不达标的锅炉依法查处，'),
      '推进工业炉窑深度治理。',
    ].join('\n');
    const p = para(text);
    expect(p).toHaveLength(1); // one paragraph, its last line short as in the PDF
    expect(p[0]).toContain('排放标准》DB41/1604-2018的要求');
  });
  it('the generator of the corpus variants never breaks a number and ends the line early instead', () => {
    const w = hardWrap('一'.repeat(25) + 'PM2.5浓度下降', 56).split('\n');
    expect(w[0]).toBe('\u3000\u3000' + '一'.repeat(25));
    expect(w[1]).toBe('PM2.5浓度下降');
  });
});

describe('the city named only through its counties', () => {
  const parse = (lines: string[]) =>
    parseIngested({
      file: '方案.txt',
      format: 'txt',
      paragraphs: lines.map((text, i) => ({ text, source: { line: i + 1 } })),
    });
  const task = '1.强化工业源治理。(市生态环境局牵头,各县(市、区)人民政府负责落实)';
  it('finds 贵港市 from 港北区、港南区、覃塘区、桂平市 and expands 各县（市、区）人民政府', () => {
    const r = parse([
      '2021年度大气污染防治攻坚实施计划',
      '一、主要目标',
      '到2021年底,市中心城区环境空气质量优良天数比率不低于92.5%(港北区、港南区、覃塘区参照执行市本级环境空气质量目标);桂平市的环境空气质量优良天数比率不低于93.5%。',
      '二、主要任务',
      task,
    ]);
    expect(r.value!.document.city).toBe('贵港市');
    expect(r.value!.plans[0]!.tasks[0]!.units.map((u) => u.unit)).toEqual([
      '市生态环境局',
      ...nationalProfile('贵港市')!.counties,
    ]);
    expect(r.problems.filter((p) => p.code === 'PARSE_CITY_AMBIGUOUS')).toEqual([]);
  });
  it('warns when the counties named fit two cities equally, and does not guess', () => {
    const r = parse([
      '大气污染防治攻坚实施计划',
      '一、主要目标',
      '港北区、港南区空气质量优良天数比率不低于92.5%;湘桥区、潮安区优良天数比率不低于94%。',
      '二、主要任务',
      task,
    ]);
    const warn = r.problems.find((p) => p.code === 'PARSE_CITY_AMBIGUOUS')!;
    expect(warn.message).toContain('贵港市');
    expect(warn.message).toContain('潮州市');
    expect(r.value!.plans[0]!.tasks[0]!.units.map((u) => u.unit)).toContain('各县区');
  });
});

describe('regional assumptions live in the city profile', () => {
  const due = (text: string, region?: { floodSeasonStart?: string }) =>
    dueDates(findDeadlines(text, 2025, 0, region));
  it('汛期前 is the day before the flood season of the city: northern cities open on 1 June', () => {
    expect(nationalProfile('临汾市')!.floodSeasonStart).toBe('06-01');
    expect(due('汛期前完成城市易涝点整治', nationalProfile('临汾市')!)).toEqual(['2025-05-31']);
    expect(
      due(
        '2025年汛期前完成河道清淤',
        loadProfiles().find((p) => p.city === '开封市')!,
      ),
    ).toEqual(['2025-05-31']);
  });
  it('a profile may state its own season; where nothing is known no date is guessed', () => {
    expect(due('汛期前完成排查', { floodSeasonStart: '04-15' })).toEqual(['2025-04-14']);
    expect(nationalProfile('潮州市')!.floodSeasonStart).toBeUndefined();
    expect(due('汛期前完成排查', nationalProfile('潮州市')!)).toEqual([]);
  });
});
