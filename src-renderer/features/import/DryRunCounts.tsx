import { Col, Row, Statistic } from 'antd';
import type { ImportDryRun, ImportKind } from '../../../src-shared/schemas/import';

/** The three numbers the clerk decides on: how many go in, how many are already there, how many are wrong. */
export function DryRunCounts({ counts, kind }: { counts: ImportDryRun['counts']; kind: ImportKind }) {
  const what = kind === 'trainees' ? '学员' : '培训记录';
  return (
    <Row gutter={16} role="group" aria-label="检查结果">
      <Col span={6}>
        <Statistic data-testid="import-count-rows" title="读取的数据行" value={counts.rows} />
      </Col>
      <Col span={6}>
        <Statistic data-testid="import-count-new" title={`可导入的新${what}`} value={counts.new} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col span={6}>
        <Statistic data-testid="import-count-existing" title={kind === 'trainees' ? '已登记过（跳过）' : '已录入过（跳过）'} value={counts.existing} />
      </Col>
      <Col span={6}>
        <Statistic data-testid="import-count-invalid" title="有误的行" value={counts.invalid} styles={{ content: { color: counts.invalid > 0 ? '#cf1322' : undefined } }} />
      </Col>
    </Row>
  );
}
