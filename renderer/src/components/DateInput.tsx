// A date typed as the clerk writes it (2025-09-30 or 2025年9月30日), never the browser's
// locale picker (which shows mm/dd/yyyy on an English system). Shows what it understood.
import { cnDate, readTypedDate } from '../../../electron/core/common/dates.std';
import { useEffect, useId, useState } from 'react';

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
  const iso = readTypedDate(value);
  const hint = !value.trim()
    ? '如 2025-09-30 或 2025年9月30日'
    : iso
      ? `＝${cnDate(iso, '—')}`
      : '日期无法识别';
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

/** The compact form for filters: one field, the reading in its tooltip; '' clears. */
export function CompactDateInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange(iso: string): void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  // the filter cleared or set elsewhere: show it
  useEffect(() => {
    if (readTypedDate(draft) !== (value ?? null)) setDraft(value ?? '');
  }, [value]);
  const iso = readTypedDate(draft);
  return (
    <input
      aria-label={label}
      placeholder="年-月-日"
      value={draft}
      size={11}
      aria-invalid={!!draft.trim() && !iso}
      title={iso ? cnDate(iso, '—') : '如 2025-09-30 或 2025年9月30日'}
      onChange={(e) => {
        const v = e.target.value;
        setDraft(v);
        const d = readTypedDate(v);
        if (d) onChange(d);
        else if (!v.trim()) onChange('');
      }}
    />
  );
}
