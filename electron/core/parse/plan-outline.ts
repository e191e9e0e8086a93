// Splits the body into plans. Each plan restarts its 一、 sections; its title is a heading
// paragraph where the body has one (DOCX/PDF), else the cover letter's 《…》 list in order
// (the TXT seed lost its titles in PDF extraction).
import { looksLikePlanTitle } from './document-info';
import type { Marker } from './outline';

export interface PlanRegion {
  title: string;
  titleAt: number; // paragraph of the title, -1 when it came from the cover list
  from: number; // first paragraph of the plan (title or preamble)
  body: number; // first 一、 heading
  to: number; // last paragraph (inclusive)
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export function findPlans(
  paragraphs: string[],
  markers: (Marker | null)[],
  coverTitles: string[],
): PlanRegion[] {
  const starts: number[] = [];
  let seenL1 = false;
  let appendix = false; // after 附件: a task list or table, not a new plan (unless it has a title)
  markers.forEach((m, i) => {
    if (/^附件\s*\d*\s*[:：]?/.test(paragraphs[i]!) && paragraphs[i]!.length < 40) appendix = true;
    if (m?.level !== 1) return;
    if (!seenL1 || m.number === 1) {
      if (appendix && !hasTitleBefore(paragraphs, markers, i, coverTitles)) return;
      starts.push(i);
      appendix = false;
    }
    seenL1 = true;
  });
  if (starts.length === 0) return [];
  const regions: PlanRegion[] = [];
  let floor = 0; // nothing before this belongs to the plan being looked at
  starts.forEach((s, k) => {
    // a title within the few paragraphs before the first heading (title, 副标题, preamble)
    let titleAt = -1,
      title = '';
    for (let i = s - 1; i >= floor && i >= s - 6; i--) {
      if (markers[i]) break;
      const one = squash(paragraphs[i]!);
      const two = i > floor && !markers[i - 1] ? squash(paragraphs[i - 1]!) + one : '';
      const cover = coverTitles.find((t) => squash(t) === one || (two && squash(t) === two));
      if (cover) {
        title = cover;
        titleAt = squash(cover) === one ? i : i - 1;
        break;
      }
      if (looksLikePlanTitle(one) && !/^关于/.test(one)) {
        title = paragraphs[i]!.replace(/\s+/g, '');
        titleAt = i;
        break;
      }
    }
    let from: number;
    if (titleAt >= 0) from = titleAt;
    else {
      // the plan's preamble: the paragraph just before its first heading (never the cover letter)
      from = s > floor && !markers[s - 1] && !/《/.test(paragraphs[s - 1]!) ? s - 1 : s;
      title = coverTitles[k] ?? `方案${k + 1}`;
    }
    if (k > 0) regions[k - 1]!.to = from - 1;
    regions.push({ title, titleAt, from, body: s, to: paragraphs.length - 1 });
    floor = s + 1;
  });
  // a plan's end is where the next plan's title/preamble begins; later headings of the same
  // plan must come before that, so move the floor past them when looking for titles
  return regions;
}

function hasTitleBefore(
  paragraphs: string[],
  markers: (Marker | null)[],
  at: number,
  coverTitles: string[],
): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) {
    if (markers[i]) return false;
    const t = squash(paragraphs[i]!);
    if (looksLikePlanTitle(t) || coverTitles.some((c) => squash(c) === t)) return true;
  }
  return false;
}
