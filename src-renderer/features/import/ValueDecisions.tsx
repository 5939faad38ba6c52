import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ImportDryRun, ValueDecision } from '../../../src-shared/schemas/import';
import { ACTION_LABELS, useValueTargets, type ChoiceValue } from './value-targets';

type Group = ImportDryRun['values'][number];

const keyOf = (g: { field: string; value: string }) => `${g.field}\u0000${g.value}`;

function currentChoice(group: Group): ChoiceValue | undefined {
  const d = group.decision;
  if (!d) return undefined;
  return d.action === 'map' ? `map:${d.target ?? ''}` : d.action;
}

function toDecision(group: Group, choice: ChoiceValue): ValueDecision {
  if (choice === 'new' || choice === 'empty') return { field: group.field, value: group.value, action: choice };
  return { field: group.field, value: group.value, action: 'map', target: choice.slice(4) };
}

/**
 * 逐个值选择: the values of fixed-list columns that name no entry, one line per distinct value with its row count
 * (“示例平台甲 · 150 行”). The clerk chooses once per value: an entry (suggestions first), a new county platform,
 * or empty where the field is optional; then the file is checked again with the choices. Nothing is written yet.
 */
export function ValueDecisions({ result, disabled, onApply }: { result: ImportDryRun; disabled: boolean; onApply: (decisions: ValueDecision[]) => void }) {
  const targets = useValueTargets();
  const [pending, setPending] = useState<Record<string, ChoiceValue>>({});
  const groups = result.values;
  const undecided = groups.filter((g) => g.decision === null);
  const changed = Object.keys(pending).length;
  const undecidedRows = useMemo(() => undecided.reduce((n, g) => n + g.rows, 0), [undecided]);
  if (groups.length === 0) return null;

  const optionsFor = (group: Group) => {
    const suggested = new Set(group.suggestions.map((s) => s.target));
    const own = [
      ...(group.allowed.includes('new') ? [{ value: 'new', label: ACTION_LABELS.new }] : []),
      ...(group.allowed.includes('empty') ? [{ value: 'empty', label: ACTION_LABELS.empty }] : []),
    ];
    return [
      ...(group.suggestions.length > 0
        ? [{ label: '建议', title: '建议', options: group.suggestions.map((s) => ({ value: `map:${s.target}`, label: `${s.name}（${s.why}）` })) }]
        : []),
      ...(own.length > 0 ? [{ label: '其他处理', title: '其他处理', options: own }] : []),
      { label: `全部${group.label}`, title: `全部${group.label}`, options: targets[group.field].filter((t) => !suggested.has(t.value)).map((t) => ({ value: `map:${t.value}`, label: t.label })) },
    ];
  };
  const acceptSuggestions = () => {
    const next = { ...pending };
    for (const g of undecided) if (g.suggestions[0] && !(keyOf(g) in next)) next[keyOf(g)] = `map:${g.suggestions[0].target}`;
    setPending(next);
  };
  const apply = () => {
    const decisions = groups.flatMap((g) => (pending[keyOf(g)] ? [toDecision(g, pending[keyOf(g)]!)] : []));
    setPending({});
    onApply(decisions);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} aria-label="逐个值选择">
      <Typography.Title level={5} style={{ margin: 0 }}>
        逐个值选择（每个值只选一次，所有写着它的行都照此处理）
      </Typography.Title>
      {undecided.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`还有 ${undecided.length} 个值没有选择，涉及 ${undecidedRows} 行`}
          description="请为每个值选择对应的条目、新增为本县平台或留空，然后点击“按选择重新检查”。选择会记住，下次导入本县的文件时自动采用（可在下方“已记住的值对应”中修改）。"
        />
      ) : (
        <Alert type="success" showIcon title="所有的值都已选择" />
      )}
      <Table<Group>
        size="small"
        rowKey={keyOf}
        pagination={groups.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={groups}
        columns={[
          { title: '列', dataIndex: 'label', width: 100 },
          {
            title: '文件中的值',
            key: 'value',
            render: (_, g) => (
              <span>
                {g.value} · {g.rows} 行
              </span>
            ),
          },
          {
            title: '处理方式',
            key: 'choice',
            width: 360,
            render: (_, g) => (
              <Select<ChoiceValue>
                aria-label={`“${g.value}”的处理方式`}
                style={{ width: 340 }}
                disabled={disabled}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择"
                value={pending[keyOf(g)] ?? currentChoice(g)}
                options={optionsFor(g)}
                onChange={(value) => setPending({ ...pending, [keyOf(g)]: value })}
              />
            ),
          },
          {
            title: '状态',
            key: 'state',
            width: 90,
            render: (_, g) =>
              keyOf(g) in pending ? <Tag color="blue">待检查</Tag> : g.decision === null ? <Tag color="orange">未选择</Tag> : g.decision.remembered ? <Tag>已记住</Tag> : <Tag color="green">已选择</Tag>,
          },
        ]}
      />
      <Space wrap>
        <Button icon={<CheckOutlined />} disabled={disabled || undecided.every((g) => g.suggestions.length === 0)} onClick={acceptSuggestions}>
          未选择的都用第一条建议
        </Button>
        <Button type="primary" icon={<ReloadOutlined />} disabled={disabled || changed === 0} onClick={apply}>
          按选择重新检查{changed > 0 ? `（${changed} 个值）` : ''}
        </Button>
      </Space>
    </Space>
  );
}
