// Checked patches of pdf.js's worker for embedded Type1 fonts, which text extraction reads but
// never draws (disableFontFace; pdfjs-loader.ts's textOnlyWorkerSource already leaves the compiled
// font program empty). LibreOffice writes CJK text as Type1 fonts of up to 256 glyphs each, and
// pdf.js decrypted every glyph's charstring and converted it to Type2 (Type1CharString.convert)
// for that program, then built an OpenType file around it: a sixth of the seed's parse.
//
// What text extraction takes from a Type1 font (PartialEvaluator.getTextContent through
// Font.charsToGlyphs: a glyph's unicode, width and vertical metrics; the font's matrix, name,
// ascent, descent): the header's FontMatrix and built-in encoding (read as before), the
// ToUnicode adjusted by that encoding (adjustType1ToUnicode, kept below), and a glyph's width
// from its charstring only where the PDF's /Widths lacks one. The rest of Font.convert (glyph
// mapping to private-use codes, seac accents, the OpenType tables) feeds only a glyph's
// fontChar, accent and isInFont and the font's file, which only drawing reads (operator lists
// carry the glyphs; the app reads only their image operators, pdf.ts and ocr/ocr-pdf.ts).
//
// So a charstring is decrypted and converted when something first reads it (its width, for a
// missing /Widths entry; its outline or seac, if anything ever draws), giving the same values
// as the eager pass; and a Type1 font skips Font.convert's OpenType building. One difference
// remains: a charstring whose subroutines call themselves without end overflowed the stack in
// the eager pass, which made pdf.js fall back to a system font; now it is never converted
// unless its width is needed, and the font is read as the PDF describes it.

/** The CharStrings loop: the glyph's bytes kept as read, decrypted when first needed. */
const CHARSTRING_READ = `            lenIV = program.properties.privateData.lenIV;
            const encoded = this.readCharStrings(data, lenIV);
            this.nextChar();
            token = this.getToken();
            if (token === "noaccess") {
              this.getToken();
            } else if (token === "/") {
              this.prevChar();
            }
            charstrings.push({
              glyph,
              encoded
            });
`;
const CHARSTRING_READ_LAZY = `            lenIV = program.properties.privateData.lenIV;
            const glyphBytes = data, glyphLenIV = lenIV; // taizhang: decrypted when first read
            const encoded = () => this.readCharStrings(glyphBytes, glyphLenIV);
            this.nextChar();
            token = this.getToken();
            if (token === "noaccess") {
              this.getToken();
            } else if (token === "/") {
              this.prevChar();
            }
            charstrings.push({
              glyph,
              encoded
            });
`;

/** Each glyph converted after the parse: now an object whose fields convert it when first read. */
const CHARSTRING_CONVERT = `      const charString = new Type1CharString();
      const error = charString.convert(encoded, subrs, this.seacAnalysisEnabled);
      let output = charString.output;
      if (error) {
        output = [14];
      }
      const charStringObject = {
        glyphName: glyph,
        charstring: output,
        width: charString.width,
        lsb: charString.lsb,
        seac: charString.seac
      };
`;
const CHARSTRING_CONVERT_LAZY = `      // taizhang: converted when a field is first read, with the same values as the eager pass
      const seacAnalysisEnabled = this.seacAnalysisEnabled;
      let converted = null;
      const convert = () => {
        if (converted === null) {
          const charString = new Type1CharString();
          const error = charString.convert(encoded(), subrs, seacAnalysisEnabled);
          converted = {
            charstring: error ? [14] : charString.output,
            width: charString.width,
            lsb: charString.lsb,
            seac: charString.seac
          };
        }
        return converted;
      };
      const charStringObject = {
        glyphName: glyph,
        get charstring() { return convert().charstring; },
        get width() { return convert().width; },
        get lsb() { return convert().lsb; },
        get seac() { return convert().seac; }
      };
`;
const WIDTH_FROM_CHARSTRING = `          properties.widths[index] = charString.width;
`;
const WIDTH_FROM_CHARSTRING_LAZY = `          properties.widths[index] = charStringObject.width;
`;

/**
 * Type1Font's constructor after pdfjs-loader.ts's patch: the Type2 lists for the (skipped)
 * compile, which read every glyph's conversion, go; the seacs are worked out when first read.
 */
const TYPE1_FONT_END = `    const charstrings = data.charstrings;
    const type2Charstrings = this.getType2Charstrings(charstrings);
    const subrs = this.getType2Subrs(data.subrs);
    this.charstrings = charstrings;
    this.data = new Uint8Array(0); // taizhang: text only, the font program is never drawn
    this.seacs = this.getSeacs(data.charstrings);
  }
  get numGlyphs() {
`;
const TYPE1_FONT_END_LAZY = `    this.charstrings = data.charstrings;
    this.data = new Uint8Array(0); // taizhang: text only, the font program is never drawn
  }
  get seacs() { // taizhang: read only to draw accented glyphs
    return shadow(this, "seacs", this.getSeacs(this.charstrings));
  }
  get numGlyphs() {
`;

/** Font's constructor for Type1 and CFF fonts: a Type1 font's OpenType file is not built. */
const FONT_CONVERT = `          const cff = subtype === "Type1C" || subtype === "CIDFontType0C" ? new CFFFont(file, properties) : new Type1Font(name, file, properties);
          adjustWidths(properties);
          data = this.convert(name, cff, properties);
          break;
`;
const FONT_CONVERT_TEXT_ONLY = `          const cff = subtype === "Type1C" || subtype === "CIDFontType0C" ? new CFFFont(file, properties) : new Type1Font(name, file, properties);
          adjustWidths(properties);
          if (cff instanceof Type1Font) {
            // taizhang: what Font.convert does that text extraction reads; its program is empty
            properties.fixedPitch = false;
            if (properties.builtInEncoding) {
              adjustType1ToUnicode(properties, properties.builtInEncoding);
            }
            data = cff.data;
            break;
          }
          data = this.convert(name, cff, properties);
          break;
`;

const PATCHES: [string, string][] = [
  [CHARSTRING_READ, CHARSTRING_READ_LAZY],
  [CHARSTRING_CONVERT, CHARSTRING_CONVERT_LAZY],
  [WIDTH_FROM_CHARSTRING, WIDTH_FROM_CHARSTRING_LAZY],
  [TYPE1_FONT_END, TYPE1_FONT_END_LAZY],
  [FONT_CONVERT, FONT_CONVERT_TEXT_ONLY],
];

/**
 * The worker's source (with textOnlyWorkerSource's patch) with Type1 glyphs converted only when
 * read and no OpenType file built for a Type1 font; the source as it is unless every patch
 * finds its text exactly once (the patches hang together: a half-patched worker would break).
 */
export function lazyType1Source(src: string): string {
  let out = src;
  for (const [from, to] of PATCHES) {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) return src;
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}
