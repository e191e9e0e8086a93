// A plan's short name, the first part of every task code (大气-12): the first words of the
// title after the city and the year (开封市2025年大气污染防治… → 大气), made unique.
export function shortNames(titles: string[]): string[] {
  const cores = titles.map(
    (t) =>
      t
        .replace(/\s+/g, '')
        .replace(/^.*?[市州县区]/, '')
        .replace(/^\d{4}年(?:度)?/, '')
        .replace(/^关于/, '') || t,
  );
  for (let len = 2; len <= 6; len++) {
    const names = cores.map((c) => c.slice(0, len));
    if (new Set(names).size === names.length) return names;
  }
  return cores.map((c, i) => `${c.slice(0, 2)}${i + 1}`);
}
