/**
 * The application menu, in Chinese. Role items keep the standard shortcuts (Ctrl+C/V/Z...)
 * working in every input, which clerks rely on when copying from spreadsheets. Electron's
 * role labels are English, so every label is set explicitly.
 */
import { app, dialog, Menu } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  /** Development builds only: adds the DevTools toggle. */
  devTools: boolean;
  onAbout: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const viewItems: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (options.devTools) viewItems.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
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
    { label: '视图', submenu: viewItems },
    { label: '帮助', submenu: [{ label: `关于${options.appName}`, click: options.onAbout }] },
  ];
}

function showAbout(getWindow: () => BrowserWindow | null): void {
  const options = {
    type: 'info' as const,
    title: '关于',
    message: app.getName(),
    detail: `版本 ${app.getVersion()}`,
    buttons: ['确定'],
  };
  const window = getWindow();
  void (window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options));
}

export function installAppMenu(getWindow: () => BrowserWindow | null): void {
  const template = buildMenuTemplate({
    appName: app.getName(),
    devTools: !app.isPackaged,
    onAbout: () => showAbout(getWindow),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
