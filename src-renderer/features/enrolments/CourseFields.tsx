import { Col, Form, Input, Row, Switch } from 'antd';
import { dateWarnings } from '../../../src-shared/domain/date-checks';
import { parseTypedDate } from '../../../src-shared/domain/typed-date';
import { dateFieldRules, dateWarningRule } from '../../shared/date-field-rules';
import { DateInput } from '../../shared/DateInput';
import { NumberInput } from '../../shared/NumberInput';
import { useDateContext } from '../settings/use-date-context';
import { PlatformSelect } from '../platforms/PlatformSelect';
import { OccupationSelect } from './OccupationSelect';

/**
 * The course of a training record (培训人次): where, what, when, how long, and the three proofs the
 * plan asks for (sign-in, learning record, Q&A or test result). Shared by the single record form and
 * quick mode; must sit inside an antd Form whose values include EnrolmentFormValues' course fields.
 */
export function CourseFields() {
  const dateContext = useDateContext();
  const startRules = [...dateFieldRules('开始日期', { required: true }), dateWarningRule((iso) => dateWarnings('开始日期', iso, dateContext))];
  const endRules = [
    ...dateFieldRules('结束日期', { required: false }),
    ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
      validator: (_rule: unknown, value: unknown) => {
        const end = typeof value === 'string' ? parseTypedDate(value) : null;
        const startValue = getFieldValue('startDate');
        const start = typeof startValue === 'string' ? parseTypedDate(startValue) : null;
        return end && start && end < start ? Promise.reject(new Error('结束日期不能早于开始日期')) : Promise.resolve();
      },
    }),
    dateWarningRule((iso) => dateWarnings('结束日期', iso, dateContext)),
  ];
  return (
    <Row gutter={16}>
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
        <Form.Item name="courseName" label="课程名称" rules={[{ required: true, whitespace: true, message: '请填写课程名称' }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="startDate" label="开始日期" rules={startRules} validateFirst>
          <DateInput />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="endDate" label="结束日期" rules={endRules} dependencies={['startDate']} validateFirst>
          <DateInput placeholder="未结束可不填" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <NumberInput min={0} max={2000} step={0.5} />
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
  );
}
