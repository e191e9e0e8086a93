// 进展通报: the period's bulletin content, 下步工作要求 edited here, the exports.
import { useEffect, useState } from 'react';
import type { BulletinPreview, FileRef } from '../../../electron/api/contract';
import { api, platform } from '../platform';
import { useApp } from '../app-context';
import { useLong } from '../long';
import { PeriodPicker } from '../components/PeriodPicker';
import { cnDate, cnPeriod } from '../../../electron/core/common/dates.std';
import { DocBlocks, DocTable } from '../components/DocBlocks';

export function BulletinScreen() {
  const app = useApp();
  const { busy, run } = useLong();
  const [period, setPeriod] = useState(app.info?.period ?? '');
  const [preview, setPreview] = useState<BulletinPreview | null>(null);
  const [req, setReq] = useState('');
  const [dirty, setDirty] = useState(false);
  const [files, setFiles] = useState<FileRef[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!period && app.info) setPeriod(app.info.period);
  }, [app.info]);
  // the preview is the document: fetched again after every edit (下步工作要求, settings, imports)
  const [edits, setEdits] = useState(0);
  useEffect(() => {
    if (!period) return;
    setError(null);
    api['bulletin.preview']({ period }).then(
      (p) => {
        setPreview(p);
        setReq(p.requirements);
        setDirty(false);
      },
      (e) => {
        setPreview(null);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [period, app.version, edits]);

  const saveReq = async () => {
    try {
      const r = await api['bulletin.setRequirements']({ period, text: req });
      setDirty(false);
      setEdits((n) => n + 1);
      app.notify('ok', r.message);
    } catch (e) {
      app.fail(e);
    }
  };

  const exportOne = async (kind: 'bulletin' | 'reminders' | 'supervision' | 'ledger') => {
    if (dirty) await saveReq();
    let out: { files: FileRef[] } | null;
    if (kind === 'bulletin') {
      const outFile = await platform.saveFile('保存进展通报', `${cnPeriod(period)}攻坚任务进展通报.docx`, [
        'docx',
      ]);
      if (outFile === null) return;
      out = await run('bulletin.export', { period, outFile }, '正在生成进展通报…');
    } else if (kind === 'reminders') {
      const outDir = await platform.pickFolder('选择保存催报提醒的文件夹');
      if (outDir === null) return;
      out = await run('reminders.export', { period, outDir }, '正在生成催报提醒…');
    } else if (kind === 'supervision') {
      const outDir = await platform.pickFolder('选择保存三色督办单的文件夹');
      if (outDir === null) return;
      out = await run('supervision.export', { period, outDir }, '正在生成三色督办单…');
    } else {
      const outFile = await platform.saveFile('保存台账', `任务台账（${cnPeriod(period)}）.xlsx`, ['xlsx']);
      if (outFile === null) return;
      out = await run('ledger.export', { period, outFile }, '正在导出台账…');
    }
    if (!out) return;
    setFiles(out.files);
    app.notify('ok', `已导出：${out.files.map((f) => f.name).join('、')}`);
    platform.deliver(out.files);
  };

  return (
    <div className="screen bulletin">
      <header className="screen-head row">
        <h1>进展通报</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
        <div className="actions">
          <button
            className="primary"
            onClick={() => exportOne('bulletin')}
            disabled={!!busy}
            data-testid="export-bulletin"
          >
            导出通报（.docx）
          </button>
          <button onClick={() => exportOne('reminders')} disabled={!!busy}>
            导出催报提醒
          </button>
          <button onClick={() => exportOne('supervision')} disabled={!!busy} data-testid="export-supervision">
            导出三色督办单
          </button>
          <button onClick={() => exportOne('ledger')} disabled={!!busy} data-testid="export-ledger">
            导出台账（.xlsx）
          </button>
        </div>
      </header>
      {files.length > 0 && (
        <div className="files-bar" data-testid="exported">
          已导出：
          {files.map((f) =>
            platform.downloadUrl(f) ? (
              <a key={f.path} href={platform.downloadUrl(f)!} download={f.name}>
                {f.name}
              </a>
            ) : (
              <button key={f.path} className="link" onClick={() => platform.showItem(f)}>
                {f.name}
              </button>
            ),
          )}
        </div>
      )}
      {error && <div className="card muted">{error}</div>}
      {preview && (
        <div className="grid2 wide-left">
          <article
            className="card paper"
            data-testid="bulletin-preview"
            // scrolls on its own: keyboard users reach it (axe scrollable-region-focusable)
            tabIndex={0}
            aria-label="通报预览"
          >
            {preview.problems.length > 0 && (
              <div className="card red" data-testid="bulletin-problems">
                数据自相矛盾，导出会被拒绝：
                <ul>
                  {preview.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
            <p className="paper-issuer">{preview.issuer}</p>
            {preview.issueNo != null && <p className="paper-docno">第{preview.issueNo}期</p>}
            <p className="paper-docno">{preview.docNumber || '（未设置发文字号）'}</p>
            <h2 className="paper-title">{preview.title}</h2>
            <p className="doc-p noindent">{preview.recipients}：</p>
            {preview.body.map((s, i) => (
              <section key={i}>
                {s.heading && <h3 className="doc-h1">{s.heading}</h3>}
                <DocBlocks blocks={s.blocks} />
              </section>
            ))}
            <p className="paper-sign">{preview.issuer}</p>
            <p className="paper-sign">{cnDate(preview.date)}</p>
            {preview.attachments.map((a) => (
              <section key={a.no} className="paper-attachment">
                <p className="doc-h1">附件{a.no}</p>
                <h3 className="paper-title">{a.title}</h3>
                {a.subtitle && <p className="paper-sub">{a.subtitle}</p>}
                <DocTable table={a.table} />
                {a.note && <p className="doc-note">{a.note}</p>}
              </section>
            ))}
          </article>
          <section className="card">
            <h2>下步工作要求</h2>
            <p className="muted">写在通报最后一部分，每段一行。</p>
            <textarea
              rows={16}
              value={req}
              onChange={(e) => {
                setReq(e.target.value);
                setDirty(true);
              }}
              aria-label="下步工作要求"
            />
            <button className="primary" onClick={saveReq} disabled={!dirty}>
              保存
            </button>
          </section>
        </div>
      )}
    </div>
  );
}
