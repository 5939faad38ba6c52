import { Form } from 'antd';
import type { CSSProperties } from 'react';
import { ageWarning, dateWarnings } from '../../../src-shared/domain/date-checks';
import { parseIdNumber } from '../../../src-shared/domain/id-card';
import { dateFieldRules, dateWarningRule } from '../../shared/date-field-rules';
import { DateInput } from '../../shared/DateInput';
import { useDateContext } from '../settings/use-date-context';

/**
 * 注册日期 as clerks type it (2020/4/5, 20200406, 2020.4.7 …, the import's reader; #17 item 2): refused with the
 * formats when it cannot be read; before the campaign, after today, or an age outside 16-65 by the ID number on
 * that day warns (the clerk may save, having seen it), never silently.
 */
export function RegisteredAtField({ style }: { style?: CSSProperties }) {
  const dateContext = useDateContext();
  const form = Form.useFormInstance();
  return (
    <Form.Item
      name="registeredAt"
      label="注册日期"
      style={style}
      dependencies={['idNumber']}
      validateFirst
      rules={[
        ...dateFieldRules('注册日期', { required: true }),
        dateWarningRule((iso) => {
          const id = parseIdNumber(String(form.getFieldValue('idNumber') ?? ''));
          const age = id.ok ? ageWarning(id.value.birthDate, iso) : null;
          return [...dateWarnings('注册日期', iso, dateContext), ...(age ? [age] : [])];
        }),
      ]}
    >
      <DateInput />
    </Form.Item>
  );
}
