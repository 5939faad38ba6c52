import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { IMPORT_KINDS } from '../../../src-shared/schemas/import';
import { errorText } from './error-text';
import { KIND_LABELS } from './import-fields';
import { useTemplateDownload } from './use-import';

/** 下载导入模板: the .xlsx with the right columns, drop-downs and an instructions sheet, one per kind. */
export function TemplateButtons() {
  const download = useTemplateDownload();
  const { message } = App.useApp();
  return (
    <Space wrap>
      <Typography.Text>还没有合适的表格？先下载模板，照着填写：</Typography.Text>
      {IMPORT_KINDS.map((kind) => (
        <Button
          key={kind}
          icon={<DownloadOutlined />}
          loading={download.isPending && download.variables === kind}
          onClick={() => download.mutate(kind, { onError: (error) => void message.error(errorText(error)) })}
        >
          下载{KIND_LABELS[kind]}导入模板
        </Button>
      ))}
    </Space>
  );
}

