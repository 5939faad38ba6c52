import { Flex, Space, Tag, Typography } from 'antd';
import { SEVERITY_LABELS } from '../../src-shared/domain/check-rules';
import type { RuleOutcome } from '../../src-shared/domain/run-rules';

/** One rule's outcome as a line: its id, 强制 / 提示, what failed, and the 上报说明 given for it. */
export function RuleLine({ outcome }: { outcome: RuleOutcome }) {
  return (
    <Flex vertical>
      <Space size={4} wrap>
        <Tag color={outcome.severity === 'mandatory' ? 'red' : 'orange'}>{SEVERITY_LABELS[outcome.severity]}</Tag>
        <Typography.Text code>{outcome.ruleId}</Typography.Text>
        <Typography.Text>{outcome.passed ? '通过' : outcome.message}</Typography.Text>
      </Space>
      {outcome.explanation && <Typography.Text type="secondary">上报说明：{outcome.explanation}</Typography.Text>}
    </Flex>
  );
}
