// The add-unit row shared by the import check and the task drawer: the name field and the
// role choice in the vocabulary's words, 添加 disabled until a name is typed.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { AddUnitRow } from '../../renderer/src/components/AddUnitRow';

describe('AddUnitRow', () => {
  it('offers the five roles, 负责 chosen, and waits for a name', () => {
    const html = renderToStaticMarkup(
      <AddUnitRow
        as="li"
        className="add-row"
        placeholder="添加责任单位"
        nameLabel="添加责任单位"
        roleLabel="职责"
        onAdd={() => {}}
      />,
    );
    expect(html.startsWith('<li class="add-row">')).toBe(true);
    expect(html).toContain('placeholder="添加责任单位"');
    expect(html).toContain('aria-label="职责"');
    expect([...html.matchAll(/<option value="(\w+)"[^>]*>([^<]+)</g)].map((m) => m[2])).toEqual([
      '牵头',
      '负责',
      '参与',
      '配合',
      '落实',
    ]);
    expect(html).toMatch(/<option value="responsible" selected="">负责</);
    expect(html).toMatch(/<button disabled="">添加<\/button>/);
  });
});
