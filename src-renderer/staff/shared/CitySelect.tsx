import { Select } from 'antd';
import { HEILONGJIANG_UNITS } from '../../../src-shared/domain/units';

export const CITY_UNITS = HEILONGJIANG_UNITS.filter((u) => u.level === 'city');

export function cityName(code: string | null): string {
  return CITY_UNITS.find((c) => c.code === code)?.name ?? '';
}

/** For provincial staff: the whole province or one city. City accounts never see it (their scope is fixed). */
export function CitySelect({ value, onChange, allLabel = '全省' }: { value: string | null; onChange: (city: string | null) => void; allLabel?: string }) {
  return (
    <Select
      aria-label="地市"
      style={{ minWidth: 180 }}
      value={value ?? ''}
      onChange={(v: string) => onChange(v === '' ? null : v)}
      options={[{ value: '', label: allLabel }, ...CITY_UNITS.map((c) => ({ value: c.code, label: c.name }))]}
    />
  );
}
