import { Flex, Typography } from 'antd';
import { todayIso } from '../../../src-shared/domain/dates';
import { ageOn, parseIdNumber } from '../../../src-shared/domain/id-card';
import { sexLabel } from './trainee-labels';

/**
 * What the ID number itself says about the person, shown under the field so the clerk can compare it
 * with the card at a glance (a wrong digit often shows up as a wrong birth date or sex).
 */
export function IdNumberInfo({ value }: { value: string | undefined }) {
  const parsed = value ? parseIdNumber(value) : null;
  if (!parsed?.ok) return null;
  const info = parsed.value;
  return (
    <div aria-live="polite" data-testid="id-number-info">
      <Flex wrap style={{ columnGap: 12 }}>
        <Item label="出生日期" value={info.birthDate} />
        <Item label="性别" value={sexLabel(info.sex)} />
        <Item label="年龄" value={`${ageOn(info.birthDate, todayIso())} 岁`} />
        <Item label="发证地区" value={info.regionName || '（未知地区）'} />
      </Flex>
      {parsed.notices.map((notice) => (
        <Typography.Text key={notice} type="warning" style={{ display: 'block' }}>
          {notice}
        </Typography.Text>
      ))}
    </div>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <span>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <Typography.Text>{value}</Typography.Text>
    </span>
  );
}
