import { Button, Card, Form, InputNumber, Switch, Typography } from 'antd';
import type { Settings } from '../../../src-shared/schemas/settings';
import { useSettingsForm } from './use-settings-form';

interface Values {
  idleLockMinutes: number;
  pinMinLength: number;
  pinAllowLetters: boolean;
}

/**
 * 锁定与 PIN: how long the PC may stand idle before it locks, and the rule new PINs must meet (GB/T 22239
 * 8.1.4.1: identification, complexity, session timeout). A stricter rule applies to PINs set from now on; the
 * PINs already set stay valid until their operator changes them.
 */
export function LockSettingsCard({ settings }: { settings: Settings | undefined }) {
  const { form, submit, saving } = useSettingsForm<Values>(
    settings,
    (s) => ({ idleLockMinutes: s.idleLockMinutes, pinMinLength: s.pinPolicy.minLength, pinAllowLetters: s.pinPolicy.allowLetters }),
    (values) => values,
    ['idleLockMinutes', 'pinMinLength', 'pinAllowLetters'],
    '已保存：新的锁定时间立即生效，PIN 规则用于此后设置的 PIN',
  );

  return (
    <Card size="small" title="锁定与 PIN" loading={!settings}>
      <Typography.Paragraph type="secondary">
        无人操作达到设定的分钟数后自动锁定；PIN 规则用于此后设置或修改的 PIN，已设置的 PIN 继续有效。
      </Typography.Paragraph>
      <Form form={form} name="lock-settings" layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="idleLockMinutes" label="无操作自动锁定（分钟）" rules={[{ required: true, message: '请填写分钟数' }]}>
          <InputNumber min={1} max={120} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="pinMinLength" label="PIN 最短位数" rules={[{ required: true, message: '请填写位数' }]}>
          <InputNumber min={4} max={32} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="pinAllowLetters" label="允许字母" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
