import { CalendarOutlined } from '@ant-design/icons';
import { Button, Calendar, Input, Popover } from 'antd';
import dayjs from 'dayjs';
import { useState, type FocusEvent } from 'react';
import { parseTypedDate } from '../../src-shared/domain/typed-date';

interface Props {
  /** The text as typed, or 'YYYY-MM-DD' once understood; the form validates it with dateFieldRules. */
  value?: string | null;
  onChange?: (value: string) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
  disabled?: boolean;
}

/**
 * A date field that takes what clerks type (2020/4/5, 20200406, 2020.4.7, 2020年4月5日, an Excel serial; see
 * typed-date.ts) instead of silently dropping it as a date picker does; a calendar button for the mouse. On leaving
 * the field a date that was understood is shown back as 2020-04-05, so the clerk sees what was read; text that was
 * not understood stays as typed, for the form's rule to say what is wrong.
 */
export function DateInput({ value, onChange, onBlur, id, placeholder, disabled, ...rest }: Props) {
  const [open, setOpen] = useState(false);
  const text = value ?? '';
  const iso = parseTypedDate(text);
  const picker = (
    <div style={{ width: 280 }}>
      <Calendar
        fullscreen={false}
        value={iso ? dayjs(iso) : dayjs()}
        onSelect={(date, info) => {
          if (info.source !== 'date') return;
          onChange?.(date.format('YYYY-MM-DD'));
          setOpen(false);
        }}
      />
    </div>
  );
  return (
    <Input
      id={id}
      value={text}
      disabled={disabled}
      aria-label={rest['aria-label']}
      placeholder={placeholder ?? '如 2020-04-05 或 2020/4/5'}
      autoComplete="off"
      spellCheck={false}
      maxLength={30}
      onChange={(event) => onChange?.(event.target.value)}
      onBlur={(event) => {
        if (iso && iso !== text) onChange?.(iso);
        onBlur?.(event);
      }}
      suffix={
        <Popover content={picker} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
          <Button type="text" size="small" tabIndex={-1} icon={<CalendarOutlined />} aria-label="打开日历" disabled={disabled} />
        </Popover>
      }
    />
  );
}
