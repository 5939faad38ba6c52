import type { App, FormInstance } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * After a successful validation, the form's `warningOnly` findings (a date before the campaign, a 1-year-old
 * trainee) are put to the clerk before saving: 确认无误，保存 goes on, 返回修改 puts the cursor into the first
 * field that was flagged. `fields` limits the question to what the clerk changed (an edit of the phone must not ask
 * again about a registration date accepted long ago). Answers true to save.
 */
export async function confirmWarnings<T>(form: FormInstance<T>, modal: ModalApi, fields?: readonly string[]): Promise<boolean> {
  const flagged = form
    .getFieldsError()
    .filter((field) => field.warnings.length > 0 && (!fields || fields.includes(String(field.name[0]))));
  if (flagged.length === 0) return true;
  const confirmed = await modal.confirm({
    title: '请确认以下内容',
    content: (
      <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="save-warnings">
        {flagged.flatMap((field) => field.warnings.map((warning) => <li key={`${String(field.name[0])}:${warning}`}>{warning}</li>))}
      </ul>
    ),
    okText: '确认无误，保存',
    cancelText: '返回修改',
    autoFocusButton: 'ok',
  });
  if (!confirmed) {
    const first = flagged[0];
    if (first) form.scrollToField(first.name, { block: 'center', focus: true });
  }
  return confirmed;
}
