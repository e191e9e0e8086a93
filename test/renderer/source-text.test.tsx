// 导入方案's source text marks the lines OCR was unsure of: the parse of a scan carries
// source.uncertain (paragraph and offsets), SourceText underlines those characters, gives
// them a title and a text read out by screen readers, and the page stays axe-clean (checked
// in Chromium with the app's own stylesheet, as the e2e tests do).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { SourceText, Legend, type Uncertain } from '../../renderer/src/components/SourceText';
import { HAVE_CHROMIUM, launchChromium, ROOT } from '../e2e/harness';

const paragraphs = [
  { index: 0, text: '一、总体要求' },
  {
    index: 1,
    text: '1.依法依规淘汰落后低效产能。按照上级文件要求，2025年，建立淘汰退出任务台账。（市工业和信息化局负责）',
  },
];
// the second line of paragraph 1 was read with 62 % confidence, and a unit mark crosses it
const uncertain: Uncertain[] = [{ paragraph: 1, start: 20, end: 40, page: 2, line: 14, confidence: 0.62 }];
const marks = [{ paragraph: 1, start: 36, end: 48, kind: 'unit' as const, title: '责任单位' }];

function render() {
  return renderToStaticMarkup(
    <>
      <Legend uncertain />
      <SourceText paragraphs={paragraphs} marks={marks} uncertain={uncertain} />
    </>,
  );
}

describe('uncertain OCR lines in the source text', () => {
  it('underlines exactly the uncertain characters and labels them', () => {
    const html = render();
    const source = html
      .slice(html.indexOf('class="source"'))
      .replace(/<span class="sr-only">.*?<\/span>/g, '');
    const pieces = [
      ...source.matchAll(/<span class="ocr-uncertain" title="[^"]*">((?:(?!<\/span>).)*)<\/span>/g),
    ];
    expect(pieces.length).toBe(2); // cut where the unit mark begins
    expect(pieces.map((m) => m[1]!.replace(/<[^>]+>/g, '')).join('')).toBe(paragraphs[1]!.text.slice(20, 40));
    expect(html).toContain('识别存疑（第2页第14行，置信度 62%），请对照原件核对');
    // read out once, after the line
    expect(html.match(/class="sr-only"/g)).toHaveLength(1);
    // the unit mark still there, cut where the uncertain line ends
    expect(html).toMatch(/<mark class="hl-unit" title="责任单位">[^<]+<\/mark><span class="sr-only">/);
    // a paragraph without doubts is unchanged
    expect(html).toContain('<span class="pno">1</span>一、总体要求</p>');
  });

  it.skipIf(!HAVE_CHROMIUM)('stays clean for axe-core (no serious or critical violations)', async () => {
    const css = readFileSync(path.join(ROOT, 'renderer/src/styles.css'), 'utf8');
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(
        `<!doctype html><html lang="zh-CN"><head><title>导入方案</title><style>${css}</style></head><body><main><div class="source-pane">${render()}</div></main></body></html>`,
      );
      await page.evaluate(axe);
      const found = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string }[] }> };
        };
        const r = await w.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(found).toEqual([]);
      // the underline is drawn: the clerk sees it
      const deco = await page.$eval('.source .ocr-uncertain', (e) => getComputedStyle(e).textDecorationLine);
      expect(deco).toContain('underline');
    } finally {
      await browser.close();
    }
  });
});
