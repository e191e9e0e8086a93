import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppInfo, ProgressEvent, Problem } from '../../electron/api/contract';
import { api, ApiFailure, platform } from './platform';
import { AppContext, type AppCtx, type Notice } from './app-context';
import { placeAfter } from '../../electron/core/common/place.std';
import { cnPeriod } from '../../electron/core/common/dates.std';
import { ImportScreen } from './screens/Import';
import { LedgerScreen } from './screens/Ledger';
import { SubmissionsScreen } from './screens/Submissions';
import { BulletinScreen } from './screens/Bulletin';
import { OverviewScreen } from './screens/Overview';
import { SettingsScreen } from './screens/Settings';

const SCREENS: { route: string; label: string; icon: string; render: (q: URLSearchParams) => ReactNode }[] = [
  { route: 'overview', label: '总览', icon: '◧', render: () => <OverviewScreen /> },
  { route: 'import', label: '导入方案', icon: '⇪', render: () => <ImportScreen /> },
  {
    route: 'ledger',
    label: '任务台账',
    icon: '☰',
    render: (q) => <LedgerScreen initialTask={q.get('task') ? Number(q.get('task')) : null} />,
  },
  { route: 'submissions', label: '县区报送', icon: '⇄', render: () => <SubmissionsScreen /> },
  { route: 'bulletin', label: '进展通报', icon: '✎', render: () => <BulletinScreen /> },
  { route: 'settings', label: '设置', icon: '⚙', render: () => <SettingsScreen /> },
];

/** Long work the clerk may stop (reading a scan page by page): the service cancels by job id. */
const CANCELLABLE = new Set<string>(['plan.parse']);

/** How often the app asks whether another program changed the ledger (a CLI import shows within this). */
const EXTERNAL_CHANGE_POLL_MS = 2000;

function readHash(): { route: string; query: URLSearchParams } {
  const h = location.hash.replace(/^#\/?/, '');
  const [route, qs] = h.split('?');
  return {
    route: SCREENS.some((s) => s.route === route) ? route! : '',
    query: new URLSearchParams(qs ?? ''),
  };
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [hash, setHash] = useState(readHash);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [version, setVersion] = useState(0);
  const noticeId = useRef(0);

  useEffect(() => {
    const on = () => setHash(readHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);

  const refreshInfo = useCallback(async () => {
    try {
      setInfo(await api['app.info']({}));
    } catch (e) {
      fail(e);
    }
  }, []);

  const notify = useCallback((kind: Notice['kind'], text: string, problems?: Problem[]) => {
    const id = ++noticeId.current;
    setNotices((n) => [...n.slice(-3), { id, kind, text, problems }]);
    if (kind !== 'error') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 6000);
  }, []);

  const fail = useCallback(
    (e: unknown) => {
      // the clerk's own 取消 is no failure
      if (e instanceof ApiFailure && e.error.code === 'CANCELLED') notify('info', e.error.message);
      else if (e instanceof ApiFailure) notify('error', e.error.message, e.error.problems);
      else notify('error', `出错了：${e instanceof Error ? e.message : String(e)}`);
    },
    [notify],
  );

  useEffect(() => {
    void refreshInfo();
    // the Electron menu's 查看 items
    const offNav = window.taizhang?.onNavigate((r) => {
      location.hash = `#/${String(r)}`;
    });
    // keep the progress stream open so long work can report from its first event
    const offProgress = platform.onProgress(() => {});
    return () => {
      offNav?.();
      offProgress();
    };
  }, [refreshInfo]);

  // another program (the CLI, a second window) writing the ledger: reload the screens. The
  // check is one PRAGMA in the service; while the window is hidden it waits for the next tick.
  useEffect(() => {
    let last: number | null = null;
    let busy = false;
    const tick = async () => {
      if (busy || document.visibilityState === 'hidden') return;
      busy = true;
      try {
        const { external } = await api['app.changes']({});
        if (last !== null && external !== last) {
          setVersion((v) => v + 1);
          void refreshInfo();
          notify('info', '台账已被其他窗口或程序更新，页面已刷新。');
        }
        last = external;
      } catch {
        /* the service is restarting (a restore): the next tick asks again */
      } finally {
        busy = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), EXTERNAL_CHANGE_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshInfo, notify]);

  const ctx: AppCtx = useMemo(
    () => ({
      info,
      refreshInfo,
      notify,
      fail,
      progress,
      setProgress,
      version,
      go: (route) => {
        location.hash = `#/${route}`;
      },
      changed: () => {
        setVersion((v) => v + 1);
        void refreshInfo();
      },
    }),
    [info, refreshInfo, notify, fail, progress, version],
  );

  // first start with an empty ledger: open 导入方案; otherwise 总览
  const route = hash.route || (info ? (info.tasks === 0 ? 'import' : 'overview') : '');
  const screen = SCREENS.find((s) => s.route === route);

  return (
    <AppContext.Provider value={ctx}>
      <div className="shell">
        <nav className="nav" aria-label="主导航">
          <div className="brand">
            台账工作台<small>{info?.city || '生态环境攻坚办'}</small>
          </div>
          {SCREENS.map((s) => (
            <a
              key={s.route}
              href={`#/${s.route}`}
              className={s.route === route ? 'active' : ''}
              aria-current={s.route === route ? 'page' : undefined}
            >
              <span className="ico" aria-hidden>
                {s.icon}
              </span>
              {s.label}
            </a>
          ))}
          <div className="nav-foot">
            {info && (
              <>
                <div>
                  {info.plans} 个方案 · {info.tasks} 项任务
                </div>
                <div>当前报送期：{cnPeriod(info.period)}</div>
                <div title={info.dbPath}>
                  {info.shell === 'browser' ? '浏览器模式' : '桌面版'} {info.version}
                </div>
              </>
            )}
          </div>
        </nav>
        <main className="main" data-screen={route}>
          {screen ? screen.render(hash.query) : <div className="boot">正在读取台账…</div>}
        </main>
        {progress && (
          <div className="progress-float" role="status" aria-live="polite">
            <div>{progress.message}</div>
            <div className="bar">
              <i style={{ width: `${Math.round((progress.done / Math.max(progress.total, 1)) * 100)}%` }} />
            </div>
            {progress.job && CANCELLABLE.has(progress.op) && (
              <button
                className="cancel"
                data-testid="cancel-job"
                onClick={() => void api['job.cancel']({ job: progress.job }).catch(fail)}
              >
                取消
              </button>
            )}
          </div>
        )}
        <div className="notices" aria-live="assertive">
          {notices.map((n) => (
            <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
              <button
                className="close"
                onClick={() => setNotices((x) => x.filter((y) => y.id !== n.id))}
                aria-label="关闭"
              >
                ×
              </button>
              <div>{n.text}</div>
              {n.problems && n.problems.length > 0 && (
                <ul>
                  {n.problems.slice(0, 8).map((p, i) => (
                    <li key={i}>
                      {p.message}
                      {placeAfter(p)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      </div>
    </AppContext.Provider>
  );
}
