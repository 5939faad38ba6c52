import { Result, Typography } from 'antd';

/** Shown when the page was opened without the access code the local program prints on start. */
export function MissingToken() {
  return (
    <Result
      status="warning"
      title="请通过程序给出的地址打开本页面"
      subTitle={
        <Typography.Paragraph style={{ maxWidth: 560, margin: '0 auto' }}>
          为保护学员信息，本页面只能通过“技能培训调度填报”程序启动时显示的地址打开（地址以 http://127.0.0.1 开头，带有
          token=… 访问码）。请回到程序窗口，复制它显示的完整地址，粘贴到浏览器地址栏中打开。
        </Typography.Paragraph>
      }
    />
  );
}
