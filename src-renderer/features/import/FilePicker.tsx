import { InboxOutlined } from '@ant-design/icons';
import { Alert, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { errorText } from './error-text';
import type { FileRef } from './file-transfer';
import { useUpload } from './use-import';

/**
 * Choosing the spreadsheet: click or drop. .xls and .et are accepted on purpose, so the clerk who picks one gets
 * the host's message on how to save it as .xlsx rather than a file dialog that silently hides the file.
 */
export function FilePicker({ disabled, onUploaded }: { disabled: boolean; onUploaded: (file: FileRef) => void }) {
  const upload = useUpload();
  const customRequest: UploadProps['customRequest'] = (options) => {
    const { file } = options;
    if (!(file instanceof File)) return;
    upload.mutate(file, {
      onSuccess: (ref) => {
        options.onSuccess?.(ref);
        onUploaded(ref);
      },
      onError: (error) => options.onError?.(error),
    });
  };
  return (
    <>
      <Upload.Dragger
        accept=".xlsx,.csv,.xls,.et"
        multiple={false}
        showUploadList={false}
        disabled={disabled || upload.isPending}
        customRequest={customRequest}
        aria-label="选择要导入的 Excel 或 CSV 文件"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? '正在读取文件…' : '点击选择文件，或把文件拖到这里'}</p>
        <p className="ant-upload-hint">支持 Excel 工作簿（.xlsx）、旧版 Excel（.xls）、WPS 表格（.et）和 CSV 文件（.csv）；选择后先检查，不会马上导入</p>
      </Upload.Dragger>
      {upload.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorText(upload.error)} />}
    </>
  );
}
