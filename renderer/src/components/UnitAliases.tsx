// 设置's 单位别名: add an alias; a unit the ledger does not know is refused by the core with the
// closest existing units, shown here as buttons (one click adds the alias to that unit), and a
// button to create the unit after all.
import { useState } from 'react';
import type { SettingsView } from '../../../electron/api/contract';
import { api, ApiFailure } from '../platform';
import { useApp } from '../app-context';

interface Unknown {
  unit: string;
  message: string;
  suggestions: string[];
}

export function UnitAliases(p: { aliases: SettingsView['aliases']; onSaved(v: SettingsView): void }) {
  const app = useApp();
  const [alias, setAlias] = useState('');
  const [unit, setUnit] = useState('');
  const [unknown, setUnknown] = useState<Unknown | null>(null);

  const add = async (to: string, create = false) => {
    try {
      p.onSaved(await api['settings.addAlias']({ alias: alias.trim(), unit: to.trim(), create }));
      setAlias('');
      setUnit('');
      setUnknown(null);
      app.notify('ok', '别名已添加。');
    } catch (e) {
      if (e instanceof ApiFailure && e.error.code === 'ALIAS_UNIT_UNKNOWN')
        setUnknown({ unit: to.trim(), message: e.error.message, suggestions: e.error.suggestions ?? [] });
      else app.fail(e);
    }
  };

  return (
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
          onChange={(e) => {
            setUnit(e.target.value);
            setUnknown(null);
          }}
          aria-label="规范名称"
        />
        <button onClick={() => void add(unit)} disabled={!alias.trim() || !unit.trim()}>
          添加
        </button>
      </div>
      {unknown && (
        <div className="alias-unknown" role="alert" data-testid="alias-unknown">
          <p>{unknown.message}</p>
          <div className="actions">
            {unknown.suggestions.map((s) => (
              <button key={s} className="suggestion" onClick={() => void add(s)}>
                改为“{s}”
              </button>
            ))}
            <button onClick={() => void add(unknown.unit, true)}>新建单位“{unknown.unit}”</button>
          </div>
        </div>
      )}
      {/* focusable: a scrolled list must be reachable by keyboard */}
      <div className="alias-list" tabIndex={0} role="region" aria-label="单位别名列表">
        <table className="mini">
          <tbody>
            {p.aliases.map((a) => (
              <tr key={a.alias}>
                <td>{a.alias}</td>
                <td>→ {a.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
