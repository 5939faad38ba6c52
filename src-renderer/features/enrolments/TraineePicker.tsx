import { Select } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../shared/use-debounced-value';
import { useTraineeList } from '../trainees/use-trainees';

export interface TraineeOption {
  value: string;
  label: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The trainee already chosen when the form opens (from a trainee's record). */
  initialOption?: TraineeOption;
}

/**
 * Finds a trainee by ID number (whole or last digits), name or phone, searching on the main side.
 * Results of an earlier search are never offered: a clerk who types '1237' and presses Enter at
 * once must not pick whoever matched the previous letters.
 */
export function TraineePicker({ id, value, onChange, initialOption }: Props) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<TraineeOption | null>(initialOption ?? null);
  const query = useDebouncedValue(search.trim(), 200);
  const list = useTraineeList({ query: query || undefined, page: 1, pageSize: 20 });
  const current = query === search.trim() && !list.isPlaceholderData;
  const found: TraineeOption[] = current
    ? (list.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}　${t.idNumber}` }))
    : [];
  // The chosen trainee keeps its label even when a later search no longer lists it.
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  return (
    <Select<string, TraineeOption>
      id={id}
      value={value}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={!current || list.isFetching}
      placeholder="输入身份证号后几位、姓名或手机号查找"
      notFoundContent={current ? '没有找到，请先在学员登记中登记' : '正在查找…'}
    />
  );
}
