// A checked patch of pdf.js's worker: text extraction switches to a font it has already loaded
// without pausing. At every Tf that changes the font, PartialEvaluator.getTextContent left its
// operator loop and came back through promises (handleSetFont awaiting loadFont, which gives
// the cached font; then the stream's readiness; then the loop function entered again). LibreOffice
// splits CJK text into subset fonts of 256 glyphs, so a line of the seed switches fonts several
// times: 8,844 Tf in its 40 pages, most of them changes between the same few fonts.
//
// Within one getTextContent call (one page, or one form XObject with its own resources), a font
// name resolves to the same font dictionary and loadFont gives the same cached TranslatedFont
// for it, so the fonts loaded by name are kept in the call's own Map and a later Tf of that name
// sets the same three fields of the text state that handleSetFont sets, and the loop goes on.
// What the pause did besides is only where the text content is cut into chunks (sent when the
// stream is ready) — which the loop's time slots already decide by the clock, and which the
// API joins again — so the items come out the same. A font set through an ExtGState (by
// reference, no name) goes the old way.

const HANDLE_SET_FONT = `    async function handleSetFont(fontName, fontRef) {
      const translated = await self.loadFont(fontName, fontRef, resources, task);
      textState.loadedName = translated.loadedName;
      textState.font = translated.font;
      textState.fontMatrix = translated.font.fontMatrix || FONT_IDENTITY_MATRIX;
    }
`;
const HANDLE_SET_FONT_KEPT = `    const fontsByName = new Map(); // taizhang: fonts loaded by name in this call, switched to at once
    function useFont(translated) {
      textState.loadedName = translated.loadedName;
      textState.font = translated.font;
      textState.fontMatrix = translated.font.fontMatrix || FONT_IDENTITY_MATRIX;
    }
    async function handleSetFont(fontName, fontRef) {
      const translated = await self.loadFont(fontName, fontRef, resources, task);
      if (fontRef === null) {
        fontsByName.set(fontName, translated);
      }
      useFont(translated);
    }
`;
const SET_FONT = `            textState.fontName = fontNameArg;
            textState.fontSize = fontSizeArg;
            next(handleSetFont(fontNameArg, null));
            return;
`;
const SET_FONT_KEPT = `            textState.fontName = fontNameArg;
            textState.fontSize = fontSizeArg;
            if (fontsByName.has(fontNameArg)) {
              useFont(fontsByName.get(fontNameArg));
              break;
            }
            next(handleSetFont(fontNameArg, null));
            return;
`;

/** The worker's source with loaded fonts switched to at once, or the source as it is when this pdf.js differs. */
export function keptFontSwitchSource(src: string): string {
  let out = src;
  for (const [from, to] of [
    [HANDLE_SET_FONT, HANDLE_SET_FONT_KEPT],
    [SET_FONT, SET_FONT_KEPT],
  ] as const) {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) return src; // both or neither
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}
