import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Space, Switch } from 'antd';
import { reportFormError } from '../../shared/server-errors';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { validateOrFocus } from '../../shared/validate-form';
import { PlatformSelect } from '../platforms/PlatformSelect';
import {
  emptyEnrolmentValues,
  ENROLMENT_FIELDS,
  toEnrolmentInput,
  type EnrolmentFormValues,
} from './enrolment-form-values';
import { OccupationSelect } from './OccupationSelect';
import { TraineePicker } from './TraineePicker';
import { useCreateEnrolment } from './use-enrolments';

/**
 * One training person-time (培训人次): the plan asks that each be traceable, with sign-in, a
 * learning record and a Q&A or test result.
 */
export function EnrolmentForm({ onSaved }: { onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EnrolmentFormValues>();
  const create = useCreateEnrolment();

  const save = async () => {
    const values = await validateOrFocus(form);
    if (!values) return;
    create.mutate(toEnrolmentInput(values), {
      onSuccess: () => {
        void message.success('已保存');
        form.resetFields();
        onSaved();
      },
      onError: (error) => reportFormError(error, form, ENROLMENT_FIELDS, message),
    });
  };
  const keyboard = useFormKeyboard(() => void save());

  return (
    <div ref={keyboard.ref} onKeyDownCapture={keyboard.onKeyDownCapture}>
      <Form<EnrolmentFormValues> form={form} name="enrolment" layout="vertical" initialValues={emptyEnrolmentValues()}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="traineeId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
              <TraineePicker />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="platformId" label="培训平台" rules={[{ required: true, message: '请选择培训平台' }]}>
              <PlatformSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="occupationId" label="职业（工种）">
              <OccupationSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="courseName"
              label="课程名称"
              rules={[{ required: true, whitespace: true, message: '请填写课程名称' }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="endDate" label="结束日期">
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="未结束可不填" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={0} max={2000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="signedIn" label="已签到" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="learningRecord" label="学习记录">
              <Input.TextArea rows={2} maxLength={500} placeholder="如：完成 12 个视频课时，学习进度 100%" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="testResult" label="测试结果">
              <Input maxLength={200} autoComplete="off" placeholder="如：在线测试 86 分，合格" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Space>
        <Button type="primary" loading={create.isPending} onClick={() => void save()}>
          保存
        </Button>
      </Space>
    </div>
  );
}
