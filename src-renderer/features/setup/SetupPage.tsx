import { App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { DEFAULT_PIN_POLICY } from '../../../src-shared/domain/operator-pin';
import { messageOf } from '../../api/rpc-error';
import { pinPolicyRule, pinRuleText, sameAsRule } from '../lock/pin-rules';
import { reportFormError } from '../../shared/server-errors';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { validateOrFocus } from '../../shared/validate-form';
import { useCities, useCounties, useProvinces, useSetupInit } from './use-setup';

interface Values {
  provinceCode?: string;
  cityCode?: string;
  countyCode?: string;
  operatorName?: string;
  pin?: string;
  repeat?: string;
}

const SERVER_FIELDS = ['countyCode', 'operatorName', 'pin'] as const;

/**
 * First run: the county this PC reports for, the clerk's name and their PIN. The county and the name appear on
 * every record and report; the PIN unlocks the PC (the lock screen) from then on.
 */
export function SetupPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const provinceCode = Form.useWatch('provinceCode', form);
  const cityCode = Form.useWatch('cityCode', form);
  const provinces = useProvinces();
  const cities = useCities(provinceCode);
  const counties = useCounties(cityCode);
  const init = useSetupInit();

  const save = async () => {
    const values = await validateOrFocus(form);
    if (!values) return;
    init.mutate(
      { countyCode: values.countyCode ?? '', operatorName: values.operatorName ?? '', pin: values.pin ?? '' },
      {
        onError: (error) => reportFormError(error, form, SERVER_FIELDS, message),
      },
    );
  };
  const keyboard = useFormKeyboard(() => void save());

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: '#f0f2f5', padding: 24 }}>
      <Card style={{ width: 480 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          欢迎使用技能培训调度填报
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          第一次使用，请选择本单位并填写您的姓名。本单位会出现在每条登记记录和双周调度表上，设置后如需更改请联系市级管理员。
        </Typography.Paragraph>
        <div ref={keyboard.ref} onKeyDownCapture={keyboard.onKeyDownCapture}>
          <Form form={form} name="setup" layout="vertical">
            <Form.Item name="provinceCode" label="所在省（区、市）" rules={[{ required: true, message: '请选择所在省（区、市）' }]}>
              <Select
                autoFocus
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择，可输入名称查找"
                loading={provinces.isLoading}
                options={provinces.data?.map((unit) => ({ value: unit.code, label: unit.name }))}
                onChange={() => form.setFieldsValue({ cityCode: undefined, countyCode: undefined })}
              />
            </Form.Item>
            <Form.Item name="cityCode" label="所在市（地）" rules={[{ required: true, message: '请选择所在市（地）' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={provinceCode ? '请选择，可输入名称查找' : '请先选择所在省（区、市）'}
                disabled={!provinceCode}
                loading={cities.isLoading}
                options={cities.data?.map((unit) => ({ value: unit.code, label: unit.name }))}
                onChange={() => form.setFieldValue('countyCode', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="countyCode"
              label="本单位（县/区/市）"
              rules={[{ required: true, message: '请选择本单位（县/区/市）' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={cityCode ? '请选择，可输入名称查找' : '请先选择所在市（地）'}
                disabled={!cityCode}
                loading={counties.isLoading}
                options={counties.data?.map((unit) => ({ value: unit.code, label: unit.name }))}
              />
            </Form.Item>
            <Form.Item
              name="operatorName"
              label="操作员姓名"
              rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }]}
            >
              <Input maxLength={20} autoComplete="off" placeholder="您的姓名，如 张三" />
            </Form.Item>
            <Form.Item
              name="pin"
              label="设置 PIN"
              extra={`用于解锁本机：${pinRuleText(DEFAULT_PIN_POLICY)}`}
              rules={[
                { required: true, message: '请设置 PIN' },
                pinPolicyRule(DEFAULT_PIN_POLICY),
              ]}
            >
              <Input.Password autoComplete="off" inputMode="numeric" maxLength={64} />
            </Form.Item>
            <Form.Item
              name="repeat"
              label="再次输入 PIN"
              dependencies={['pin']}
              rules={[{ required: true, message: '请再次输入 PIN' }, sameAsRule('pin')]}
            >
              <Input.Password autoComplete="off" inputMode="numeric" maxLength={64} />
            </Form.Item>
          </Form>
          {provinces.isError && <Typography.Text type="danger">{messageOf(provinces.error)}</Typography.Text>}
          <Button type="primary" size="large" block loading={init.isPending} onClick={() => void save()}>
            开始使用
          </Button>
        </div>
      </Card>
    </Flex>
  );
}
