import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { PlatformSelect } from '../platforms/PlatformSelect';
import { OccupationSelect } from './OccupationSelect';

export interface EnrolmentFilterValues {
  /** The trainee's name, ID number (whole or last 4-6) or phone, as typed into the search box. */
  query: string;
  platformId: string | null;
  occupationId: string | null;
  started: [Dayjs | null, Dayjs | null] | null;
  signedIn: 'all' | 'yes' | 'no';
}

export const EMPTY_ENROLMENT_FILTER: EnrolmentFilterValues = { query: '', platformId: null, occupationId: null, started: null, signedIn: 'all' };

const SIGNED_IN_OPTIONS = [
  { value: 'all', label: '签到：全部' },
  { value: 'yes', label: '已签到' },
  { value: 'no', label: '未签到' },
];

/** The filters of 培训记录, as the office checks them: by trainee (the trainee list's search), platform, occupation, start date, sign-in. */
export function EnrolmentFilters({ value, onChange }: { value: EnrolmentFilterValues; onChange: (v: EnrolmentFilterValues) => void }) {
  const set = (patch: Partial<EnrolmentFilterValues>) => onChange({ ...value, ...patch });
  const filtered = JSON.stringify(value) !== JSON.stringify(EMPTY_ENROLMENT_FILTER);
  return (
    <Flex wrap gap={8} align="center" role="search" aria-label="筛选培训记录">
      <Input
        aria-label="按学员搜索培训记录"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="学员身份证号（全号或后4-6位）/ 姓名 / 手机号"
        value={value.query}
        onChange={(event) => set({ query: event.target.value })}
        style={{ width: 290 }}
      />
      <div style={{ width: 240 }}>
        <PlatformSelect ariaLabel="按培训平台筛选" allowEmpty placeholder="培训平台：全部" value={value.platformId} onChange={(platformId) => set({ platformId })} />
      </div>
      <div style={{ width: 200 }}>
        <OccupationSelect ariaLabel="按职业筛选" placeholder="职业（工种）：全部" value={value.occupationId} onChange={(occupationId) => set({ occupationId })} />
      </div>
      <DatePicker.RangePicker
        aria-label="开始日期范围"
        value={value.started}
        onChange={(range) => set({ started: range && (range[0] || range[1]) ? [range[0], range[1]] : null })}
        placeholder={['开始日期从', '到']}
        allowEmpty={[true, true]}
        style={{ width: 250 }}
      />
      <Select
        aria-label="按签到筛选"
        value={value.signedIn}
        onChange={(signedIn: EnrolmentFilterValues['signedIn']) => set({ signedIn })}
        options={SIGNED_IN_OPTIONS}
        style={{ width: 130 }}
      />
      {filtered && <Button onClick={() => onChange(EMPTY_ENROLMENT_FILTER)}>清除条件</Button>}
    </Flex>
  );
}

export function toEnrolmentQuery(filter: EnrolmentFilterValues) {
  const [from, to] = filter.started ?? [null, null];
  return {
    query: filter.query.trim() === '' ? undefined : filter.query.trim(),
    platformId: filter.platformId ?? undefined,
    occupationId: filter.occupationId ?? undefined,
    startFrom: from ? from.format('YYYY-MM-DD') : undefined,
    startTo: to ? to.format('YYYY-MM-DD') : undefined,
    signedIn: filter.signedIn === 'all' ? undefined : filter.signedIn === 'yes',
  };
}
