// Chinese menus. Items that open a screen ask the renderer to navigate (it owns routing).
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  navigate(route: string): void;
  openDataFolder(): void;
  about(): void;
}

export function menuTemplate(
  win: () => BrowserWindow | null,
  a: MenuActions,
  isMac = process.platform === 'darwin',
): MenuItemConstructorOptions[] {
  const go = (route: string, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => a.navigate(route),
  });
  return [
    {
      label: '文件',
      submenu: [
        go('import', '导入方案…', 'CmdOrCtrl+O'),
        go('submissions', '导入县区报送表…'),
        { type: 'separator' },
        go('bulletin', '导出进展通报…', 'CmdOrCtrl+E'),
        go('settings', '备份与恢复…'),
        { label: '打开台账所在文件夹', click: () => a.openDataFolder() },
        { type: 'separator' },
        { label: isMac ? '退出台账工作台' : '退出', role: 'quit', accelerator: isMac ? 'Cmd+Q' : 'Alt+F4' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '查看',
      submenu: [
        go('overview', '总览', 'CmdOrCtrl+1'),
        go('import', '导入方案', 'CmdOrCtrl+2'),
        go('ledger', '任务台账', 'CmdOrCtrl+3'),
        go('submissions', '县区报送', 'CmdOrCtrl+4'),
        go('bulletin', '进展通报', 'CmdOrCtrl+5'),
        go('settings', '设置', 'CmdOrCtrl+6'),
        { type: 'separator' },
        { label: '重新载入', role: 'reload' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '全屏', role: 'togglefullscreen' },
        { type: 'separator' },
        { label: '开发者工具', role: 'toggleDevTools' },
      ],
    },
    {
      label: '窗口',
      submenu: [
        { label: '最小化', role: 'minimize' },
        { label: '关闭窗口', role: 'close' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于台账工作台',
          click: () => {
            if (win()) a.about();
          },
        },
      ],
    },
  ];
}
