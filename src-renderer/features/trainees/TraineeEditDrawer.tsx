import { App, Button, Divider, Drawer, Flex, Form, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import { LoadFailed } from '../../app/LoadFailed';
import { messageOf } from '../../api/rpc-error';
import { useFormKeyboard } from '../../shared/use-form-keyboard';
import { validateOrFocus } from '../../shared/validate-form';
import { EnrolmentForm } from '../enrolments/EnrolmentForm';
import { DeleteTraineeModal } from './DeleteTraineeModal';
import { reportTraineeSaveError } from './report-save-error';
import { changedFields, fromTrainee, toTraineeInput, type TraineeFormValues } from './trainee-form-values';
import { TraineeFormFields } from './TraineeFormFields';
import { TraineeHistory } from './TraineeHistory';
import { useDeleteTrainee, useTrainee, useUpdateTrainee } from './use-trainees';

interface Props {
  id: string | null;
  onClose: () => void;
  /** Switches the drawer to another trainee (when an edit collides with an existing ID number). */
  onOpen: (id: string) => void;
}

/** One trainee with the full ID number: correct it, add a course taken, read its history, or delete it. */
export function TraineeEditDrawer({ id, onClose, onOpen }: Props) {
  const trainee = useTrainee(id);
  return (
    <Drawer open={id !== null} onClose={onClose} title="学员信息" size={680} destroyOnHidden>
      {trainee.isError && <LoadFailed error={trainee.error} onRetry={() => void trainee.refetch()} />}
      {trainee.isLoading && <Spin />}
      {trainee.data && <EditForm key={trainee.data.id} trainee={trainee.data} onClose={onClose} onOpen={onOpen} />}
    </Drawer>
  );
}

function EditForm({ trainee, onClose, onOpen }: { trainee: Trainee; onClose: () => void; onOpen: (id: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TraineeFormValues>();
  const [deleting, setDeleting] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const update = useUpdateTrainee();
  const remove = useDeleteTrainee();
  const initial = fromTrainee(trainee);

  const save = async () => {
    const values = await validateOrFocus(form);
    if (!values) return;
    const patch = changedFields(toTraineeInput(initial), toTraineeInput(values));
    if (Object.keys(patch).length === 0) {
      void message.info('没有修改');
      return;
    }
    update.mutate(
      { id: trainee.id, patch },
      {
        onSuccess: () => {
          void message.success('已保存');
          onClose();
        },
        onError: (error) => reportTraineeSaveError(error, { form, message, onConflict: onOpen, fieldPrefix: 'patch.' }),
      },
    );
  };
  const keyboard = useFormKeyboard(() => void save());

  const confirmDelete = (reason: string) =>
    remove.mutate(
      { id: trainee.id, reason },
      {
        onSuccess: () => {
          void message.success('已删除');
          setDeleting(false);
          onClose();
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  return (
    <div ref={keyboard.ref} onKeyDownCapture={keyboard.onKeyDownCapture}>
      <Form<TraineeFormValues> form={form} name="trainee-edit" layout="vertical" initialValues={initial}>
        <TraineeFormFields layout="narrow" />
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        登记于 {trainee.createdAt.slice(0, 10)}（{trainee.createdBy ?? '—'}），最后修改 {trainee.updatedAt.slice(0, 10)}（
        {trainee.updatedBy ?? '—'}），培训记录 {trainee.enrolmentCount} 条。
      </Typography.Paragraph>
      <Flex justify="space-between">
        <Space>
          <Button type="primary" loading={update.isPending} onClick={() => void save()}>
            保存
          </Button>
          <Button onClick={() => setEnrolling(true)}>添加培训记录</Button>
        </Space>
        <Button danger onClick={() => setDeleting(true)}>
          删除
        </Button>
      </Flex>
      <Divider titlePlacement="start" plain>
        操作记录
      </Divider>
      <TraineeHistory traineeId={trainee.id} />
      <Drawer open={enrolling} onClose={() => setEnrolling(false)} title="添加培训记录" size={600} destroyOnHidden>
        <EnrolmentForm
          trainee={{ value: trainee.id, label: `${trainee.name}　${maskIdNumber(trainee.idNumber)}` }}
          onSaved={() => setEnrolling(false)}
        />
      </Drawer>
      <DeleteTraineeModal
        open={deleting}
        traineeName={trainee.name}
        deleting={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={confirmDelete}
      />
    </div>
  );
}
