import { App, Button, Form, Space } from 'antd';
import { reportFormError } from '../../shared/server-errors';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { confirmWarnings } from '../../shared/confirm-warnings';
import { validateOrFocus } from '../../shared/validate-form';
import { CourseFields } from './CourseFields';
import {
  emptyEnrolmentValues,
  ENROLMENT_FIELDS,
  toEnrolmentInput,
  type EnrolmentFormValues,
} from './enrolment-form-values';
import { TraineePicker, type TraineeOption } from './TraineePicker';
import { useCreateEnrolment } from './use-enrolments';

interface Props {
  onSaved: () => void;
  /** Opened from a trainee's record: that trainee is filled in. */
  trainee?: TraineeOption;
}

/**
 * One training person-time (培训人次): the plan asks that each be traceable, with sign-in, a
 * learning record and a Q&A or test result.
 */
export function EnrolmentForm({ onSaved, trainee }: Props) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnrolmentFormValues>();
  const create = useCreateEnrolment();

  const save = async () => {
    const values = await validateOrFocus(form);
    if (!values || !(await confirmWarnings(form, modal))) return;
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
      <Form<EnrolmentFormValues>
        form={form}
        name="enrolment"
        layout="vertical"
        initialValues={{ ...emptyEnrolmentValues(), traineeId: trainee?.value }}
      >
        <Form.Item name="traineeId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
          <TraineePicker initialOption={trainee} />
        </Form.Item>
        <CourseFields />
      </Form>
      <Space>
        <Button type="primary" loading={create.isPending} onClick={() => void save()}>
          保存
        </Button>
      </Space>
    </div>
  );
}
