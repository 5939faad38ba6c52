import { Alert, DatePicker, Descriptions, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ColumnFill, ImportDryRun, ImportField } from '../../../src-shared/schemas/import';
import { usePlatforms } from '../platforms/use-platforms';

type Absent = ImportDryRun['absentFields'][number];

/** 待补充 (unknown) is a choice of its own for 户籍 / 人员类别; the Radio needs a string for it. */
const UNKNOWN = '__unknown__';

/**
 * Columns the file lacks: one value for every row (户籍 = 城镇 for a street office's list, 注册日期 = the day of a
 * registration drive), or 户籍 / 人员类别 left 待补充. Each change checks the file again (nothing is written yet).
 */
export function AbsentFields({ result, fill, disabled, onChange }: { result: ImportDryRun; fill: ColumnFill; disabled: boolean; onChange: (fill: ColumnFill) => void }) {
  const platforms = usePlatforms();
  if (result.absentFields.length === 0) return null;
  const set = (field: ImportField, value: string | null | undefined) => {
    const next = { ...fill };
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  const control = (a: Absent) => {
    const given = fill[a.field];
    switch (a.field) {
      case 'ruralHukou':
        return (
          <Radio.Group
            aria-label={`统一填写${a.label}`}
            disabled={disabled}
            value={given === undefined || given === null ? UNKNOWN : given}
            onChange={(event) => set(a.field, event.target.value === UNKNOWN ? undefined : (event.target.value as string))}
            options={[
              { value: '农村', label: '全部农村' },
              { value: '城镇', label: '全部城镇' },
              { value: UNKNOWN, label: '待补充（以后在登记页补填）' },
            ]}
          />
        );
      case 'registeredAt':
      case 'startDate':
      case 'endDate':
        return (
          <DatePicker
            aria-label={`统一填写${a.label}`}
            disabled={disabled}
            value={typeof given === 'string' && given !== '' ? dayjs(given) : null}
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            onChange={(date) => set(a.field, date ? date.format('YYYY-MM-DD') : undefined)}
          />
        );
      case 'platform':
        return (
          <Select
            aria-label={`统一填写${a.label}`}
            style={{ width: 320 }}
            allowClear
            disabled={disabled}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="不填"
            value={typeof given === 'string' ? given : undefined}
            options={(platforms.data ?? []).map((p) => ({ value: p.name, label: p.name }))}
            onChange={(value: string | undefined) => set(a.field, value ?? undefined)}
          />
        );
      default:
        return <FillText label={a.label} value={typeof given === 'string' ? given : ''} disabled={disabled} onCommit={(text) => set(a.field, text === '' ? undefined : text)} />;
    }
  };
  const missing = result.absentFields.filter((a) => a.missing);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {missing.length > 0 && (
        <Alert type="warning" showIcon title={`文件中没有${missing.map((a) => `“${a.label}”`).join('、')}列`} description="可以在下面为所有行统一填写一个值，或在上面把文件中的某一列对应过来。" />
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        title="文件中没有的列（可为所有行统一填写）"
        styles={{ label: { width: 180 } }}
        items={result.absentFields.map((a) => ({ key: a.field, label: a.label, children: control(a) }))}
      />
      {(result.unknownCounts.ruralHukou > 0 || result.unknownCounts.categories > 0) && (
        <Typography.Text type="secondary">
          {result.unknownCounts.ruralHukou > 0 && `${result.unknownCounts.ruralHukou} 名学员的户籍将记为“待补充”。`}
          {result.unknownCounts.categories > 0 && `${result.unknownCounts.categories} 名学员的人员类别将记为“待补充”。`}
          可在学员列表勾选“只看待补充”找到他们，打开记录时会提示补填。
        </Typography.Text>
      )}
    </Space>
  );
}

/** A text given for every row: applied on Enter or on leaving the field, not on every keystroke (each is a check). */
function FillText({ label, value, disabled, onCommit }: { label: string; value: string; disabled: boolean; onCommit: (text: string) => void }) {
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return <Input aria-label={`统一填写${label}`} style={{ width: 320 }} disabled={disabled} placeholder="不填" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onPressEnter={commit} />;
}
