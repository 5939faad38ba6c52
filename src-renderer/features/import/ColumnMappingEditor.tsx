import { Alert, Descriptions, Select, Space, Tag, Typography } from 'antd';
import type { ImportDryRun, ImportField } from '../../../src-shared/schemas/import';
import { fieldLabel, fieldsOf } from './import-fields';
import type { ColumnMapping } from './use-import';

/** Select has no way to show null as a choice; this stands for "leave this column out". */
const IGNORE = '__ignore__' as const;

/**
 * Which column holds what. Columns the host recognised by their header are shown as tags; the others, and any the
 * clerk already chose by hand, get a drop-down, whose choice goes back to import.dryRun as `mapping`.
 */
export function ColumnMappingEditor({
  result,
  mapping,
  disabled,
  onChange,
}: {
  result: ImportDryRun;
  mapping: ColumnMapping;
  disabled: boolean;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const named = result.columns.filter((column) => column.header.trim() !== '');
  const editable = named.filter((column) => column.field === null || String(column.index) in mapping);
  const recognised = named.filter((column) => !editable.includes(column));
  const taken = new Map(result.columns.flatMap((c) => (c.field ? [[c.field, c.index] as const] : [])));
  const options = (index: number) => [
    { value: IGNORE, label: '（不导入这一列）' },
    ...fieldsOf(result.kind).map((field) => ({
      value: field,
      label: fieldLabel(result.kind, field),
      // One column per field: a field already read from another column is not offered twice.
      disabled: taken.has(field) && taken.get(field) !== index,
    })),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {result.missingFields.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`没有找到这些必填的列：${result.missingFields.join('、')}`}
          description="请在下面为相应的列选择内容；如果文件里确实没有这些列，可以在“文件中没有的列”里为所有行统一填写一个值。"
        />
      )}
      <div>
        <Typography.Text type="secondary">第 {result.headerRow} 行是表头，已识别的列：</Typography.Text>{' '}
        {recognised.map((column) => (
          <Tag key={column.index}>
            {column.header} → {column.field ? fieldLabel(result.kind, column.field) : ''}
          </Tag>
        ))}
      </div>
      {editable.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title="需要手动指定的列"
          styles={{ label: { width: 180 } }}
          items={editable.map((column) => ({
            key: column.index,
            label: column.header,
            children: (
              <Select<ImportField | typeof IGNORE>
                aria-label={`“${column.header}”列的内容`}
                style={{ width: 200 }}
                disabled={disabled}
                value={mapping[String(column.index)] ?? column.field ?? IGNORE}
                options={options(column.index)}
                onChange={(value) => onChange({ ...mapping, [String(column.index)]: value === IGNORE ? null : value })}
              />
            ),
          }))}
        />
      )}
    </Space>
  );
}
