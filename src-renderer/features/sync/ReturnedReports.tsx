import { Alert, Space } from 'antd';
import { decisionLine, ReviewNotice } from '../periods/ReviewNotice';
import { useDispatchList } from '../periods/use-dispatch';

/**
 * 数据同步 also says which dispatch reports came back returned, who returned them (level and name), when and why:
 * the clerk who just synced sees it without opening 双周调度.
 */
export function ReturnedReports() {
  const list = useDispatchList();
  const returned = (list.data?.periods ?? []).filter((p) => p.status === 'returned');
  if (returned.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="returned-reports">
      {returned.map((p) => (
        <ReviewNotice key={p.period.id} report={p} title={`第 ${p.period.seq} 期调度表被退回：${decisionLine(p, '退回')}`} />
      ))}
      <Alert type="info" showIcon title="请到“双周调度”打开被退回的期次，修改后重新上报。" />
    </Space>
  );
}
