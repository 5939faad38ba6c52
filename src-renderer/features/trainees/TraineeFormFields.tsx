import { Col, Form, Input, Radio, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { livingAllowanceEligibility } from '../../../src-shared/domain/categories';
import { PlatformSelect } from '../platforms/PlatformSelect';
import { AllowanceTag } from './AllowanceTag';
import { CategorySelect } from './CategorySelect';
import { nameRules, phoneRules } from './contact-rules';
import { idNumberRules, normalizeIdNumberField, normalizePhoneField } from './id-number-rules';
import { IdNumberInfo } from './IdNumberInfo';
import { RegisteredAtField } from './RegisteredAtField';
import type { TraineeFormValues } from './trainee-form-values';

interface Props {
  /** 'panel' lays fields out one a line (the entry panel beside the list), 'narrow' in two columns (the edit drawer). */
  layout: 'panel' | 'narrow';
  /** Extra content under the ID number, e.g. a hint that it is already registered. */
  idNumberHint?: ReactNode;
}

const HUKOU_OPTIONS = [
  { label: '农村', value: true },
  { label: '城镇', value: false },
];

/**
 * The trainee fields, in the order a clerk reads them off the card and the form. Must be rendered
 * inside an antd Form whose values are TraineeFormValues.
 */
export function TraineeFormFields({ layout, idNumberHint }: Props) {
  const form = Form.useFormInstance<TraineeFormValues>();
  const idNumber = Form.useWatch('idNumber', form);
  const categories = Form.useWatch('categories', form) ?? [];
  const ruralHukou = Form.useWatch('ruralHukou', form);
  const hukouUnknown = ruralHukou === null || ruralHukou === undefined;
  const allowance = livingAllowanceEligibility(categories, hukouUnknown ? null : ruralHukou);
  const panel = layout === 'panel';
  const third = panel ? { span: 24 } : { xs: 24, sm: 12 };
  const whole = { span: 24 };
  // Tighter lines in the panel, so all eight fields fit a 768-px-high screen.
  const itemStyle = panel ? { marginBottom: 12 } : undefined;

  return (
    <Row gutter={16}>
      <Col {...third}>
        <Form.Item
          name="idNumber"
          label="身份证号"
          style={itemStyle}
          rules={idNumberRules}
          normalize={normalizeIdNumberField}
          validateTrigger={['onChange', 'onBlur']}
          validateFirst
          extra={
            <>
              <IdNumberInfo value={idNumber} />
              {idNumberHint}
            </>
          }
        >
          <Input maxLength={40} autoComplete="off" spellCheck={false} placeholder="18位，最后一位可能是X" />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item name="name" label="姓名" style={itemStyle} rules={nameRules}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item
          name="phone"
          label="联系电话"
          style={itemStyle}
          rules={phoneRules}
          normalize={normalizePhoneField}
          validateTrigger={['onChange', 'onBlur']}
          validateFirst
        >
          <Input maxLength={30} autoComplete="off" inputMode="tel" placeholder="手机号或带区号的座机" />
        </Form.Item>
      </Col>
      <Col {...whole}>
        <Form.Item
          name="categories"
          label="人员类别"
          style={itemStyle}
          extra={
            allowance.eligible ? (
              <AllowanceTag reasons={allowance.reasons} />
            ) : allowance.pending ? (
              '生活费补贴待定：两后生要看户籍，请补充户籍'
            ) : categories.length === 0 ? (
              '人员类别待补充：请向学员确认后选择'
            ) : undefined
          }
        >
          <CategorySelect />
        </Form.Item>
      </Col>
      <Col {...third}>
        {/* May stay 待补充 (the same rule as an import, src-shared/fields/trainee-fields.ts); asked for whenever the form shows it empty. */}
        <Form.Item
          name="ruralHukou"
          label="户籍"
          style={itemStyle}
          validateStatus={hukouUnknown ? 'warning' : undefined}
          help={hukouUnknown ? '户籍待补充：请向学员确认后选择农村或城镇' : undefined}
        >
          <Radio.Group options={HUKOU_OPTIONS} aria-label="户籍" />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item name="platformId" label="注册平台" style={itemStyle}>
          <PlatformSelect allowEmpty />
        </Form.Item>
      </Col>
      <Col {...third}>
        <RegisteredAtField style={itemStyle} />
      </Col>
      <Col {...whole}>
        <Form.Item name="note" label="备注" style={itemStyle}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          回车到下一项，Ctrl+S 保存。
        </Typography.Text>
      </Col>
    </Row>
  );
}
