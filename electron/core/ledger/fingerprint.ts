// Content fingerprint of a parsed document: the same document as .txt, .docx or .pdf
// gives the same fingerprint, because it hashes what the document says (文号, plan titles,
// task titles), normalised, not the bytes of the file.
import { createHash } from 'node:crypto';
import type { ParsedDocument } from '../parse/types';
import { textKey } from './util';

export function documentFingerprint(doc: ParsedDocument): string {
  const essence = {
    doc_number: textKey(doc.document.doc_number ?? ''),
    plans: doc.plans.map((p) => ({ title: textKey(p.title), tasks: p.tasks.map((t) => textKey(t.title)) })),
  };
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
