// A date typed as the clerk writes it (2025-09-30 or 2025年9月30日), never the browser's
// locale picker (which shows mm/dd/yyyy on an English system). Shows what it understood.
import { useId } from 'react';
import { cnDate, parseDate } from '../labels';

export function DateInput({
  label,
  value,
  onChange,
  required,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  const iso = parseDate(value);
  const hint = !value.trim() ? '如 2025-09-30 或 2025年9月30日' : iso ? `＝${cnDate(iso)}` : '日期无法识别';
  return (
    <span className="date-input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        autoFocus={autoFocus}
        required={required}
        placeholder="2025-09-30"
        inputMode="numeric"
        aria-invalid={!!value.trim() && !iso}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
        size={14}
      />
      <small id={`${id}-hint`} className={value.trim() && !iso ? 'red' : 'muted'}>
        {hint}
      </small>
    </span>
  );
}
