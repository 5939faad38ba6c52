import { App, Button, Card, Empty, Popconfirm, Select, Table } from 'antd';
import type { ValueChoice } from '../../../src-shared/schemas/import';
import { errorText } from './error-text';
import { useForgetValueChoice, useSetValueChoice, useValueChoices } from './use-value-choices';
import { ACTION_LABELS, useValueTargets, type ChoiceValue } from './value-targets';

/**
 * 已记住的值对应: what the county decided in earlier imports for values that named no entry (学习强国 -> “学习强国”技能频道).
 * A changed choice applies from the next check of a file on; a forgotten one is asked again.
 */
export function RememberedChoices() {
  const choices = useValueChoices();
  const targets = useValueTargets();
  const change = useSetValueChoice();
  const forget = useForgetValueChoice();
  const { message } = App.useApp();
  const onError = (error: unknown) => void message.error(errorText(error));
  const rows = choices.data ?? [];
  return (
    <Card size="small" title="已记住的值对应（导入时自动采用）">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有记住的选择：导入时为不在目录中的值做的选择会记在这里" />
      ) : (
        <Table<ValueChoice>
          size="small"
          rowKey={(c) => `${c.field}\u0000${c.value}`}
          loading={choices.isLoading}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          dataSource={rows}
          columns={[
            { title: '列', dataIndex: 'label', width: 100 },
            { title: '文件中的值', dataIndex: 'value' },
            {
              title: '对应到',
              key: 'target',
              width: 360,
              render: (_, c) => (
                <Select<ChoiceValue>
                  aria-label={`“${c.value}”记住的对应`}
                  style={{ width: 340 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  status={c.action === 'map' && c.targetName === null ? 'warning' : undefined}
                  placeholder={c.action === 'map' && c.targetName === null ? '原条目已不在目录中，请重新选择' : undefined}
                  value={c.action === 'empty' ? 'empty' : c.targetName === null ? undefined : (`map:${c.target ?? ''}` as ChoiceValue)}
                  options={[
                    ...(c.field === 'platform' || c.field === 'categories' || c.field === 'occupation' || c.field === 'ruralHukou' ? [{ value: 'empty', label: ACTION_LABELS.empty }] : []),
                    ...targets[c.field].map((t) => ({ value: `map:${t.value}`, label: t.label })),
                  ]}
                  onChange={(value) =>
                    change.mutate(value === 'empty' || value === 'new' ? { field: c.field, value: c.value, action: 'empty' } : { field: c.field, value: c.value, action: 'map', target: value.slice(4) }, {
                      onSuccess: () => void message.success('已修改，下次检查文件时采用'),
                      onError,
                    })
                  }
                />
              ),
            },
            { title: '更新时间', dataIndex: 'updatedAt', width: 120, render: (at: string) => at.slice(0, 10) },
            {
              title: '',
              key: 'forget',
              width: 80,
              render: (_, c) => (
                <Popconfirm title={`忘记“${c.value}”的选择？下次导入会重新询问。`} okText="忘记" cancelText="取消" onConfirm={() => forget.mutate({ field: c.field, value: c.value }, { onError })}>
                  <Button size="small" type="link">
                    忘记
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
