import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, type AuditFilter, type AuditRow } from '../../../src-shared/audit-api';
import { unitsOfProvince } from '../../../src-shared/domain/units';
import { sessionStore } from '../api/session';
import { staffDownload } from '../api/staff-client';
import { staffMessageOf } from '../api/staff-error';
import { useAudit } from '../api/use-staff';
import { formatTime } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { formatCount } from '../../../src-shared/format/numbers';

/** The cities and counties of the server's province, a county named with its city (道里区 exists in more than one). */
function unitOptions(provinceCode: string): Array<{ value: string; label: string }> {
  const units = unitsOfProvince(provinceCode);
  return units
    .filter((u) => u.level !== 'province')
    .map((u) => {
      const city = u.level === 'county' ? (units.find((c) => c.code === u.parentCode && c.level === 'city')?.name ?? '') : '';
      return { value: u.code, label: u.level === 'city' ? `${u.name}（全市）` : `${city}${u.name}` };
    });
}

const ROLE_LABELS: Record<string, string> = { province: '省级', city: '地市' };

/** 操作日志 (province accounts): who did what, when, from where, with what outcome; filtered; .xlsx. */
export function AuditPage() {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [operator, setOperator] = useState('');
  const [exporting, setExporting] = useState(false);
  const audit = useAudit(filter);
  const [unitChoices] = useState(() => unitOptions(sessionStore.user()?.provinceCode ?? ''));
  const change = (next: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...next, page: next.page ?? 1 }));
  const query = Object.fromEntries(Object.entries({ ...filter, page: undefined }).filter(([, v]) => v !== undefined && v !== '')) as AuditFilter;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      void message.success(`已下载 ${await staffDownload('audit.xlsx', { query }, '操作日志.xlsx')}`);
    } catch (error) {
      void message.error(staffMessageOf(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<AuditRow> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => <span className="tabular">{formatTime(v)}</span> },
    { title: '操作人', key: 'actor', width: 150, render: (_v, r) => <>{r.actor ?? '—'}{r.actorRole && <Typography.Text type="secondary">（{ROLE_LABELS[r.actorRole] ?? r.actorRole}）</Typography.Text>}</> },
    { title: '操作', dataIndex: 'action', key: 'action', width: 130, render: (v: string) => (AUDIT_ACTION_LABELS as Record<string, string>)[v] ?? v },
    { title: '结果', dataIndex: 'outcome', key: 'outcome', width: 110, render: (v: string) => (v === 'ok' ? <Tag color="success">成功</Tag> : <Tag color="error">{v}</Tag>) },
    { title: '涉及单位', dataIndex: 'countyCode', key: 'county', width: 150, render: (v: string | null) => (v ? unitChoices.find((o) => o.value === v)?.label ?? v : '') },
    { title: '对象', dataIndex: 'target', key: 'target', ellipsis: true },
    { title: '来源地址', dataIndex: 'address', key: 'address', width: 140 },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Select
          aria-label="单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部单位"
          style={{ minWidth: 220 }}
          options={unitChoices}
          value={filter.county}
          onChange={(v: string | undefined) => change({ county: v })}
        />
        <Input.Search aria-label="操作人" placeholder="操作人（用户名）" allowClear style={{ width: 200 }} value={operator} onChange={(e) => setOperator(e.target.value)} onSearch={(v) => change({ operator: v.trim() || undefined })} />
        <Select
          aria-label="操作类型"
          allowClear
          placeholder="全部操作"
          style={{ minWidth: 160 }}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }))}
          value={filter.action}
          onChange={(v: AuditAction | undefined) => change({ action: v })}
        />
        <DatePicker.RangePicker
          aria-label="日期"
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={!audit.data}>
          导出 Excel（.xlsx）
        </Button>
      </Flex>
      <Typography.Text type="secondary">每条记录都带有上一条的哈希（防篡改链），保存不少于 180 天；运维可用 server-admin audit verify 校验。</Typography.Text>
      {audit.isError ? (
        <StaffLoadFailed error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={audit.data?.rows ?? []}
          loading={audit.isLoading}
          pagination={{ current: audit.data?.page ?? filter.page ?? 1, pageSize: audit.data?.pageSize ?? 50, total: audit.data?.total ?? 0, showSizeChanger: false, onChange: (page) => change({ page }), showTotal: (n) => `共 ${formatCount(n)} 条` }}
          locale={{ emptyText: '没有符合条件的记录' }}
          aria-label="操作日志"
        />
      )}
    </Flex>
  );
}
