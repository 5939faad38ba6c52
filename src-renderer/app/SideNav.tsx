import { Layout, Menu } from 'antd';
import type { ReactNode } from 'react';

/**
 * The left-hand menu of screens, shared by the desktop window and the staff web UI. Below 1200 px (an older
 * 1024×768 screen) it folds to its icons, each named in a tooltip, to leave the page the width it needs
 * (docs/ui-guidelines.md).
 */
export function SideNav<K extends string>({ routes, current, icons, onNavigate }: { routes: ReadonlyArray<{ key: K; label: string }>; current: K; icons: Record<K, ReactNode>; onNavigate: (key: string) => void }) {
  return (
    <Layout.Sider width={168} breakpoint="xl" collapsedWidth={56} trigger={null} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
      <nav aria-label="主菜单">
        <Menu
          mode="inline"
          selectedKeys={[current]}
          items={routes.map((r) => ({ key: r.key, label: r.label, icon: icons[r.key] }))}
          onClick={({ key }) => onNavigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </nav>
    </Layout.Sider>
  );
}
