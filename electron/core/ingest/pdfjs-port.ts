// A checked patch of pdf.js's API module (pdf.mjs) for its fake worker: messages between the
// worker code and the API on one thread go through a LoopbackPort, which structured-clones
// every message as a real worker's port would. The text content of a page (its items, the
// bulk of what text extraction moves) is cloned for nothing: the chunk sent is the worker's
// textContent object itself, whose `items` and `styles` getTextContent's enqueueChunk then
// replaces with fresh ones (never changing the ones sent); every item is a new object, its
// transform a new array or one shared by items and never written. So a chunk is passed as a
// shallow copy (the message and the chunk object: what the worker goes on to change) and its
// items as they are. Everything
// else (operator lists, whose arrays the worker empties after sending; fonts; images;
// anything with a transfer list) is still cloned.

const CLONE = `  postMessage(obj, transfer) {
    const event = {
      data: structuredClone(obj, transfer ? {
        transfer
      } : null)
    };
`;
const TEXT_CHUNKS_DIRECT = `  postMessage(obj, transfer) {
    const event = {
      // taizhang: a text content chunk (stream ENQUEUE, no transfer): its items handed over as they are
      data: !transfer && obj?.stream === 4 && Array.isArray(obj.chunk?.items) && obj.chunk.styles ? { ...obj, chunk: { ...obj.chunk } } : structuredClone(obj, transfer ? {
        transfer
      } : null)
    };
`;
/** The value of StreamKind.ENQUEUE that the patch tests for: the patch applies only where pdf.mjs says so. */
const ENQUEUE = '  ENQUEUE: 4,\n';

/** pdf.mjs's source with text content chunks not cloned, or null when this pdf.js differs. */
export function directTextChunksSource(src: string): string | null {
  const at = src.indexOf(CLONE);
  if (at < 0 || src.indexOf(CLONE, at + 1) >= 0 || !src.includes(ENQUEUE)) return null;
  return src.slice(0, at) + TEXT_CHUNKS_DIRECT + src.slice(at + CLONE.length);
}
