import { SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../src-shared/domain/categories';
import { PlatformSelect } from '../platforms/PlatformSelect';
import { EMPTY_FILTER, type TraineeFilterValues } from './trainee-list-filter';

const CATEGORY_OPTIONS = PERSON_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));
const ALLOWANCE_OPTIONS = [
  { value: 'all', label: '补贴：全部' },
  { value: 'eligible', label: '符合生活费补贴' },
  { value: 'not-eligible', label: '不符合生活费补贴' },
];

interface Props {
  search: string;
  onSearch: (search: string) => void;
  filter: TraineeFilterValues;
  onFilter: (filter: TraineeFilterValues) => void;
}

/**
 * One search box for whatever the clerk has at hand (ID number or its last digits, name, pinyin
 * initials, phone) and the filters the office reports by. The labels differ from the entry form's
 * field labels, which sit on the same screen.
 */
export function TraineeFilters({ search, onSearch, filter, onFilter }: Props) {
  const set = (patch: Partial<TraineeFilterValues>) => onFilter({ ...filter, ...patch });
  const filtered = search !== '' || JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);
  return (
    <Flex wrap gap={8} align="center" role="search" aria-label="查找学员">
      <Input
        aria-label="搜索学员"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="身份证号（全号或后4-6位）/ 姓名 / 拼音首字母 / 手机号"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        style={{ width: 290 }}
      />
      <Select<PersonCategory[]>
        aria-label="按类别筛选"
        mode="multiple"
        maxTagCount="responsive"
        value={filter.categories}
        onChange={(categories) => set({ categories })}
        options={CATEGORY_OPTIONS}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder="人员类别（可多选）"
        style={{ width: 200 }}
      />
      <div style={{ width: 200 }}>
        <PlatformSelect
          ariaLabel="按平台筛选"
          allowEmpty
          placeholder="注册平台：全部"
          value={filter.platformId}
          onChange={(platformId) => set({ platformId })}
        />
      </div>
      <DatePicker.RangePicker
        aria-label="注册时间范围"
        value={filter.registered}
        onChange={(range) => set({ registered: range && (range[0] || range[1]) ? [range[0], range[1]] : null })}
        placeholder={['注册日期从', '到']}
        disabledDate={(date) => date.isAfter(dayjs(), 'day')}
        allowEmpty={[true, true]}
        style={{ width: 240 }}
      />
      <Select
        aria-label="按补贴筛选"
        value={filter.allowance}
        onChange={(allowance: TraineeFilterValues['allowance']) => set({ allowance })}
        options={ALLOWANCE_OPTIONS}
        style={{ width: 150 }}
      />
      <Checkbox checked={filter.incomplete} onChange={(event) => set({ incomplete: event.target.checked })}>
        只看待补充
      </Checkbox>
      {filtered && (
        <Button
          onClick={() => {
            onSearch('');
            onFilter(EMPTY_FILTER);
          }}
        >
          清除条件
        </Button>
      )}
    </Flex>
  );
}
