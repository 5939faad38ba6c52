import { Tag, Tooltip } from 'antd';
import { FIGURE_NAMES } from '../../../src-shared/domain/dispatch-figures';
import { SHORT_CODE_STATE_LABELS, type BoardShortCode } from '../../../src-shared/short-code-api';

const COLOURS = { provisional: 'gold', reconciled: 'green', differs: 'red', superseded: 'default' } as const;
const SHORT = { provisional: '已收到（短码）', reconciled: '短码已核对', differs: '短码与报表不一致', superseded: '短码已被取代' } as const;

/** The board's word on a county's short code (issue #16): provisional until the full report reconciles it. */
export function ShortCodeTag({ code }: { code: BoardShortCode }) {
  const differs = code.differences.map((k) => FIGURE_NAMES[k]).join('、');
  const title = `${SHORT_CODE_STATE_LABELS[code.state]}（第 ${code.revision} 次上报，${code.via === 'sms' ? '短信' : '录入'}）${code.state === 'differs' ? `：${differs}不同` : ''}`;
  return (
    <Tooltip title={title}>
      <Tag color={COLOURS[code.state]} data-testid="short-code-tag">
        {SHORT[code.state]}
      </Tag>
    </Tooltip>
  );
}
