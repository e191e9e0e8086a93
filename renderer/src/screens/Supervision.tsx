// 督办 in the task drawer: 延期 requests (new date, reason, approver, request date), 办结销号 of
// the task or of one county's part with who confirmed it and 佐证材料 files, 撤销 with a reason,
// 重新打开. Each calls one core operation (the same as the CLI's `task extend/close/…`).
import { cnDate, readTypedDate } from '../../../electron/core/common/dates.std';
import { useRef, useState } from 'react';
import type { FileRef, TaskDetail } from '../../../electron/api/contract';
import { api, platform } from '../platform';
import { useApp } from '../app-context';
import { DateInput } from '../components/DateInput';
import { fileSize } from '../labels';

type Form =
  | { kind: 'extend' }
  | { kind: 'close'; unit?: string }
  | { kind: 'withdraw' }
  | { kind: 'reopen'; unit?: string }
  | { kind: 'attach' };

const ACCEPT = '.pdf,.ofd,.jpg,.jpeg,.png,.gif,.bmp,.tif,.tiff,.webp,.doc,.docx,.wps,.xls,.xlsx,.et';

export function openEvidence(id: number, fail: (e: unknown) => void): void {
  api['task.evidence']({ id }).then((w) => {
    if (platform.shell === 'browser') platform.deliver(w.files);
    else if (w.files[0]) platform.showItem(w.files[0]);
  }, fail);
}

/** The 督办 section: state, 延期 history, evidence and the actions. */
export function Supervision({
  task,
  onChange,
  form,
  setForm,
}: {
  task: TaskDetail;
  onChange(t: TaskDetail): void;
  form: Form | null;
  setForm(f: Form | null): void;
}) {
  const app = useApp();
  const active = task.state === 'active';
  return (
    <section data-testid="supervision">
      <h3>督办</h3>
      <div className="kv">
        <span>完成时限</span>
        <span data-testid="due-line">{dueLine(task)}</span>
        {task.extensions.length > 0 && (
          <>
            <span>延期记录</span>
            <ol className="plain" data-testid="extensions">
              {task.extensions.map((e, i) => (
                <li key={i}>
                  第{i + 1}次：{cnDate(e.previousDue, '—')} → {cnDate(e.newDue, '—')}，
                  {e.requestedAt ? `${cnDate(e.requestedAt, '—')}申请，` : ''}原因：{e.reason}，批准：
                  {e.approvedBy}
                </li>
              ))}
            </ol>
          </>
        )}
        {task.closure && (
          <>
            <span>销号</span>
            <span data-testid="closure">
              {cnDate(task.closure.date, '—')}办结销号
              {task.closure.confirmedBy && `，确认：${task.closure.confirmedBy}`}
              {task.closure.note && `；${task.closure.note}`}
            </span>
          </>
        )}
        {task.unitClosures.length > 0 && (
          <>
            <span>县区销号</span>
            <ul className="plain" data-testid="unit-closures">
              {task.unitClosures.map((c) => (
                <li key={c.unit}>
                  {c.unit}：{cnDate(c.date, '—')}销号{c.confirmedBy && `，确认：${c.confirmedBy}`}
                  {c.note && `；${c.note}`}{' '}
                  <button
                    className="link"
                    onClick={() => setForm({ kind: 'reopen', unit: c.unit })}
                    aria-label={`重新打开${c.unit}的销号`}
                  >
                    重新打开
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {task.withdrawal && (
          <>
            <span>撤销</span>
            <span data-testid="withdrawal">
              {cnDate(task.withdrawal.date, '—')}撤销
              {task.withdrawal.document && `，依据 ${task.withdrawal.document}`}
              {task.withdrawal.reason && `；原因：${task.withdrawal.reason}`}
            </span>
          </>
        )}
        <span>佐证材料</span>
        {task.evidence.length === 0 ? (
          <span className="muted">无</span>
        ) : (
          <ul className="plain" data-testid="evidence">
            {task.evidence.map((e) => (
              <li key={e.id}>
                <button
                  className="link"
                  onClick={() => openEvidence(e.id, app.fail)}
                  title="打开（浏览器中下载）"
                >
                  {e.name}
                </button>{' '}
                <small className="muted">
                  {fileSize(e.size)}
                  {e.unit && ` · ${e.unit}`}
                </small>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="actions" role="group" aria-label="督办操作">
        {active && (
          <>
            <button onClick={() => setForm({ kind: 'extend' })}>延期…</button>
            <button onClick={() => setForm({ kind: 'close' })}>办结销号…</button>
            <button onClick={() => setForm({ kind: 'withdraw' })}>撤销…</button>
          </>
        )}
        {(task.state === 'closed' || task.state === 'withdrawn') && (
          <button onClick={() => setForm({ kind: 'reopen' })}>重新打开…</button>
        )}
        {task.state !== 'removed' && (
          <button onClick={() => setForm({ kind: 'attach' })}>补充佐证材料…</button>
        )}
      </div>
      {form && (
        <ActionForm
          key={`${form.kind}-${'unit' in form ? (form.unit ?? '') : ''}`}
          task={task}
          form={form}
          onDone={(t, message) => {
            onChange(t);
            setForm(null);
            app.notify('ok', message);
            app.changed();
          }}
          onCancel={() => setForm(null)}
        />
      )}
    </section>
  );
}

/** 原定 … ；延期至 …（第n次，经…批准）: the words used in the drawer, bulletin and workbooks. */
export function dueLine(task: TaskDetail): string {
  const last = task.extensions.at(-1);
  if (!last) return `${cnDate(task.due, '—')}${task.deadlines.length ? '' : '（未写明，按年底）'}`;
  return `原定${cnDate(task.originalDue, '—')}，延期至${cnDate(task.due, '—')}（第${task.extensions.length}次，经${last.approvedBy}批准）`;
}

function ActionForm({
  task,
  form,
  onDone,
  onCancel,
}: {
  task: TaskDetail;
  form: Form;
  onDone(t: TaskDetail, message: string): void;
  onCancel(): void;
}) {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const [date, setDate] = useState('');
  const [date2, setDate2] = useState(app.info?.today ?? '');
  const [reason, setReason] = useState('');
  const [who, setWho] = useState('');
  const [doc, setDoc] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const unit = 'unit' in form ? form.unit : undefined;

  const upload = async (): Promise<FileRef[]> => (files.length ? platform.uploadFiles(files) : []);
  const run = async (fn: () => Promise<[TaskDetail, string]>) => {
    setBusy(true);
    try {
      const [t, msg] = await fn();
      onDone(t, msg);
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    switch (form.kind) {
      case 'extend': {
        const newDue = readTypedDate(date);
        const requestedAt = readTypedDate(date2) ?? undefined;
        if (!newDue) return app.notify('error', '请填写新的完成时限，如 2025-12-31。');
        return run(async () => [
          await api['task.extend']({ id: task.id, newDue, reason, approvedBy: who, requestedAt }),
          `${task.code} 已延期至${cnDate(newDue, '—')}。`,
        ]);
      }
      case 'close': {
        const d = readTypedDate(date2) ?? undefined;
        return run(async () => [
          await api['task.close']({
            id: task.id,
            date: d,
            confirmedBy: who,
            note: reason,
            unit,
            files: await upload(),
          }),
          unit ? `${task.code} 的${unit}部分已办结销号。` : `${task.code} 已办结销号。`,
        ]);
      }
      case 'withdraw':
        return run(async () => [
          await api['task.withdraw']({
            id: task.id,
            reason,
            document: doc.trim() || undefined,
            date: readTypedDate(date2) ?? undefined,
          }),
          `${task.code} 已撤销。`,
        ]);
      case 'reopen':
        return run(async () => [
          await api['task.reopen']({ id: task.id, reason, unit }),
          unit ? `${task.code} 的${unit}部分已重新打开。` : `${task.code} 已重新打开。`,
        ]);
      case 'attach':
        return run(async () => [
          await api['task.attach']({ id: task.id, files: await upload() }),
          `已为 ${task.code} 补充佐证材料。`,
        ]);
    }
  };

  const title = {
    extend: '延期申请',
    close: unit ? `${unit} 办结销号` : '办结销号',
    withdraw: '撤销任务',
    reopen: unit ? `重新打开 ${unit} 的销号` : '重新打开',
    attach: '补充佐证材料',
  }[form.kind];
  const filesField = (
    <label className="field">
      佐证材料（PDF、图片、Word、Excel，可多选）
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPT}
        data-testid="evidence-input"
        onChange={(e) => setFiles([...(e.target.files ?? [])])}
      />
      {files.length > 0 && <small className="muted">{files.map((f) => f.name).join('、')}</small>}
    </label>
  );
  return (
    <form
      className="action-form"
      aria-label={title}
      data-testid={`form-${form.kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        // Esc closes the form, not the drawer
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h4>{title}</h4>
      {form.kind === 'extend' && (
        <>
          <div className="field">
            <DateInput label="延期至" value={date} onChange={setDate} required autoFocus />
          </div>
          <label className="field">
            延期原因
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <label className="field">
            批准人（或批准单位）
            <input value={who} onChange={(e) => setWho(e.target.value)} required />
          </label>
          <div className="field">
            <DateInput label="申请日期" value={date2} onChange={setDate2} />
          </div>
        </>
      )}
      {form.kind === 'close' && (
        <>
          <label className="field">
            确认人（审核销号的领导或单位）
            <input value={who} onChange={(e) => setWho(e.target.value)} required autoFocus />
          </label>
          <div className="field">
            <DateInput label="办结日期" value={date2} onChange={setDate2} />
          </div>
          <label className="field">
            销号说明（佐证材料是什么、文号）
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {filesField}
        </>
      )}
      {form.kind === 'withdraw' && (
        <>
          <label className="field">
            撤销原因
            <textarea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              autoFocus
            />
          </label>
          <label className="field">
            依据文件（文号或标题，可不填）
            <input value={doc} onChange={(e) => setDoc(e.target.value)} />
          </label>
          <div className="field">
            <DateInput label="撤销日期" value={date2} onChange={setDate2} />
          </div>
        </>
      )}
      {form.kind === 'reopen' && (
        <label className="field">
          重新打开的原因
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
        </label>
      )}
      {form.kind === 'attach' && filesField}
      <div className="actions">
        <button className="primary" disabled={busy || (form.kind === 'attach' && !files.length)}>
          {busy ? '正在保存…' : '确定'}
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

export type { Form as SupervisionForm };
