import { App, Form, Input, Modal, Select } from 'antd';
import { isWebUrl, WEB_URL_MESSAGE } from '../../../src-shared/domain/web-url';
import type { DirectoryPlatform, StaffUser } from '../../../src-shared/staff-api';
import { PLATFORM_LEVEL_LABELS } from '../../features/platforms/platform-levels';
import { staffMessageOf } from '../api/staff-error';
import { useSavePlatform } from '../api/use-staff';
import { citiesOfProvince } from '../../../src-shared/domain/units';

interface Values {
  name: string;
  url?: string;
  level: DirectoryPlatform['level'];
  cityCode?: string;
}

/** The server's rule (http(s) only), told before saving. */
async function webUrlRule(_rule: unknown, value?: string): Promise<void> {
  if (value?.trim() && !isWebUrl(value.trim())) throw new Error(WEB_URL_MESSAGE);
}

/** Adds or edits one entry of the provincial directory; a city account edits only its own city-level entries. */
export function PlatformModal({ user, editing, open, onClose }: { user: StaffUser; editing: DirectoryPlatform | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePlatform();
  const level = Form.useWatch('level', form);
  const levels = user.role === 'province' ? PLATFORM_LEVEL_LABELS : PLATFORM_LEVEL_LABELS.filter((l) => l.level === 'city');
  const provinceCities = citiesOfProvince(user.provinceCode);
  const cities = user.role === 'province' ? provinceCities : provinceCities.filter((c) => c.code === user.cityCode);
  const initial: Values = editing
    ? { name: editing.name, url: editing.url ?? '', level: editing.level, cityCode: editing.cityCode ?? undefined }
    : { name: '', url: '', level: user.role === 'province' ? 'province' : 'city', cityCode: user.cityCode ?? undefined };

  const submit = (values: Values) =>
    save.mutate(
      {
        id: editing?.id,
        name: values.name.trim(),
        url: values.url?.trim() ? values.url.trim() : null,
        level: values.level,
        cityCode: values.level === 'city' ? (values.cityCode ?? null) : null,
      },
      {
        onSuccess: () => {
          void message.success(editing ? '已保存，县里下次同步时更新' : '已添加，县里下次同步时收到');
          onClose();
        },
        onError: (error) => void message.error(staffMessageOf(error)),
      },
    );

  return (
    <Modal
      open={open}
      title={editing ? '修改平台' : '新增平台'}
      okText="保存并下发"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial} preserve={false}>
        <Form.Item name="name" label="平台名称" rules={[{ required: true, whitespace: true, message: '请填写平台名称' }, { max: 200, message: '平台名称最多 200 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="url" label="网址" rules={[{ max: 500, message: '网址最多 500 个字符' }, { validator: webUrlRule }]}>
          <Input placeholder="https://…" />
        </Form.Item>
        <Form.Item name="level" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={levels.map((l) => ({ value: l.level, label: l.label }))} />
        </Form.Item>
        {level === 'city' && (
          <Form.Item name="cityCode" label="所属地市" rules={[{ required: true, message: '请选择地市' }]}>
            <Select options={cities.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
