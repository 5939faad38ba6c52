import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { CARRIED_BATCH_STATUS_LABELS, CARRIED_UPLOAD_ACCEPT, CARRIED_UPLOAD_MAX_BYTES, carriedRefusalDetailsSchema, type CarriedBatchResult, type CarriedImport } from '../../../src-shared/carried-upload-api';
import type { StaffUser } from '../../../src-shared/staff-api';
import { saveBlob } from '../../features/periods/download';
import { StaffApiError, staffMessageOf } from '../api/staff-error';
import { useImportCarried } from '../api/use-staff';

type Receipt = NonNullable<CarriedImport['receipt']>;
type Outcome = { kind: 'imported'; data: CarriedImport } | { kind: 'refused'; message: string; receipt: Receipt | null };

const STATUS_COLOURS = { applied: 'green', already: 'blue', refused: 'red' } as const;
const MAX_MB = CARRIED_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * 导入U盘文件 (issue #16): a county with no line sends its unsent changes on a USB stick; the province (or the
 * county's city) uploads the file here. The server checks who wrote it and that nobody changed it, applies it
 * as an online sync would, and answers each batch's fate and a signed receipt the clerk takes back.
 */
export function CarriedUploadPage({ user }: { user: StaffUser }) {
  const importCarried = useImportCarried();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload(file: File) {
    setOutcome(null);
    // Refused here before sending: the server would refuse it from its size without reading it either.
    if (file.size > CARRIED_UPLOAD_MAX_BYTES) return setOutcome({ kind: 'refused', message: `文件超过 ${MAX_MB} MB，不是本程序导出的未上报数据文件，未导入任何数据`, receipt: null });
    try {
      const data = await importCarried.mutateAsync(new Uint8Array(await file.arrayBuffer()));
      setOutcome({ kind: 'imported', data });
    } catch (error) {
      const details = error instanceof StaffApiError ? carriedRefusalDetailsSchema.safeParse(error.details) : null;
      setOutcome({ kind: 'refused', message: staffMessageOf(error), receipt: details?.success ? (details.data.receipt ?? null) : null });
    }
  }

  const columns: ColumnsType<CarriedBatchResult> = [
    { title: '序号', key: 'index', width: 70, render: (_v, _b, index) => index + 1 },
    { title: '结果', key: 'status', width: 200, render: (_v, b) => <Tag color={STATUS_COLOURS[b.status]}>{CARRIED_BATCH_STATUS_LABELS[b.status]}</Tag> },
    { title: '导入条数', dataIndex: 'applied', key: 'applied', width: 100 },
    { title: '未接收', dataIndex: 'rejected', key: 'rejected', width: 100 },
    { title: '此前已有', dataIndex: 'duplicate', key: 'duplicate', width: 100 },
    { title: '原因', key: 'reason', render: (_v, b) => b.reason ?? '—' },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="导入县里带来的U盘文件">
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            县里没有网络时，会在“数据同步”页导出未上报数据文件（.sdcarry），用U盘带来。文件已加密并由县里的电脑签名：这里会核对是哪台电脑写的、途中有没有被改动，
            然后按联网同步的方式导入（同一文件导入两次不会重复）。{user.role === 'city' ? '市级账号只能导入本市所辖县（区）的文件。' : ''}导入后请下载回执交给县里。
          </Typography.Paragraph>
          <Upload
            accept={CARRIED_UPLOAD_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={importCarried.isPending} data-testid="carried-upload">
              选择U盘文件并导入
            </Button>
          </Upload>
          <Typography.Text type="secondary">文件不超过 {MAX_MB} MB。旧格式（.json，未加密）本版本仍可导入，会提示请县里升级。</Typography.Text>
        </Flex>
      </Card>
      {outcome?.kind === 'refused' && (
        <Alert
          type="error"
          showIcon
          data-testid="carried-result"
          message="文件未导入"
          description={outcome.message}
          action={outcome.receipt ? <ReceiptButton receipt={outcome.receipt} label="再次下载当时的回执" /> : undefined}
        />
      )}
      {outcome?.kind === 'imported' && (
        <Card size="small" title={`${outcome.data.countyName}的文件`}>
          <Flex vertical gap={12}>
            <Alert type={outcome.data.complete ? 'success' : 'warning'} showIcon data-testid="carried-result" message={outcome.data.message} />
            {outcome.data.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon message={w} />
            ))}
            {outcome.data.receipt && <ReceiptButton receipt={outcome.data.receipt} label="下载回执（交给县里）" primary />}
            <Table size="small" rowKey="batchId" columns={columns} dataSource={outcome.data.batches} pagination={outcome.data.batches.length > 20 ? { pageSize: 20 } : false} />
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function ReceiptButton({ receipt, label, primary = false }: { receipt: Receipt; label: string; primary?: boolean }) {
  return (
    <Button type={primary ? 'primary' : 'default'} icon={<DownloadOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => saveBlob(new Blob([receipt.text], { type: 'application/json' }), receipt.fileName)}>
      {label}
    </Button>
  );
}
