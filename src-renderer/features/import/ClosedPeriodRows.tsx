import { Alert, Radio, Space, Typography } from 'antd';
import type { ClosedPeriodAction, ImportDryRun } from '../../../src-shared/schemas/import';

export type ClosedPeriodChoices = Record<string, ClosedPeriodAction>;

const ACTION_TEXT: Record<ClosedPeriodAction, string> = { skip: '跳过这些行', include: '照样导入' };

/** Every group of rows dated in a reported period has a choice (the host refuses to import without one). */
export function allClosedPeriodsChosen(result: ImportDryRun, choices: ClosedPeriodChoices): boolean {
  return result.closedPeriods.every((g) => choices[g.periodId] !== undefined);
}

/** Rows of the groups the clerk chose to skip: not imported, so not counted on the import button. */
export function closedRowsSkipped(result: ImportDryRun, choices: ClosedPeriodChoices): number {
  return result.closedPeriods.reduce((n, g) => n + (choices[g.periodId] === 'skip' ? g.rows : 0), 0);
}

/**
 * 已上报期次内的行: rows whose date falls in a period already reported, one block per period with the figures they
 * would change and what the period's lock allows (skip always; include unless an accepted period would change).
 * Nothing is preselected: history is changed only by a choice the clerk made.
 */
export function ClosedPeriodRows({ result, choices, disabled, onChange }: { result: ImportDryRun; choices: ClosedPeriodChoices; disabled: boolean; onChange: (next: ClosedPeriodChoices) => void }) {
  if (result.closedPeriods.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} aria-label="已上报期次内的行">
      <Typography.Title level={5} style={{ margin: 0 }}>
        日期落在已上报期次内的行（请逐期选择）
      </Typography.Title>
      {result.closedPeriods.map((group) => (
        <Alert
          key={group.periodId}
          type={group.allowed.includes('include') ? 'warning' : 'error'}
          showIcon
          title={group.title}
          description={
            <Space orientation="vertical">
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {group.changes.map((c) => (
                  <li key={`${c.seq}-${c.figure}`}>
                    第 {c.seq} 期（{c.status === 'accepted' ? '已通过' : '已上报'}）{c.figure}：按记录 {c.before} → {c.after}
                  </li>
                ))}
              </ul>
              <Typography.Text type="secondary">
                所在行：第 {group.sampleRows.join('、')} 行{group.rows > group.sampleRows.length ? ` 等 ${group.rows} 行` : ''}
              </Typography.Text>
              <Typography.Text>{group.note}</Typography.Text>
              <Radio.Group
                aria-label={`第 ${group.seq} 期内的行的处理方式`}
                disabled={disabled}
                value={choices[group.periodId]}
                onChange={(event) => onChange({ ...choices, [group.periodId]: event.target.value as ClosedPeriodAction })}
                options={group.allowed.map((action) => ({ value: action, label: ACTION_TEXT[action] }))}
              />
            </Space>
          }
        />
      ))}
    </Space>
  );
}
