// Assertions two bulletin tests share: 附件1's three groups list exactly the tasks the core put
// in each exclusive list (超期 / 落后序时 / 临期), and no task stands in two of them.
import { expect } from 'vitest';
import { attachmentGroups, type DocxParts } from './read-docx';

export function expectAttachmentListsAreTheFigures(
  doc: DocxParts,
  tasks: readonly { list: string | null; code: string }[],
): void {
  const groups = attachmentGroups(doc);
  const codes = (k: string) =>
    tasks
      .filter((x) => x.list === k)
      .map((x) => x.code)
      .sort();
  expect((groups['一、超期任务'] ?? []).sort()).toEqual(codes('overdue'));
  expect((groups['二、落后序时任务'] ?? []).sort()).toEqual(codes('lagging'));
  expect((groups['三、临期任务'] ?? []).sort()).toEqual(codes('due_soon'));
  const all = Object.values(groups).flat();
  expect(new Set(all).size).toBe(all.length);
}
