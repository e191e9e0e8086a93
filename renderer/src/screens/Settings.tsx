// 设置: city profile and counties, unit aliases, period type, due-soon window, backup, database.
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../electron/api/contract';
import { api, platform } from '../platform';
import { useApp } from '../app-context';
import { useLong } from '../long';

export function SettingsScreen() {
  const app = useApp();
  const { busy, run } = useLong();
  const [s, setS] = useState<SettingsView | null>(null);
  const [alias, setAlias] = useState('');
  const [unit, setUnit] = useState('');
  const [cc, setCc] = useState('');
  // bumped on every load: the uncontrolled fields remount with the ledger's values (after a
  // restore the old values must not linger and be saved back on blur)
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    api['settings.get']({}).then((v) => {
      setS(v);
      setCc(v.cc.join('\n'));
      setLoads((n) => n + 1);
    }, app.fail);
  }, [app.version]);

  const save = async (patch: Parameters<(typeof api)['settings.set']>[0]) => {
    try {
      const v = await api['settings.set'](patch);
      setS(v);
      app.notify('ok', '设置已保存。');
      app.changed();
    } catch (e) {
      app.fail(e);
    }
  };

  const addAlias = async () => {
    try {
      setS(await api['settings.addAlias']({ alias: alias.trim(), unit: unit.trim() }));
      setAlias('');
      setUnit('');
      app.notify('ok', '别名已添加。');
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
          <label className="field">
            临期提醒（到期前天数）
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
        <section className="card">
          <h2>单位别名</h2>
          <p className="muted">方案或报送表里写法不同的同一单位，如“市工信局”→“市工业和信息化局”。</p>
          <div className="add-row">
            <input
              placeholder="别名"
              value={alias}
              onChange={(e) => setAlias(e.target.value)}
              aria-label="别名"
            />
            →
            <input
              placeholder="规范名称"
              value={unit}
              onChange={(e) => setUnit(e.target.value)}
              aria-label="规范名称"
            />
            <button onClick={addAlias} disabled={!alias.trim() || !unit.trim()}>
              添加
            </button>
          </div>
          {/* focusable: a scrolled list must be reachable by keyboard */}
          <div className="alias-list" tabIndex={0} role="region" aria-label="单位别名列表">
            <table className="mini">
              <tbody>
                {s.aliases.map((a) => (
                  <tr key={a.alias}>
                    <td>{a.alias}</td>
                    <td>→ {a.unit}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
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
