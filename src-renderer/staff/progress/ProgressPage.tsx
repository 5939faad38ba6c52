import { Card, Col, Flex, Progress as ProgressBar, Row, Spin, Statistic } from 'antd';
import { useState } from 'react';
import type { StaffUser } from '../../../src-shared/staff-api';
import { useProgress } from '../api/use-staff';
import { CitySelect } from '../shared/CitySelect';
import { todayIso } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { BarTable } from './BarTable';
import { ProgressChart } from './ProgressChart';

/** 培训进度: registered person-times against the 100,000 target over time, by city, category and occupation. */
export function ProgressPage({ user }: { user: StaffUser }) {
  const [city, setCity] = useState<string | null>(null);
  const progress = useProgress(user.role === 'province' ? city : null);
  if (progress.isError) return <StaffLoadFailed error={progress.error} onRetry={() => void progress.refetch()} />;
  const data = progress.data;
  if (!data) return <Spin />;
  // Periods still to come would only repeat today's count as a flat line.
  const today = todayIso();
  const reached = data.series.filter((p) => p.cutoffDate <= today);
  const series = reached.length > 0 ? reached : data.series;
  const percent = Math.min(100, (data.registered / data.target) * 100);
  return (
    <Flex vertical gap={16}>
      {user.role === 'province' && (
        <Flex gap={12} align="center">
          <CitySelect value={city} onChange={setCity} />
        </Flex>
      )}
      <Card size="small">
        <Flex gap={48} align="center" wrap>
          <div data-testid="progress-registered">
            <Statistic title="累计实名注册（人次）" value={data.registered} />
          </div>
          <Statistic title="全省目标（人次）" value={data.target} />
          <div style={{ minWidth: 280, flex: 1 }}>
            <ProgressBar percent={Number(percent.toFixed(1))} aria-label="目标完成比例" />
          </div>
        </Flex>
      </Card>
      <Card size="small" title="累计进度（各期截止日）">
        <ProgressChart series={series} target={data.target} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Card size="small" title="按地市">
            <BarTable label="按地市" nameTitle="地市" valueTitle="实名注册人次" items={data.byCity.map((c) => ({ key: c.cityCode, name: c.cityName, value: c.registered }))} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="按人员类别">
            <BarTable label="按人员类别" nameTitle="人员类别" valueTitle="实名注册人次" items={data.byCategory.map((c) => ({ key: c.category, name: c.name, value: c.registered }))} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="按培训职业（工种）">
            <BarTable label="按培训职业" nameTitle="职业（工种）" valueTitle="培训人次" items={data.byOccupation.map((o) => ({ key: o.occupationId ?? 'none', name: o.name, value: o.personTimes }))} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
