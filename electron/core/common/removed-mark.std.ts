// The mark of a task a revised edition of its plan dropped: 已删除（第2版）. Its progress rows
// stay (保留已登记的进展) and it stays visible, so the ledger workbook, the JSON export, the
// task table and the drawer all say the same words. Pure: the renderer imports it too.

/** `edition`: the number of the plan edition that dropped the task (1 = the first import). */
export function removedMark(edition: number | null): string {
  return edition ? `已删除（第${edition}版）` : '已删除';
}
