import { Alert, App, Button, Flex, Popconfirm, Spin, Table, Tag, Typography } from 'antd';
import { describeRule, RULE_KIND_LABELS, SEVERITY_LABELS } from '../../../src-shared/domain/check-rules';
import type { CheckRuleRow } from '../../../src-shared/staff-api';
import { staffMessageOf } from '../api/staff-error';
import { useCheckRules, useDisableRule } from '../api/use-staff';
import { formatTime } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { NewRuleForm } from './NewRuleForm';

/**
 * 检查规则 (province only): the rules every county runs before 上报, the built-in R001-R003 and the province's own,
 * each 强制 (blocks 上报) or 提示 (上报 with a 上报说明). A new rule reaches the counties on their next sync, with the
 * period calendar; a rule is disabled, never edited or deleted, so the reports it checked can still be judged by it.
 */
export function RulesPage() {
  const { message } = App.useApp();
  const rules = useCheckRules();
  const disable = useDisableRule();
  if (rules.isError) return <StaffLoadFailed error={rules.error} onRetry={() => void rules.refetch()} />;
  if (!rules.data) return <Spin />;
  const stop = (id: string) =>
    disable.mutate(id, {
      onSuccess: () => void message.success(`已停用规则 ${id}，各县下次同步后不再检查`),
      onError: (error) => void message.error(staffMessageOf(error)),
    });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4}>检查规则</Typography.Title>
      <Alert type="info" showIcon title="各县上报调度表前按这些规则检查：强制规则未通过不能上报；提示规则未通过时需填写上报说明，审核人在数字旁看到。新增或停用的规则随调度日历在各县下次同步时生效。" />
      <Table<CheckRuleRow>
        rowKey={(r) => r.rule.id}
        size="small"
        pagination={false}
        aria-label="检查规则"
        dataSource={rules.data.rules}
        columns={[
          { title: '编号', key: 'id', width: 240, render: (_v, r) => <Typography.Text code>{r.rule.id}</Typography.Text> },
          { title: '类型', key: 'kind', width: 180, render: (_v, r) => RULE_KIND_LABELS[r.rule.kind] },
          { title: '规则', key: 'text', render: (_v, r) => describeRule(r.rule) },
          { title: '严重程度', key: 'severity', width: 90, render: (_v, r) => <Tag color={r.rule.severity === 'mandatory' ? 'red' : 'orange'}>{SEVERITY_LABELS[r.rule.severity]}</Tag> },
          {
            title: '状态',
            key: 'state',
            width: 200,
            render: (_v, r) =>
              r.builtIn ? '内置' : r.enabled ? `${r.createdBy ?? ''} 于 ${formatTime(r.createdAt ?? '')} 添加` : <Typography.Text type="secondary">已于 {formatTime(r.disabledAt ?? '')} 停用</Typography.Text>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v, r) =>
              !r.builtIn &&
              r.enabled && (
                <Popconfirm title={`停用规则 ${r.rule.id}？`} okText="停用" cancelText="取消" onConfirm={() => stop(r.rule.id)}>
                  <Button size="small" danger>
                    停用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <NewRuleForm />
    </Flex>
  );
}
