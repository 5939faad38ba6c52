import { App, Form, type FormInstance } from 'antd';
import { useEffect } from 'react';
import type { ProcedureInput } from '../../../src-shared/contract';
import type { Settings } from '../../../src-shared/schemas/settings';
import { reportFormError } from '../../shared/server-errors';
import { useSaveSettings } from './use-settings';

/**
 * One card of 设置 that edits part of the settings: the form filled from the stored values, and a save that says
 * `saved` or puts a refusal under its field.
 */
export function useSettingsForm<V extends object>(
  settings: Settings | undefined,
  valuesOf: (settings: Settings) => V,
  toInput: (values: V) => ProcedureInput<'settings.set'>,
  fields: ReadonlyArray<keyof V & string>,
  saved: string,
): { form: FormInstance<V>; submit: (values: V) => void; saving: boolean } {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const save = useSaveSettings();
  useEffect(() => {
    // valuesOf is a fresh arrow each render; the form is filled again only when the stored settings change.
    if (settings) form.setFieldsValue(valuesOf(settings) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
  }, [settings, form]);
  const submit = (values: V) =>
    save.mutate(toInput(values), {
      onSuccess: () => void message.success(saved),
      onError: (error) => reportFormError(error, form, fields, message),
    });
  return { form, submit, saving: save.isPending };
}
