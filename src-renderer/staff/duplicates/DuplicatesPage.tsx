import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { DuplicateCase, StaffUser } from '../../../src-shared/staff-api';
import { staffDownload } from '../api/staff-client';
import { staffMessageOf } from '../api/staff-error';
import { useDuplicates, useMarkDuplicateReviewed } from '../api/use-staff';
import { CitySelect } from '../shared/CitySelect';
import { formatTime } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { RevealIdNumber } from './RevealIdNumber';

/**
 * 跨县重复登记: ID numbers registered in more than one county (a double subsidy claim, or a person who
 * moved), masked, with every county involved and its dates; export to .xlsx (masked). 显示完整号码 asks the
 * server for one full number, which it records in the 操作日志.
 */
export function DuplicatesPage({ user }: { user: StaffUser }) {
  const { message } = App.useApp();
  const [city, setCity] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const scopeCity = user.role === 'province' ? city : null;
  const duplicates = useDuplicates(scopeCity);
  const markReviewed = useMarkDuplicateReviewed();

  const review = (caseKey: string) =>
    markReviewed.mutate(caseKey, {
      onSuccess: () => void message.success('已标记为已核查，相关县（区）同步后会收到对方县（区）的名称'),
      onError: (error) => void message.error(staffMessageOf(error)),
    });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      void message.success(`已下载 ${await staffDownload('duplicates.xlsx', { query: { city: scopeCity ?? undefined } }, '跨县重复登记.xlsx')}`);
    } catch (error) {
      void message.error(staffMessageOf(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<DuplicateCase> = [
    { title: '序号', key: 'index', width: 70, render: (_v, _c, index) => index + 1 },
    { title: '身份证号（已隐去部分）', key: 'id', width: 260, render: (_v, c) => <RevealIdNumber masked={c.maskedIdNumber} traineeId={c.revealId} /> },
    { title: '登记县数', key: 'count', width: 90, render: (_v, c) => new Set(c.registrations.map((r) => r.countyCode)).size },
    {
      title: '登记单位与日期',
      key: 'registrations',
      render: (_v, c) => (
        <Flex vertical gap={2}>
          {c.registrations.map((r) => (
            <span key={`${r.countyCode}-${r.registeredAt}-${r.syncedAt}`}>
              {r.countyName}：{r.registeredAt} 登记
              <Typography.Text type="secondary">（{formatTime(r.syncedAt)} 同步到省）</Typography.Text>
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: '省里核查',
      key: 'reviewed',
      width: 170,
      // Until the province marks a case, the counties are told only "registered in another county".
      render: (_v, c) =>
        c.reviewedAt ? (
          <Typography.Text type="success">已核查（{formatTime(c.reviewedAt)}）</Typography.Text>
        ) : user.role === 'province' ? (
          <Button size="small" loading={markReviewed.isPending && markReviewed.variables === c.caseKey} onClick={() => review(c.caseKey)}>
            标记已核查
          </Button>
        ) : (
          <Typography.Text type="secondary">待省里核查</Typography.Text>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        {user.role === 'province' && <CitySelect value={city} onChange={setCity} />}
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={!duplicates.data}>
          导出 Excel（.xlsx）
        </Button>
        {duplicates.data && <Typography.Text type="secondary">共 {duplicates.data.cases.length} 个身份证号在多个县登记</Typography.Text>}
      </Flex>
      <Alert
        type="info"
        showIcon
        title="同一身份证号在两个以上县登记，可能是重复申领补贴，也可能是人员流动。请联系相关县核实。"
        description={
          user.role === 'city'
            ? '这里列出涉及本市所辖县的全部情况，并列出涉及的其他县以便联系。省里核查前，县里只知道号码已在外县登记。'
            : '省里核查前，县里只收到“已在其他县（区）登记”的提醒；标记“已核查”后，相关县（区）会收到对方县（区）的名称。'
        }
      />
      {duplicates.isError ? (
        <StaffLoadFailed error={duplicates.error} onRetry={() => void duplicates.refetch()} />
      ) : (
        <Table
          // Masked numbers may coincide for two people: the position is the key.
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={(duplicates.data?.cases ?? []).map((c, index) => ({ ...c, key: index }))}
          loading={duplicates.isLoading}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          locale={{ emptyText: '没有跨县重复登记' }}
          aria-label="跨县重复登记"
        />
      )}
    </Flex>
  );
}
