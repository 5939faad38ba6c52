import { ImportOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { CarriedStatus } from '../../../src-shared/schemas/sync';
import { messageOf } from '../../api/rpc-error';
import { uploadFile } from '../import/file-transfer';
import { formatServerTime } from './server-time';
import { useImportReceipt } from './use-sync';

/**
 * 数据在哪里 (issue #16): every unsent change is in one of three places, said in words, never left silent:
 * only on this PC, on a USB file the province has not acknowledged yet, or confirmed by the province.
 * 导入回执 takes the province's signed receipt and clears what it confirms.
 */
export function CarriedCard({ carried, pending }: { carried: CarriedStatus; pending: number }) {
  const importReceipt = useImportReceipt();
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const waitingFiles = carried.files.filter((f) => f.waitingOps > 0 || f.auditRows > 0);

  async function upload(file: File) {
    setOutcome(null);
    try {
      const uploaded = await uploadFile(file);
      const result = await importReceipt.mutateAsync(uploaded.fileId);
      setOutcome({ type: 'success', text: result.message });
    } catch (error) {
      setOutcome({ type: 'error', text: messageOf(error) });
    }
  }

  return (
    <Card size="small" title="数据在哪里">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="只在本机（还没有交出去）">
          <span data-testid="carried-only-here">{carried.onlyHere}</span>&nbsp;条
          {carried.onlyHere > 0 && '：联网后点“立即同步”，或没有网络时导出到U盘文件'}
        </Descriptions.Item>
        <Descriptions.Item label="已导出到U盘文件，等待省里回执">
          <span data-testid="carried-in-files">{carried.inFiles}</span>&nbsp;条
          {carried.inFiles > 0 && '：这些数据仍保存在本机，省里导入后请把回执拿回来点“导入回执”（联网同步也会确认）'}
        </Descriptions.Item>
        <Descriptions.Item label="省里已确认收到">
          <span data-testid="carried-confirmed">{carried.confirmed}</span>&nbsp;条{carried.lastConfirmedAt ? `（最近一次：${formatServerTime(carried.lastConfirmedAt)}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="操作日志未送达省里">
          <span data-testid="carried-audit-unsent">{carried.auditUnsent}</span>&nbsp;条
          {carried.auditUnsent > 0 && '：随下次同步或U盘文件一起送出'}
        </Descriptions.Item>
      </Descriptions>
      {pending > 0 && !carried.canEncrypt && (
        <Alert type="warning" showIcon message="本机还没有取得省服务器的加密密钥：此时导出的U盘文件是旧格式（未加密、未签名）。联网同步一次后再导出即为加密签名的文件。" />
      )}
      {waitingFiles.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">等待回执的U盘文件</Typography.Text>}
          dataSource={waitingFiles}
          renderItem={(f) => (
            <List.Item>
              {formatServerTime(f.createdAt)} 导出：{f.batches} 批、{f.ops} 条，其中 {f.waitingOps} 条待确认{f.auditRows > 0 ? `；操作日志 ${f.auditRows} 条待确认` : ''}
              {f.format === 1 ? '（旧格式，未加密）' : ''}
            </List.Item>
          )}
        />
      )}
      <Upload
        accept=".sdreceipt"
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button icon={<ImportOutlined />} loading={importReceipt.isPending} data-testid="import-receipt">
          导入回执
        </Button>
      </Upload>
      {outcome && <Alert style={{ marginTop: 8 }} type={outcome.type} showIcon message={outcome.text} data-testid="receipt-result" />}
    </Card>
  );
}
