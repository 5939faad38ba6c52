import { Card, Flex, Statistic } from 'antd';
import { BOARD_STATUS_LABELS, BOARD_STATUSES, type Board, type BoardStatus } from '../../../src-shared/staff-api';

/** The counts at the top of the board; clicking one filters the list to that status. */
export function BoardCounts({ counts, selected, onSelect }: { counts: Board['counts']; selected: BoardStatus | null; onSelect: (status: BoardStatus | null) => void }) {
  const card = (key: string, title: string, value: number, active: boolean, onClick: () => void, color?: string) => (
    <Card
      key={key}
      size="small"
      hoverable
      role="button"
      aria-pressed={active}
      aria-label={`${title} ${value}`}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onClick()}
      style={{ minWidth: 120, borderColor: active ? '#1f5fa8' : undefined }}
    >
      <Statistic title={title} value={value} styles={{ content: color ? { color } : undefined }} />
    </Card>
  );
  return (
    <Flex gap={12} wrap data-testid="board-counts">
      {card('total', '全部', counts.total, selected === null, () => onSelect(null))}
      {BOARD_STATUSES.map((s) => card(s, BOARD_STATUS_LABELS[s], counts[s], selected === s, () => onSelect(selected === s ? null : s), s === 'late' || s === 'returned' ? '#cf1322' : undefined))}
      <Card size="small" style={{ minWidth: 150 }}>
        <Statistic title="超过 7 天未同步" value={counts.syncStale} styles={{ content: counts.syncStale > 0 ? { color: '#cf1322' } : undefined }} />
      </Card>
    </Flex>
  );
}
