import os from 'node:os';
import path from 'node:path';

/** The per-user application data folder, as Electron's app.getPath('userData') would give. */
export function userDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'taizhang');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'taizhang');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'taizhang');
}

export function defaultDbPath(): string {
  return path.join(userDataDir(), 'ledger.sqlite');
}
