import { useApp } from '../app-context';
import { cnPeriod } from '../../../electron/core/common/dates.std';

/** The reporting period: the known ones, the current one, and a few months back. */
export function PeriodPicker({ value, onChange }: { value: string; onChange(p: string): void }) {
  const app = useApp();
  const known = new Set(app.info?.periods ?? []);
  known.add(value);
  const cur = app.info?.period;
  if (cur && /^\d{4}-\d{2}$/.test(cur)) {
    let [y, m] = cur.split('-').map(Number) as [number, number];
    for (let i = 0; i < 6; i++) {
      known.add(`${y}-${String(m).padStart(2, '0')}`);
      m--;
      if (m === 0) {
        m = 12;
        y--;
      }
    }
  }
  return (
    <label className="inline">
      报送期
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label="报送期"
        data-testid="period"
      >
        {[...known]
          .sort()
          .reverse()
          .map((p) => (
            <option key={p} value={p}>
              {cnPeriod(p)}
            </option>
          ))}
      </select>
    </label>
  );
}
