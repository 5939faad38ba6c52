import type { ThemeConfig } from 'antd';

/** A calm government-office look: the default theme with a sober blue and slightly tighter corners. */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#1f5fa8', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
  },
};
