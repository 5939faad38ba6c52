import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, COUNTY_AUDIT_ACTION_LABELS, COUNTY_AUDIT_ACTIONS, auditActionLabel, type AuditFilter, type AuditRow } from '../../../src-shared/audit-api';
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

const ACTION_OPTIONS = [
  { label: '省市操作', options: AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] })) },
  { label: '县级电脑的操作', options: COUNTY_AUDIT_ACTIONS.map((a) => ({ value: a, label: COUNTY_AUDIT_ACTION_LABELS[a] })) },
];

const SOURCE_OPTIONS = [
  { value: 'staff', label: '省市账号' },
  { value: 'county', label: '县级电脑' },
];

/** A county row's device: the chain is `county:<device id>`; the first 8 characters tell PCs of one county apart. */
function deviceOf(chain: string): string | null {
  return chain.startsWith('county:') ? chain.slice('county:'.length, 'county:'.length + 8) : null;
}

/** The first bad row a 链条断裂 row names in its detail (src-server/audit/county-audit-receive.ts). */
function firstBadRow(detail: string): number | null {
  try {
    const seq = (JSON.parse(detail) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : null;
  } catch {
    return null;
  }
}

/** 对象: a county row names its record; a 链条断裂 row names the county PC whose chain broke. */
function targetCell(r: AuditRow) {
  const brokenDevice = r.action === 'audit.chain_broken' && r.target ? deviceOf(r.target) : null;
  if (brokenDevice) {
    const seq = firstBadRow(r.detail);
    return <Tag color="error">县级电脑 {brokenDevice} 的操作记录链条断裂{seq !== null && `（自第 ${seq} 条起）`}</Tag>;
  }
  const device = deviceOf(r.chain);
  return device ? <>{r.target}<Typography.Text type="secondary">（电脑 {device}）</Typography.Text></> : r.target;
}

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
    { title: '操作人', key: 'actor', width: 150, render: (_v, r) => <>{r.actor ?? '—'}{(r.actorRole || r.actorKind === 'county') && <Typography.Text type="secondary">（{r.actorKind === 'county' ? '县级' : ROLE_LABELS[r.actorRole!] ?? r.actorRole}）</Typography.Text>}</> },
    { title: '操作', dataIndex: 'action', key: 'action', width: 150, render: (_v, r) => auditActionLabel(r.action, r.actorKind) },
    { title: '结果', dataIndex: 'outcome', key: 'outcome', width: 110, render: (v: string) => (v === 'ok' ? <Tag color="success">成功</Tag> : <Tag color="error">{v === 'CHAIN_BROKEN' ? '链条断裂' : v}</Tag>) },
    { title: '涉及单位', dataIndex: 'countyCode', key: 'county', width: 150, render: (v: string | null) => (v ? unitChoices.find((o) => o.value === v)?.label ?? v : '') },
    { title: '对象', dataIndex: 'target', key: 'target', ellipsis: true, render: (_v, r) => targetCell(r) },
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
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作"
          style={{ minWidth: 160 }}
          options={ACTION_OPTIONS}
          value={filter.action}
          onChange={(v: AuditFilter['action']) => change({ action: v })}
        />
        <Select aria-label="来源" allowClear placeholder="全部来源" style={{ minWidth: 130 }} options={SOURCE_OPTIONS} value={filter.source} onChange={(v: AuditFilter['source']) => change({ source: v })} />
        <DatePicker.RangePicker
          aria-label="日期"
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={!audit.data}>
          导出 Excel（.xlsx）
        </Button>
      </Flex>
      <Typography.Text type="secondary">每条记录都带有上一条的哈希（防篡改链），省市账号的操作和各县电脑同步上来的操作各成一条链，保存不少于 180 天；县级链条断裂会记为“链条断裂”；运维可用 server-admin audit verify 校验。</Typography.Text>
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
