import { Alert, App, Button, Form, Space } from 'antd';
import { reportFormError } from '../../shared/server-errors';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { confirmWarnings } from '../../shared/confirm-warnings';
import { validateOrFocus } from '../../shared/validate-form';
import { CourseFields } from './CourseFields';
import { emptyEnrolmentValues, ENROLMENT_FIELDS, toCourseInput, type EnrolmentFormValues } from './enrolment-form-values';
import { useCreateManyEnrolments } from './use-enrolments';

/** enrolments.createMany refuses more in one call; the list caps its selection accordingly. */
export const QUICK_MODE_LIMIT = 500;

interface Props {
  traineeIds: string[];
  onSaved: (created: number) => void;
}

/**
 * Quick mode: a whole class took the same course on the same platform, so the course is typed once
 * for every trainee ticked in the list. All or nothing: either every record is saved or none.
 */
export function QuickEnrolmentForm({ traineeIds, onSaved }: Props) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnrolmentFormValues>();
  const createMany = useCreateManyEnrolments();

  const save = async () => {
    const values = await validateOrFocus(form);
    if (!values || !(await confirmWarnings(form, modal))) return;
    createMany.mutate(
      { traineeIds, course: toCourseInput(values) },
      {
        onSuccess: ({ created }) => {
          void message.success(`已为 ${created} 名学员添加培训记录`);
          onSaved(created);
        },
        // Problems are named `course.platformId` etc. by the main side.
        onError: (error) => reportFormError(error, form, ENROLMENT_FIELDS, message, 'course.'),
      },
    );
  };
  const keyboard = useFormKeyboard(() => void save());

  return (
    <div ref={keyboard.ref} onKeyDownCapture={keyboard.onKeyDownCapture}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`将为已勾选的 ${traineeIds.length} 名学员各添加一条相同的培训记录。`} />
      <Form<EnrolmentFormValues> form={form} name="enrolment-quick" layout="vertical" initialValues={emptyEnrolmentValues()}>
        <CourseFields />
      </Form>
      <Space>
        <Button type="primary" loading={createMany.isPending} onClick={() => void save()}>
          为 {traineeIds.length} 名学员保存
        </Button>
      </Space>
    </div>
  );
}
