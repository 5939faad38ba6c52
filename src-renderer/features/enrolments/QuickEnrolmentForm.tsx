import { Alert, App, Button, Form, Space, Typography } from 'antd';
import { useTraineeList } from '../trainees/use-trainees';
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
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`将为已勾选的 ${traineeIds.length} 名学员各添加一条相同的培训记录。`} description={<TickedNames ids={traineeIds} />} />
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

/** Who the records are for, by name, so a clerk sees a wrong tick before saving (a long list folds to 3 lines). */
function TickedNames({ ids }: { ids: string[] }) {
  const list = useTraineeList({ ids, pageSize: QUICK_MODE_LIMIT, sort: 'name', order: 'asc' });
  if (list.isError) return <Typography.Text type="secondary">学员姓名暂时无法显示</Typography.Text>;
  if (!list.data) return <Typography.Text type="secondary">正在读取学员姓名…</Typography.Text>;
  return (
    <Typography.Paragraph data-testid="ticked-names" style={{ marginBottom: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? '收起' : '展开全部') }}>
      {list.data.items.map((trainee) => trainee.name).join('、')}
    </Typography.Paragraph>
  );
}
