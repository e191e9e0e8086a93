// Lines OCR was unsure of, found in the parsed source paragraphs (electron/core/parse/uncertain.ts):
// by their normalised text, in reading order, also when the joint of two lines or the split of
// a run-together paragraph changed the line's ends.
import { describe, expect, it } from 'vitest';
import { locateUncertain } from '../../../electron/core/parse/uncertain';
import { normaliseText } from '../../../electron/core/parse/index';

const paragraphs = [
  '一、总体要求',
  '1.依法依规淘汰落后低效产能。按照上级文件要求，2025年，建立淘汰退出任务台账。',
  '2.开展传统产业集群升级改造。按照上级文件要求，制定涉气产业集群发展规划。',
];

describe('locateUncertain', () => {
  it('finds each line in its paragraph, the same words twice in reading order', () => {
    const spans = locateUncertain(
      paragraphs,
      [
        { page: 2, line: 14, text: '按照上级文件要求，2025 年，', confidence: 0.7 },
        { page: 2, line: 18, text: '按照上级文件要求，', confidence: 0.6 },
      ],
      normaliseText,
    );
    expect(spans).toHaveLength(2);
    const [a, b] = spans;
    expect(a).toMatchObject({ paragraph: 1, page: 2, line: 14, confidence: 0.7 });
    expect(paragraphs[1]!.slice(a!.start, a!.end)).toBe('按照上级文件要求，2025年，');
    expect(b!.paragraph).toBe(2); // not the first paragraph again: reading order
    expect(paragraphs[2]!.slice(b!.start, b!.end)).toBe('按照上级文件要求，');
  });

  it('finds a line whose end was changed by the joint, by its start; skips what is too short', () => {
    const spans = locateUncertain(
      paragraphs,
      [
        { page: 2, line: 20, text: '制定涉气产业集群发展规划。（市', confidence: 0.8 },
        { page: 2, line: 21, text: '—', confidence: 0.3 },
      ],
      normaliseText,
    );
    expect(spans).toHaveLength(1);
    expect(spans[0]!.paragraph).toBe(2);
    expect(paragraphs[2]!.slice(spans[0]!.start)).toBe('制定涉气产业集群发展规划。');
  });
});
