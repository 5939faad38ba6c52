import { InputNumber, type InputNumberProps } from 'antd';
import type { FocusEvent } from 'react';
import { groupDigits, ungroupDigits } from '../../src-shared/format/numbers';
import { selectOnFocus } from './select-on-focus';

type Props = Omit<InputNumberProps, 'formatter' | 'parser'>;

/**
 * The one number field of both UIs. Its value is selected when it gets the focus, so typing replaces a pre-filled
 * figure instead of appending to it (9617 pre-filled, 9650 typed, 96179650 saved: issue #17); it shows thousands
 * separators (9,617) except while the clerk is typing, and reads back what clerks type: 9617, 9,617, 9，617,
 * full-width digits. Only for quantities: ID numbers, phones and codes are text fields.
 */
export function NumberInput({ onFocus, style, ...props }: Props) {
  return (
    <InputNumber
      style={{ width: '100%', ...style }}
      {...props}
      formatter={(value, info) => (info.userTyping ? info.input : groupDigits(String(value ?? '')))}
      // The cleaned text, not a number: InputNumber reads it (and keeps '' as no value).
      parser={(text) => ungroupDigits(text ?? '')}
      onFocus={(event: FocusEvent<HTMLInputElement>) => {
        selectOnFocus(event);
        onFocus?.(event);
      }}
    />
  );
}
