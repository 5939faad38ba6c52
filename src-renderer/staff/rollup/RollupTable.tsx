import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FIGURE_KEYS, FIGURE_LABELS, type FigureKey } from '../../../src-shared/domain/dispatch-figures';
import type { Rollup, RollupRow } from '../../../src-shared/staff-api';
import { BoardStatusTag } from '../shared/BoardStatusTag';
import { formatCount } from '../../../src-shared/format/numbers';

/** A submitted figure; where the county's records compute another number, both, marked. */
function FigureCell({ row, figure }: { row: RollupRow; figure: FigureKey }) {
  const value = row.submitted[figure];
  if (!row.differs.includes(figure)) return <span className="tabular">{formatCount(value)}</span>;
  return (
    <Tooltip title={`上报 ${formatCount(value)}，按已同步的记录计算为 ${formatCount(row.computed[figure])}`}>
      <span className="figure-differs tabular" data-testid={`differs-${row.unitCode}-${figure}`}>
        {formatCount(value)}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          记录计算 {formatCount(row.computed[figure])}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The roll-up on screen: one row per county (city) or per city (province), 合计 at the bottom. */
export function RollupTable({ rollup }: { rollup: Rollup }) {
  const unitTitle = rollup.level === 'city' ? '县（区、市）' : '地市';
  const columns: ColumnsType<RollupRow> = [
    { title: unitTitle, dataIndex: 'unitName', key: 'unit', width: 140, fixed: 'left' },
    {
      title: rollup.level === 'city' ? '状态' : '已报县数',
      key: 'status',
      width: 150,
      render: (_v, r) => (r.status ? <BoardStatusTag status={r.status} /> : <span className="tabular">{`${r.reportedCounties} / ${r.countyCount}`}</span>),
    },
    ...FIGURE_KEYS.map((key) => ({
      title: FIGURE_LABELS[key],
      key,
      align: 'right' as const,
      render: (_v: unknown, r: RollupRow) => <FigureCell row={r} figure={key} />,
    })),
  ];
  return (
    <Table
      rowKey="unitCode"
      size="small"
      bordered
      columns={columns}
      dataSource={rollup.rows}
      pagination={false}
      aria-label="汇总调度表"
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="rollup-total">
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <span className="tabular">{`${rollup.rows.reduce((n, r) => n + r.reportedCounties, 0)} / ${rollup.rows.reduce((n, r) => n + r.countyCount, 0)}`}</span>
            </Table.Summary.Cell>
            {FIGURE_KEYS.map((key, i) => (
              <Table.Summary.Cell key={key} index={i + 2} align="right">
                <strong className="tabular">{formatCount(rollup.total[key])}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
