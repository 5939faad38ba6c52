import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { TablePreviewModal } from '../../features/periods/TablePreviewModal';
import { staffDownload } from '../api/staff-client';
import { staffMessageOf } from '../api/staff-error';
import { useRollup, useRollupHtml } from '../api/use-staff';
import { CitySelect } from '../shared/CitySelect';
import type { PeriodPageProps } from '../shared/period-props';
import { PeriodSelect } from '../shared/PeriodSelect';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { AttachedPage } from './AttachedPage';
import { RollupTable } from './RollupTable';

/**
 * 汇总调度表: a city's table (one row per county) or the province's (one row per city), as the counties
 * submitted it, with where a submitted figure differs from the county's synced records; print preview,
 * PDF and .xlsx of the official layout.
 */
export function RollupPage({ user, periods, period, onPeriodChange }: PeriodPageProps) {
  const { message } = App.useApp();
  const [city, setCity] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [downloading, setDownloading] = useState<'pdf' | 'xlsx' | null>(null);
  const scopeCity = user.role === 'province' ? city : null;
  const rollup = useRollup(period, scopeCity);
  const html = useRollupHtml(period, scopeCity, previewing);

  const download = async (format: 'pdf' | 'xlsx') => {
    setDownloading(format);
    try {
      const name = await staffDownload(format === 'pdf' ? 'rollup.pdf' : 'rollup.xlsx', { query: { period, city: scopeCity ?? undefined } }, `调度表-${period}.${format}`);
      void message.success(`已下载 ${name}`);
    } catch (error) {
      void message.error(staffMessageOf(error));
    } finally {
      setDownloading(null);
    }
  };

  const data = rollup.data;
  const differing = data ? data.rows.filter((r) => r.differs.length > 0) : [];
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <PeriodSelect periods={periods} value={period} onChange={onPeriodChange} />
        {user.role === 'province' && <CitySelect value={city} onChange={setCity} allLabel="全省（按地市汇总）" />}
        <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)} disabled={!data}>
          打印预览
        </Button>
        <Button icon={<DownloadOutlined />} loading={downloading === 'pdf'} disabled={!data} onClick={() => void download('pdf')}>
          下载 PDF
        </Button>
        <Button icon={<DownloadOutlined />} loading={downloading === 'xlsx'} disabled={!data} onClick={() => void download('xlsx')}>
          下载 Excel（.xlsx）
        </Button>
      </Flex>
      {rollup.isError && <StaffLoadFailed error={rollup.error} onRetry={() => void rollup.refetch()} />}
      {rollup.isLoading && <Spin />}
      {data && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {data.unitName}线上培训行动实施情况双周调度表（截至 {data.cutoffDate}）
          </Typography.Title>
          <Typography.Text type="secondary">按各县已上报（含已审核通过）的调度表汇总；未报送和已退回的县计为 0。</Typography.Text>
          {differing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`${differing.length} 个${data.level === 'city' ? '县' : '地市'}的上报数与其已同步的记录计算数不一致（黄色标出），请核对调整原因。`}
              description={differing.map((r) => r.unitName).join('、')}
            />
          )}
          <RollupTable rollup={data} />
          <AttachedPage page={data.table.attachedPage} />
        </>
      )}
      {previewing && (
        <TablePreviewModal open html={html.data?.html} error={html.isError ? staffMessageOf(html.error) : null} onClose={() => setPreviewing(false)} />
      )}
    </Flex>
  );
}
