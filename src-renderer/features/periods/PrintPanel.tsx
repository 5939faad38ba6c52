import { DownloadOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Spin } from 'antd';
import { useRef, useState } from 'react';
import { messageOf } from '../../api/rpc-error';
import { saveBase64File } from './download';
import { useExportTable, useTableHtml } from './use-dispatch';

/**
 * The official table: preview (the same HTML the PDF is printed from, in a sandboxed frame without scripts), the
 * browser's own print of that frame, and downloads of the PDF and the .xlsx.
 */
export function PrintPanel({ periodId }: { periodId: string }) {
  const { message } = App.useApp();
  const [previewing, setPreviewing] = useState(false);
  const html = useTableHtml(periodId, previewing);
  const exportTable = useExportTable();
  const frame = useRef<HTMLIFrameElement>(null);

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
      <Modal
        open={previewing}
        title="打印预览（A4 横向）"
        width={1100}
        onCancel={() => setPreviewing(false)}
        footer={[
          <Button key="close" onClick={() => setPreviewing(false)}>
            关闭预览
          </Button>,
          <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!html.data} onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </Button>,
        ]}
        destroyOnHidden
      >
        {html.isError && <div role="alert">{messageOf(html.error)}</div>}
        {html.data ? (
          <iframe
            ref={frame}
            title="调度表打印预览"
            srcDoc={html.data.html}
            // Same origin so the 打印 button can print the frame; no allow-scripts: the document runs nothing.
            sandbox="allow-same-origin allow-modals"
            style={{ width: '100%', height: '70vh', border: '1px solid #d9d9d9', background: '#fff' }}
          />
        ) : (
          !html.isError && <Spin />
        )}
      </Modal>
    </Flex>
  );
}
