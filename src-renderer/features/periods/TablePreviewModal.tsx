import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal, Spin } from 'antd';
import { useRef } from 'react';

/**
 * The official table's print preview: the same HTML the PDF is printed from, in a sandboxed frame without scripts,
 * and the browser's own print of that frame. Used by the county's 双周调度 and by the staff roll-up.
 */
export function TablePreviewModal({ open, html, error, onClose }: { open: boolean; html: string | undefined; error: string | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal
      open={open}
      title="打印预览（A4 横向）"
      width={1100}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭预览
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!html} onClick={() => frame.current?.contentWindow?.print()}>
          打印
        </Button>,
      ]}
      destroyOnHidden
    >
      {error !== null && <div role="alert">{error}</div>}
      {html ? (
        <iframe
          ref={frame}
          title="调度表打印预览"
          srcDoc={html}
          // Same origin so the 打印 button can print the frame; no allow-scripts: the document runs nothing.
          sandbox="allow-same-origin allow-modals"
          style={{ width: '100%', height: '70vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : (
        error === null && <Spin />
      )}
    </Modal>
  );
}
