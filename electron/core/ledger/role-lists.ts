// Which role lists name a unit on a task, as the period figures' weights read them (roleOf,
// period-figures.ts: a unit counts as assisting only when an assist list names it and no lead
// list does). The SQL roll-up (period-rollup.ts) and the kept pairs (task-readings.ts) both
// code it as a number: 1 a lead list, 2 only an assist list, 0 neither.

/** The lead lists (牵头/负责/落实) and the assist lists (配合/参与), as responsibilities.role says them. */
const LEAD_ROLES = ['lead', 'responsible', 'implement'] as const;
const ASSIST_ROLES = ['cooperate', 'participate'] as const;

/** SQL: a role list as `('lead', …)` */
const sqlList = (roles: readonly string[]) => `(${roles.map((r) => `'${r}'`).join(', ')})`;
export const LEAD_ROLE_LIST = sqlList(LEAD_ROLES);
export const ASSIST_ROLE_LIST = sqlList(ASSIST_ROLES);
