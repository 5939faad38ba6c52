import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { isRpcError } from '../../api/rpc-error';
import { reportFormError } from '../../shared/server-errors';
import { TRAINEE_FIELDS } from './trainee-form-values';

interface Options {
  form: FormInstance;
  message: MessageInstance;
  /** Opens the record that already has this ID number. */
  onConflict: (existingId: string) => void;
  /** `patch.` for trainees.update, whose fields are nested. */
  fieldPrefix?: string;
}

/** Turns a failed save into what the clerk needs: messages under the fields, or the existing record. */
export function reportTraineeSaveError(error: unknown, { form, message, onConflict, fieldPrefix = '' }: Options): void {
  if (isRpcError(error) && error.code === 'CONFLICT' && error.existingId) {
    void message.warning(error.message);
    onConflict(error.existingId);
    return;
  }
  reportFormError(error, form, TRAINEE_FIELDS, message, fieldPrefix);
}
