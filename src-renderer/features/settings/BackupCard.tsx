import { Alert, Button, Card, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { invoke } from '../../api/client';
import { messageOf } from '../../api/rpc-error';
import { saveFile, uploadFile } from '../import/file-transfer';

type Outcome = { kind: 'saved'; fileName: string } | { kind: 'staged'; trainees: number } | { kind: 'error'; message: string };

/**
 * 数据备份: a copy of everything on this PC to keep elsewhere (USB stick, network share), and a
 * restore that is checked first and takes effect at the next start, so nothing is swapped under
 * the clerk's feet.
 */
export function BackupCard() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function backup() {
    setBusy(true);
    try {
      const file = await invoke('backup.create', {});
      saveFile(file);
      setOutcome({ kind: 'saved', fileName: file.fileName });
    } catch (error) {
      setOutcome({ kind: 'error', message: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  async function restore(file: File) {
    setBusy(true);
    try {
      const uploaded = await uploadFile(file);
      const result = await invoke('backup.restore', { fileId: uploaded.fileId });
      setOutcome({ kind: 'staged', trainees: result.trainees });
    } catch (error) {
      setOutcome({ kind: 'error', message: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="数据备份">
      <Typography.Paragraph type="secondary">
        备份文件包含本机的全部数据（含身份证号），请存放在安全的地方。恢复会用备份替换本机现有数据，下次打开程序时生效，替换前的数据会另存一份。
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button type="primary" loading={busy} onClick={() => void backup()}>
          备份到文件
        </Button>
        <Upload
          accept=".sqlite,.db"
          showUploadList={false}
          beforeUpload={(file) => {
            void restore(file);
            return false;
          }}
        >
          <Button loading={busy}>从备份文件恢复</Button>
        </Upload>
      </Flex>
      {outcome?.kind === 'saved' && <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已生成备份文件：${outcome.fileName}`} />}
      {outcome?.kind === 'staged' && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`备份已检查无误（${outcome.trainees} 名学员），请关闭并重新打开本程序以完成恢复。`} />
      )}
      {outcome?.kind === 'error' && <Alert style={{ marginTop: 12 }} type="error" showIcon title={outcome.message} />}
    </Card>
  );
}
