import { App, Form, Input, Modal, Select } from 'antd';
import type { PlatformLevel } from '../../../src-shared/schemas/reference';
import { reportFormError } from '../../shared/server-errors';
import { PLATFORM_LEVEL_LABELS } from './platform-levels';
import { useCreatePlatform } from './use-platforms';

interface Values {
  name: string;
  url?: string;
  level: PlatformLevel;
}

const FIELDS = ['name', 'url', 'level'] as const;

/**
 * The ministry's recommended list comes from above only (the plan forbids inventing it), so a
 * county adds province-wide or city-level platforms it uses that the province has not sent yet.
 */
const LOCAL_LEVELS = PLATFORM_LEVEL_LABELS.filter((l) => l.level !== 'national').map((l) => ({ value: l.level, label: l.label }));

/** A platform the county uses that is not (yet) in the provincial directory. */
export function NewPlatformModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlatform();

  const submit = (values: Values) =>
    create.mutate(
      { name: values.name, url: values.url?.trim() ? values.url.trim() : null, level: values.level },
      {
        onSuccess: () => {
          void message.success('已添加');
          onClose();
        },
        onError: (error) => reportFormError(error, form, FIELDS, message),
      },
    );

  return (
    <Modal
      open={open}
      title="新增本地平台"
      okText="添加"
      cancelText="取消"
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} name="platform-new" layout="vertical" onFinish={submit} initialValues={{ level: 'city' }}>
        <Form.Item name="name" label="平台名称" rules={[{ required: true, whitespace: true, message: '请填写平台名称' }]}>
          <Input maxLength={100} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item name="url" label="平台网址">
          <Input maxLength={200} autoComplete="off" placeholder="https://" />
        </Form.Item>
        <Form.Item name="level" label="平台层级" rules={[{ required: true, message: '请选择平台层级' }]}>
          <Select options={LOCAL_LEVELS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
