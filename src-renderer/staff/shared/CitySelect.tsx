import { Select } from 'antd';
import { citiesOfProvince, findUnit, type Unit } from '../../../src-shared/domain/units';
import { sessionStore } from '../api/session';

/** The cities of the province this server serves (the logged-in user's province), in code order. */
export function provinceCities(): Unit[] {
  const province = sessionStore.user()?.provinceCode;
  return province ? citiesOfProvince(province) : [];
}

export function cityName(code: string | null): string {
  const unit = code ? findUnit(code) : null;
  return unit?.level === 'city' ? unit.name : '';
}

/** For provincial staff: the whole province or one city. City accounts never see it (their scope is fixed). */
export function CitySelect({ value, onChange, allLabel = '全省' }: { value: string | null; onChange: (city: string | null) => void; allLabel?: string }) {
  return (
    <Select
      aria-label="地市"
      style={{ minWidth: 180 }}
      value={value ?? ''}
      onChange={(v: string) => onChange(v === '' ? null : v)}
      options={[{ value: '', label: allLabel }, ...provinceCities().map((c) => ({ value: c.code, label: c.name }))]}
    />
  );
}
