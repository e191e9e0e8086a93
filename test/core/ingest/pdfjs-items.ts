// Every page's text items as pdf.js gives them, for tests of the worker patches: through the
// patched worker the app loads (pdfjs-loader.ts), or through the package's own worker, unpatched,
// reached over a MessageChannel.
import { documentOptions, loadPdfJs } from '../../../electron/core/ingest/pdfjs-loader';

export async function textItems(bytes: Uint8Array, packageWorker = false): Promise<unknown[]> {
  const pdfjs = await loadPdfJs();
  let channel: MessageChannel | null = null;
  let worker: InstanceType<typeof pdfjs.PDFWorker> | undefined;
  if (packageWorker) {
    channel = new MessageChannel();
    // importing the package's worker sets globalThis.pdfjsWorker, which pdf.js's fake worker
    // (the patched one, loadPdfJs) is taken from: put back
    const g = globalThis as { pdfjsWorker?: unknown };
    const patchedWorker = g.pdfjsWorker;
    // @ts-expect-error the worker module ships without type declarations
    const pkg = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as {
      WorkerMessageHandler: { initializeFromPort(port: MessagePort): void };
    };
    g.pdfjsWorker = patchedWorker;
    pkg.WorkerMessageHandler.initializeFromPort(channel.port2);
    worker = pdfjs.PDFWorker.create({ port: channel.port1 as unknown as Worker });
  }
  const doc = await pdfjs.getDocument({ ...documentOptions(bytes), worker }).promise;
  try {
    const pages: unknown[] = [];
    for (let n = 1; n <= doc.numPages; n++)
      pages.push(
        (await (await doc.getPage(n)).getTextContent({ includeMarkedContent: false })).items.map((item) =>
          // a font's name carries the document's number (g_d0_f1): the same font in each
          'fontName' in item ? { ...item, fontName: item.fontName.replace(/^g_d\d+_/, '') } : item,
        ),
      );
    return pages;
  } finally {
    await doc.destroy();
    worker?.destroy();
    channel?.port1.close();
    channel?.port2.close();
  }
}
