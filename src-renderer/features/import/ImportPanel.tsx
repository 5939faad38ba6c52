import { Alert, Card, Divider, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { IMPORT_KINDS, importSheetErrorDetails, type ColumnFill, type ImportKind, type ImportSheet, type ValueDecision } from '../../../src-shared/schemas/import';
import { isRpcError } from '../../api/rpc-error';
import { AbsentFields } from './AbsentFields';
import { ClosedPeriodRows, type ClosedPeriodChoices } from './ClosedPeriodRows';
import { ColumnMappingEditor } from './ColumnMappingEditor';
import { DryRunCounts } from './DryRunCounts';
import { errorText } from './error-text';
import type { FileRef } from './file-transfer';
import { FilePicker } from './FilePicker';
import { KIND_LABELS } from './import-fields';
import { ImportChecking } from './ImportChecking';
import { ImportDecision } from './ImportDecision';
import { ImportOutcome } from './ImportOutcome';
import { ImportRunning } from './ImportRunning';
import { ProblemTable } from './ProblemTable';
import { SheetChoice } from './SheetChoice';
import { UnregisteredTrainees } from './UnregisteredTrainees';
import { useCancelImport, useCommit, useDryRun, type ColumnMapping } from './use-import';
import { ValueDecisions } from './ValueDecisions';

/**
 * 导入: choose what, choose the file, read the check, then import. Nothing is written before the clerk has seen the
 * counts and the wrong rows; every change of kind or column mapping checks the file again.
 */
export function ImportPanel() {
  const [kind, setKind] = useState<ImportKind>('trainees');
  const [file, setFile] = useState<FileRef | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [fill, setFill] = useState<ColumnFill>({});
  const [decisions, setDecisions] = useState<ValueDecision[]>([]);
  /** The tab chosen by the clerk; undefined lets the host take the sheet with the most recognisable header. */
  const [sheet, setSheet] = useState<number | undefined>(undefined);
  /** The workbook's sheets as the last check listed them (kept while the next check runs, and after a failed one). */
  const [sheets, setSheets] = useState<{ list: ImportSheet[]; read: number | null }>({ list: [], read: null });
  /** Per reported period, for the check shown (a new check asks again: its groups may differ). */
  const [closedChoices, setClosedChoices] = useState<{ jobId: string; choices: ClosedPeriodChoices } | null>(null);
  const dryRun = useDryRun();
  const commit = useCommit();
  const cancel = useCancelImport();
  const stopCheck = useCancelImport();

  /** Training records: also register the trainees they name that are not registered (同时登记这些学员). */
  const [registerMissing, setRegisterMissing] = useState(false);
  const check = (target: FileRef, next: { kind: ImportKind; mapping: ColumnMapping; fill: ColumnFill; decisions: ValueDecision[]; sheet: number | undefined; registerMissing: boolean }) => {
    commit.reset();
    cancel.reset();
    stopCheck.reset();
    dryRun.mutate(
      { fileId: target.fileId, ...next },
      {
        onSuccess: (checked) => setSheets({ list: checked.sheets, read: checked.sheet }),
        onError: (error) => {
          const listed = importSheetErrorDetails.safeParse(isRpcError(error) ? error.details : undefined);
          setSheets(listed.success ? { list: listed.data.sheets, read: listed.data.sheet } : { list: [], read: null });
        },
      },
    );
  };
  /** A new kind or file starts the choices afresh (the remembered ones still apply: the host adds them). */
  const fresh = { mapping: {}, fill: {}, decisions: [], sheet: undefined, registerMissing: false };
  const resetChoices = () => {
    setMapping({});
    setFill({});
    setDecisions([]);
    setSheet(undefined);
    setSheets({ list: [], read: null });
    setRegisterMissing(false);
  };
  const chooseKind = (next: ImportKind) => {
    setKind(next);
    resetChoices();
    if (file) check(file, { kind: next, ...fresh });
  };
  const chooseFile = (next: FileRef) => {
    setFile(next);
    resetChoices();
    check(next, { kind, ...fresh });
  };
  /** Column numbers and absent columns belong to one sheet; the choices per value stay (the same values recur). */
  const chooseSheet = (next: number) => {
    setSheet(next);
    setMapping({});
    setFill({});
    if (file) check(file, { kind, mapping: {}, fill: {}, decisions, sheet: next, registerMissing });
  };
  const remap = (next: ColumnMapping) => {
    setMapping(next);
    if (file) check(file, { kind, mapping: next, fill, decisions, sheet, registerMissing });
  };
  const refill = (next: ColumnFill) => {
    setFill(next);
    if (file) check(file, { kind, mapping, fill: next, decisions, sheet, registerMissing });
  };
  /** Later choices for the same value replace earlier ones; the rest are kept. */
  const decide = (made: ValueDecision[]) => {
    const key = (d: ValueDecision) => `${d.field}\u0000${d.value}`;
    const replaced = new Set(made.map(key));
    const next = [...decisions.filter((d) => !replaced.has(key(d))), ...made];
    setDecisions(next);
    if (file) check(file, { kind, mapping, fill, decisions: next, sheet, registerMissing });
  };
  const register = (next: boolean) => {
    setRegisterMissing(next);
    if (file) check(file, { kind, mapping, fill, decisions, sheet, registerMissing: next });
  };
  const startOver = () => {
    setFile(null);
    resetChoices();
    dryRun.reset();
    commit.reset();
    cancel.reset();
    stopCheck.reset();
  };

  const result = dryRun.data;
  const chosen = result && closedChoices?.jobId === result.jobId ? closedChoices.choices : {};
  const running = commit.isPending;
  const finished = commit.data?.status === 'done';
  const checkCancelled = isRpcError(dryRun.error) && dryRun.error.code === 'CANCELLED';
  return (
    <Card size="small" title="导入">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text id="import-kind-label">导入内容：</Typography.Text>
          <Radio.Group
            aria-labelledby="import-kind-label"
            optionType="button"
            disabled={running}
            value={kind}
            onChange={(event) => chooseKind(event.target.value as ImportKind)}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
        </Space>
        <FilePicker disabled={running} onUploaded={chooseFile} />
        {file && <Typography.Text type="secondary">已选择文件：{file.fileName}</Typography.Text>}
        {file && <SheetChoice sheets={sheets.list} sheet={sheet ?? sheets.read} disabled={running || finished || dryRun.isPending} onChange={chooseSheet} />}
        {dryRun.isPending && <ImportChecking cancelling={stopCheck.isPending || stopCheck.isSuccess} onCancel={(jobId) => stopCheck.mutate(jobId)} />}
        {dryRun.isError && <Alert type={checkCancelled ? 'info' : 'error'} showIcon title={errorText(dryRun.error)} />}
        {result && !dryRun.isPending && (
          <>
            <Divider titlePlacement="start">{finished ? '检查结果（已导入）' : running ? '检查结果（正在导入…）' : '检查结果（还没有导入）'}</Divider>
            <DryRunCounts counts={result.counts} kind={result.kind} />
            <ColumnMappingEditor result={result} mapping={mapping} disabled={running || finished} onChange={remap} />
            <AbsentFields result={result} fill={fill} disabled={running || finished} onChange={refill} />
            <ValueDecisions key={result.jobId} result={result} disabled={running || finished} onApply={decide} />
            <UnregisteredTrainees result={result} disabled={running || finished} onChange={register} />
            <ClosedPeriodRows result={result} choices={chosen} disabled={running || finished} onChange={(choices) => setClosedChoices({ jobId: result.jobId, choices })} />
            <ProblemTable result={result} />
            {commit.isError && <Alert type="error" showIcon title={errorText(commit.error)} />}
            {commit.data && <ImportOutcome kind={result.kind} outcome={commit.data} onAnother={startOver} />}
            {running && <ImportRunning jobId={result.jobId} cancelling={cancel.isPending || cancel.isSuccess} onCancel={() => cancel.mutate(result.jobId)} />}
            {!running && !finished && (
              <ImportDecision
                result={result}
                closedChoices={chosen}
                onImport={(skipInvalid) => commit.mutate({ jobId: result.jobId, skipInvalid, invalid: result.counts.invalid, closedPeriods: chosen })}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
