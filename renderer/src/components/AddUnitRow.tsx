// The row that adds a responsible unit with its role: the plan check before import and the
// task drawer's correction both use it, so the two read and behave alike.
import { useState } from 'react';
import type { Role } from '../../../electron/api/contract';
import { ROLES, ROLE_WORD } from '../../../electron/core/common/vocabulary.std';

export function AddUnitRow(props: {
  /** a chip in the import check, a list item in the drawer */
  as: 'span' | 'li';
  className: string;
  placeholder: string;
  nameLabel: string;
  roleLabel: string;
  disabled?: boolean;
  onAdd(name: string, role: Role): void;
}) {
  const [name, setName] = useState('');
  // a unit added by hand is most often the one 负责 for the task
  const [role, setRole] = useState<Role>('responsible');
  const Tag = props.as;
  return (
    <Tag className={props.className}>
      <input
        placeholder={props.placeholder}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-label={props.nameLabel}
      />
      <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={props.roleLabel}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_WORD[r]}
          </option>
        ))}
      </select>
      <button
        disabled={props.disabled || !name.trim()}
        onClick={() => {
          props.onAdd(name.trim(), role);
          setName('');
        }}
      >
        添加
      </button>
    </Tag>
  );
}
