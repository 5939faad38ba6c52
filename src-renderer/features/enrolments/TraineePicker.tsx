import { Select } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../shared/use-debounced-value';
import { useTraineeList } from '../trainees/use-trainees';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/** Finds a trainee by ID number (whole or last digits), name or phone, searching on the main side. */
export function TraineePicker({ id, value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 200);
  const list = useTraineeList({ query: query || undefined, page: 1, pageSize: 20 });
  const options = (list.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}　${t.idNumber}` }));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={list.isFetching}
      placeholder="输入身份证号后几位、姓名或手机号查找"
      notFoundContent={list.isFetching ? '正在查找…' : '没有找到，请先在学员登记中登记'}
    />
  );
}
