import { Select } from 'antd';
import { useOccupations } from './use-enrolments';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Accessible name where no form label points at the field (filter bars). */
  ariaLabel?: string;
  placeholder?: string;
}

/** Occupations the plan names, then the cross-cutting contents (通用职业素质, 安全生产 …). */
export function OccupationSelect({ id, value, onChange, ariaLabel, placeholder }: Props) {
  const occupations = useOccupations();
  const list = occupations.data ?? [];
  const group = (kind: 'occupation' | 'general') =>
    list.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name }));
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={[
        { label: '职业（工种）', title: '职业（工种）', options: group('occupation') },
        { label: '通用培训内容', title: '通用培训内容', options: group('general') },
      ]}
      loading={occupations.isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? '可不填，输入文字查找'}
      style={{ width: '100%' }}
    />
  );
}
