import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { validateOrFocus } from '../../shared/validate-form';
import { reportTraineeSaveError } from './report-save-error';
import {
  emptyTraineeValues,
  keptForNext,
  toTraineeInput,
  TRAINEE_FIELDS,
  type TraineeFormValues,
} from './trainee-form-values';
import { TraineeFormFields } from './TraineeFormFields';
import { useExistingTrainee } from './use-existing-trainee';
import { useCreateTrainee } from './use-trainees';

const FORM_NAME = 'trainee-entry';

interface Props {
  /** Opens a trainee in the edit drawer (when the ID number is already registered). */
  onOpen: (id: string) => void;
  onSaved: (id: string) => void;
  /** Folds the panel away, giving the list the page's full width. */
  onFold: () => void;
}

/** The registration form beside the list of 学员登记: built for typing one trainee after another. */
export function TraineeEntryForm({ onOpen, onSaved, onFold }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TraineeFormValues>();
  const create = useCreateTrainee();
  const idNumber = Form.useWatch('idNumber', form);
  const existing = useExistingTrainee(idNumber);
  const saving = useRef(false);

  /**
   * Starts the next trainee. Not `resetFields()`: that remounts every input, which would drop the
   * focus the clerk needs on 身份证号 to type on without touching the mouse.
   */
  const startNext = (kept: Partial<TraineeFormValues> = {}) => {
    const values = emptyTraineeValues(kept);
    form.setFields(TRAINEE_FIELDS.map((name) => ({ name, value: values[name], errors: [], touched: false })));
    form.focusField('idNumber');
  };

  // Arriving at 学员登记 (after setup, after unlocking, from another page) the cursor waits in 身份证号 (#17 item 5).
  // Only when nothing else has the focus: the form mounts after the list, and a clerk already in a row of it
  // (Space to tick, arrows to move) must keep it.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) form.focusField('idNumber');
  }, [form]);

  const save = async (next: 'clear' | 'keep') => {
    if (saving.current) return;
    const values = await validateOrFocus(form);
    if (!values) return;
    saving.current = true;
    create.mutate(toTraineeInput(values), {
      onSuccess: (trainee) => {
        void message.success('已保存');
        startNext(next === 'keep' ? keptForNext(values) : {});
        onSaved(trainee.id);
      },
      onError: (error) => reportTraineeSaveError(error, { form, message, onConflict: onOpen }),
      onSettled: () => {
        saving.current = false;
      },
    });
  };
  const keyboard = useFormKeyboard(() => void save('clear'));

  const duplicate = existing.data ? (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 4 }}
      title={`该身份证号已登记：${existing.data.name}（${existing.data.registeredAt}）`}
      action={
        <Button size="small" onClick={() => existing.data && onOpen(existing.data.id)}>
          打开
        </Button>
      }
    />
  ) : null;

  return (
    <Card
      title="学员登记"
      size="small"
      extra={
        <Button size="small" type="text" onClick={onFold}>
          收起
        </Button>
      }
    >
      <div ref={keyboard.ref} onKeyDownCapture={keyboard.onKeyDownCapture}>
        <Form<TraineeFormValues>
          form={form}
          name={FORM_NAME}
          layout="horizontal"
          labelCol={{ flex: '80px' }}
          labelWrap
          colon={false}
          initialValues={emptyTraineeValues()}
        >
          <TraineeFormFields layout="panel" idNumberHint={duplicate} />
        </Form>
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" loading={create.isPending} onClick={() => void save('clear')}>
            保存
          </Button>
          <Button loading={create.isPending} onClick={() => void save('keep')}>
            保存并新增
          </Button>
          <Button onClick={() => startNext()}>清空</Button>
        </Space>
      </div>
    </Card>
  );
}
