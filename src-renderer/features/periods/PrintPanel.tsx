import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/rpc-error';
import { saveBase64File } from './download';
import { TablePreviewModal } from './TablePreviewModal';
import { useExportTable, useTableHtml } from './use-dispatch';

/** The official table: print preview, and downloads of the PDF and the .xlsx. */
export function PrintPanel({ periodId }: { periodId: string }) {
  const { message } = App.useApp();
  const [previewing, setPreviewing] = useState(false);
  const html = useTableHtml(periodId, previewing);
  const exportTable = useExportTable();

  const download = (format: 'pdf' | 'xlsx') =>
    exportTable.mutate(
      { target: { periodId }, format },
      {
        onSuccess: (file) => {
          saveBase64File(file);
          void message.success(`已生成 ${file.fileName}`);
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  return (
    <Flex gap={8} wrap>
      <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)}>
        打印预览
      </Button>
      <Button icon={<DownloadOutlined />} loading={exportTable.isPending && exportTable.variables?.format === 'pdf'} onClick={() => download('pdf')}>
        下载 PDF
      </Button>
      <Button icon={<DownloadOutlined />} loading={exportTable.isPending && exportTable.variables?.format === 'xlsx'} onClick={() => download('xlsx')}>
        下载 Excel（.xlsx）
      </Button>
      <TablePreviewModal open={previewing} html={html.data?.html} error={html.isError ? messageOf(html.error) : null} onClose={() => setPreviewing(false)} />
    </Flex>
  );
}
