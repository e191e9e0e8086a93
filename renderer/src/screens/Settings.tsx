// 设置: city profile and counties, unit aliases, period type, due-soon window, backup, database.
import { useEffect, useRef, useState } from 'react';
import type { SettingsView } from '../../../electron/api/contract';
import { api, platform } from '../platform';
import { useApp } from '../app-context';
import { useLong } from '../long';
import { DateInput } from '../components/DateInput';
import { UnitAliases } from '../components/UnitAliases';
import { cnDate, cnPeriod, readTypedDate } from '../../../electron/core/common/dates.std';
import { STATUS_WORD } from '../../../electron/core/common/vocabulary.std';

type Patch = Parameters<(typeof api)['settings.set']>[0];
type Rule = SettingsView['ranking.rule'];

/** A number field saved when it loses focus (uncontrolled: remounts with the ledger's value). */
function NumberField(p: {
  label: string;
  value: number | null;
  testId: string;
  min?: number;
  max?: number;
  step?: number;
  onSave(n: number): void;
}) {
  return (
    <label className="field">
      {p.label}
      <input
        data-testid={p.testId}
        type="number"
        min={p.min}
        max={p.max}
        step={p.step ?? 1}
        defaultValue={p.value ?? ''}
        onBlur={(e) => {
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n) && n !== p.value) p.onSave(n);
        }}
      />
    </label>
  );
}

/** A text field saved when it loses focus. */
function TextField(p: { label: string; value: string; testId: string; onSave(v: string): void }) {
  return (
    <label className="field">
      {p.label}
      <input
        data-testid={p.testId}
        defaultValue={p.value}
        onBlur={(e) => {
          if (e.target.value.trim() !== p.value) p.onSave(e.target.value.trim());
        }}
      />
    </label>
  );
}

export function SettingsScreen() {
  const app = useApp();
  const { busy, run } = useLong();
  const [s, setS] = useState<SettingsView | null>(null);
  const [cc, setCc] = useState('');
  const [signDate, setSignDate] = useState('');
  // bumped on every load: the uncontrolled fields remount with the ledger's values (after a
  // restore the old values must not linger and be saved back on blur)
  // — but not when the ledger holds what this screen just saved: the clerk may be typing in the
  // next field while that save comes back
  const [loads, setLoads] = useState(0);
  const shown = useRef('');

  useEffect(() => {
    api['settings.get']({}).then((v) => {
      setS(v);
      if (JSON.stringify(v) === shown.current) return;
      shown.current = JSON.stringify(v);
      setCc(v.cc.join('\n'));
      setSignDate(v.bulletin_issue.date);
      setLoads((n) => n + 1);
    }, app.fail);
  }, [app.version]);

  const save = async (patch: Patch) => {
    try {
      const v = await api['settings.set'](patch);
      shown.current = JSON.stringify(v);
      setS(v);
      app.notify('ok', '设置已保存。');
      app.changed();
    } catch (e) {
      app.fail(e);
    }
  };

  const backup = async () => {
    const outFile = await platform.saveFile('保存台账备份', `台账备份-${app.info?.today ?? ''}.sqlite`, [
      'sqlite',
    ]);
    if (outFile === null) return;
    const r = await run('backup.create', { outFile }, '正在备份台账…');
    if (r) {
      app.notify('ok', `已备份：${r.files.map((f) => f.name).join('、')}`);
      platform.deliver(r.files);
    }
  };

  const restore = async () => {
    const files = await platform.pickFiles({
      title: '选择台账备份文件',
      extensions: ['sqlite', 'db', 'bak'],
    });
    if (!files.length) return;
    if (!confirm(`用“${files[0]!.name}”恢复台账？当前台账会先自动备份。`)) return;
    const r = await run('backup.restore', { file: files[0]! }, '正在恢复台账…');
    if (r) {
      app.notify('ok', r.message);
      app.changed();
    }
  };

  if (!s)
    return (
      <div className="screen">
        <div className="boot">正在读取设置…</div>
      </div>
    );
  const rule = s['ranking.rule'];
  const issue = s.bulletin_issue;
  const setRule = (change: Partial<Rule>) => void save({ 'ranking.rule': { ...rule, ...change } });
  return (
    <div className="screen settings">
      <header className="screen-head">
        <h1>设置</h1>
      </header>
      <div className="grid2" key={loads}>
        <section className="card">
          <h2>城市与县区</h2>
          <div className="kv">
            <span>城市</span>
            <span>{s.city || '（导入方案后按发文机关确定）'}</span>
            <span>县区</span>
            <span>
              {s.counties.map((c) => c.name + (c.kind === 'zone' ? '（功能区）' : '')).join('、') || '—'}
            </span>
          </div>
        </section>
        <section className="card">
          <h2>报送与预警</h2>
          <label className="field">
            报送周期
            <select
              value={s.period_type}
              onChange={(e) => save({ period_type: e.target.value as 'month' | 'quarter' })}
            >
              <option value="month">按月</option>
              <option value="quarter">按季度</option>
            </select>
          </label>
          <NumberField
            label="报送截止：报送期次月几日（1–28）"
            testId="due-day"
            min={1}
            max={28}
            value={s['submission.due_day']}
            onSave={(n) => void save({ 'submission.due_day': n })}
          />
          <p className="muted" data-testid="due-preview">
            本期（{cnPeriod(s.bulletin_issue.period)}）报送截止 {cnDate(s.submission_due)}
            ：县区报送表封面、报送情况、总览和催办单按此日期。
          </p>
          <label className="field">
            蓝色预警：临期提醒（到期前天数）
            <input
              data-testid="due-soon-days"
              type="number"
              min={1}
              max={180}
              defaultValue={s.due_soon_days}
              onBlur={(e) => {
                const n = Number(e.target.value);
                if (n && n !== s.due_soon_days) void save({ due_soon_days: n });
              }}
            />
          </label>
          <label className="field">
            发文机关（通报落款）
            <input
              defaultValue={s.issuer}
              onBlur={(e) => {
                if (e.target.value !== s.issuer) void save({ issuer: e.target.value });
              }}
            />
          </label>
          <label className="field">
            经办人（记入历史）
            <input
              defaultValue={s.operator}
              onBlur={(e) => {
                if (e.target.value !== s.operator) void save({ operator: e.target.value });
              }}
            />
          </label>
          <label className="field">
            抄送（每行一个）
            <textarea
              rows={3}
              value={cc}
              onChange={(e) => setCc(e.target.value)}
              onBlur={() => {
                const list = cc
                  .split('\n')
                  .map((x) => x.trim())
                  .filter(Boolean);
                if (list.join('\n') !== s.cc.join('\n')) void save({ cc: list });
              }}
            />
          </label>
        </section>
        <section className="card" aria-label="预警与排名规则">
          <h2>预警与排名规则</h2>
          <p className="muted">
            {`蓝色：距完成时限“临期提醒”天数以内且未完成；黄色：落后序时进度达到下列点数，或县区报“${STATUS_WORD.lagging}”；红色：落后超过红色点数，或超过完成时限。`}
          </p>
          <NumberField
            label="黄色预警：落后序时进度（百分点）"
            testId="yellow-points"
            min={0}
            max={100}
            value={s['warning.yellow_points']}
            onSave={(n) => void save({ 'warning.yellow_points': n })}
          />
          <NumberField
            label="红色预警：落后序时进度超过（百分点）"
            testId="red-points"
            min={0}
            max={100}
            value={s['warning.red_points']}
            onSave={(n) => void save({ 'warning.red_points': n })}
          />
          <label className="field">
            县区排名方法
            <select
              data-testid="ranking-kind"
              value={rule.kind}
              onChange={(e) => setRule({ kind: e.target.value as Rule['kind'] })}
            >
              <option value="rate">按完成率</option>
              <option value="points">按积分</option>
            </select>
          </label>
          {rule.kind === 'points' && (
            <>
              <NumberField
                label="每完成一项任务（分）"
                testId="points-done"
                min={-100}
                max={100}
                step={0.5}
                value={rule.done}
                onSave={(n) => setRule({ done: n })}
              />
              <NumberField
                label="每项超期未完成任务（分，扣分写负数）"
                testId="points-overdue"
                min={-100}
                max={100}
                step={0.5}
                value={rule.overdue}
                onSave={(n) => setRule({ overdue: n })}
              />
              <NumberField
                label="报送被退回一次（分）"
                testId="points-returned"
                min={-100}
                max={100}
                step={0.5}
                value={rule.returned}
                onSave={(n) => setRule({ returned: n })}
              />
              <NumberField
                label="牵头（负责、落实）任务权重"
                testId="weight-lead"
                min={0}
                max={10}
                step={0.1}
                value={rule.leadWeight}
                onSave={(n) => setRule({ leadWeight: n })}
              />
              <NumberField
                label="配合（参与）任务权重"
                testId="weight-assist"
                min={0}
                max={10}
                step={0.1}
                value={rule.assistWeight}
                onSave={(n) => setRule({ assistWeight: n })}
              />
            </>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={rule.separate}
              onChange={(e) => setRule({ separate: e.target.checked })}
            />
            县、区另分别排名
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={rule.unreportedLast}
              onChange={(e) => setRule({ unreportedLast: e.target.checked })}
            />
            本期未报送的县区排在末位（否则不参与排名）
          </label>
        </section>
        <section className="card" aria-label="通报与文书">
          <h2>通报与文书</h2>
          <TextField
            label="发文机关代字（如 汴环攻坚办）"
            testId="doc-prefix"
            value={s['bulletin.doc_prefix']}
            onSave={(v) => void save({ 'bulletin.doc_prefix': v })}
          />
          <p className="muted" data-testid="doc-number-preview">
            {cnPeriod(issue.period)}通报：
            {s['bulletin.doc_prefix'] && issue.number != null
              ? `${s['bulletin.doc_prefix']}〔${issue.date.slice(0, 4)}〕${issue.number}号`
              : '（未设置发文字号）'}
            {issue.issue != null ? `，第${issue.issue}期` : ''}
            {issue.saved ? '' : '（序号按上一期加一）'}
          </p>
          <NumberField
            label={`${cnPeriod(issue.period)}发文序号`}
            testId="doc-number"
            min={1}
            max={9999}
            value={issue.number}
            onSave={(n) => void save({ bulletin_issue: { period: issue.period, number: n } })}
          />
          <NumberField
            label={`${cnPeriod(issue.period)}期号（第N期）`}
            testId="issue-number"
            min={1}
            max={9999}
            value={issue.issue}
            onSave={(n) => void save({ bulletin_issue: { period: issue.period, issue: n } })}
          />
          <span
            className="field"
            onBlur={() => {
              const iso = readTypedDate(signDate);
              if (iso && iso !== issue.date)
                void save({ bulletin_issue: { period: issue.period, date: iso } });
            }}
          >
            <DateInput label={`${cnPeriod(issue.period)}签发日期`} value={signDate} onChange={setSignDate} />
          </span>
          <label className="field">
            正文字体
            <select
              data-testid="body-font"
              value={s['bulletin.body_font']}
              onChange={(e) => save({ 'bulletin.body_font': e.target.value })}
            >
              {[...new Set(['仿宋_GB2312', '仿宋', s['bulletin.body_font']])].map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            标题字体
            <select
              data-testid="title-font"
              value={s['bulletin.title_font']}
              onChange={(e) => save({ 'bulletin.title_font': e.target.value })}
            >
              {[...new Set(['方正小标宋简体', '小标宋', '华文中宋', '宋体', s['bulletin.title_font']])].map(
                (f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ),
              )}
            </select>
          </label>
          <TextField
            label="催办单、督办单联系人"
            testId="contact"
            value={s['reminder.contact']}
            onSave={(v) => void save({ 'reminder.contact': v })}
          />
          <TextField
            label="联系电话"
            testId="phone"
            value={s['reminder.phone']}
            onSave={(v) => void save({ 'reminder.phone': v })}
          />
          <label className="check">
            <input
              type="checkbox"
              data-testid="workbook-matrix"
              checked={s['ledger.workbook_matrix']}
              onChange={(e) => void save({ 'ledger.workbook_matrix': e.target.checked })}
            />
            台账表格另附各方案的任务×县区横表（列数多，打印时字小，默认不附）
          </label>
        </section>
        <UnitAliases aliases={s.aliases} onSaved={setS} />
        <section className="card">
          <h2>台账文件</h2>
          <div className="kv">
            <span>位置</span>
            <span className="path" data-testid="db-path">
              {s.dbPath}
            </span>
          </div>
          <div className="actions">
            <button onClick={backup} disabled={!!busy}>
              备份台账…
            </button>
            <button onClick={restore} disabled={!!busy}>
              从备份恢复…
            </button>
          </div>
          <p className="muted">恢复前会先自动备份当前台账。</p>
        </section>
      </div>
    </div>
  );
}
