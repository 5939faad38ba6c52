import { App, Button, Card, Form, InputNumber, Radio, Select } from 'antd';
import { FIGURE_KEYS, FIGURE_NAMES } from '../../../src-shared/domain/dispatch-figures';
import { RULE_KIND_LABELS, RULE_KINDS, type RuleKind } from '../../../src-shared/domain/check-rules';
import { staffMessageOf } from '../api/staff-error';
import { useAddRule, type NewRuleInput } from '../api/use-staff';

const FIGURE_OPTIONS = FIGURE_KEYS.map((key) => ({ value: key, label: FIGURE_NAMES[key] }));
const KIND_OPTIONS = RULE_KINDS.map((kind) => ({ value: kind, label: RULE_KIND_LABELS[kind] }));

type Values = { kind: RuleKind; severity: 'mandatory' | 'advisory'; figure?: string; other?: string; factor?: number; percent?: number };

/** The province's form for a new rule: a kind, a severity and the kind's few parameters; the server checks them again. */
export function NewRuleForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const add = useAddRule();
  const submit = (v: Values) =>
    add.mutate(v as NewRuleInput, {
      onSuccess: (row) => {
        void message.success(`已新增规则 ${row.rule.id}，各县下次同步后生效`);
        form.resetFields();
      },
      onError: (error) => void message.error(staffMessageOf(error)),
    });
  return (
    <Card title="新增规则" size="small">
      <Form form={form} name="new-rule" layout="inline" initialValues={{ kind: 'not_below_previous', severity: 'advisory' }} onFinish={submit}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择规则类型' }]}>
          <Select options={KIND_OPTIONS} style={{ width: 220 }} />
        </Form.Item>
        {kind !== 'city_sum' && (
          <Form.Item name="figure" label="数字项目" rules={[{ required: true, message: '请选择数字项目' }]}>
            <Select options={FIGURE_OPTIONS} style={{ width: 240 }} />
          </Form.Item>
        )}
        {kind === 'at_most_times' && (
          <>
            <Form.Item name="factor" label="倍数 k" rules={[{ required: true, message: '请填写倍数' }]}>
              <InputNumber min={0.01} max={1000} step={0.1} />
            </Form.Item>
            <Form.Item name="other" label="乘以" rules={[{ required: true, message: '请选择另一项数字' }]}>
              <Select options={FIGURE_OPTIONS} style={{ width: 240 }} />
            </Form.Item>
          </>
        )}
        {kind === 'change_within' && (
          <Form.Item name="percent" label="变化不超过（%）" rules={[{ required: true, message: '请填写百分比' }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        )}
        <Form.Item name="severity" label="严重程度">
          <Radio.Group
            options={[
              { value: 'mandatory', label: '强制（不通过不能上报）' },
              { value: 'advisory', label: '提示（可填写说明后上报）' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            新增并下发
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
