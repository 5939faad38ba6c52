import { Result, Typography } from 'antd';

/**
 * Shown when the page was opened without the access code the local program prints on start, or
 * with the code of an earlier run (each start of the program issues a new one).
 */
export function MissingToken({ expired = false }: { expired?: boolean }) {
  return (
    <Result
      status="warning"
      title={expired ? '访问码已失效，请重新打开本页面' : '请通过程序给出的地址打开本页面'}
      subTitle={
        <Typography.Paragraph style={{ maxWidth: 560, margin: '0 auto' }}>
          {expired && '程序可能已经重新启动，每次启动都会换一个新的访问码。'}
          为保护学员信息，本页面只能通过“技能培训调度填报”程序启动时显示的地址打开（地址以 http://127.0.0.1 开头，带有
          token=… 访问码）。请回到程序窗口，复制它显示的完整地址，粘贴到浏览器地址栏中打开。
        </Typography.Paragraph>
      }
    />
  );
}
