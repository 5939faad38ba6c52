import { Select } from 'antd';
import { useRef, useState } from 'react';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../src-shared/domain/categories';

const OPTIONS = PERSON_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));

interface Props {
  id?: string;
  value?: PersonCategory[];
  onChange?: (value: PersonCategory[]) => void;
}

/**
 * Multiple choice of person categories. A choice made with the keyboard closes the list, so the
 * clerk can type the next category, or press Enter once more to go on to the next field; with the
 * mouse the list stays open for several clicks.
 */
export function CategorySelect({ id, value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const lastInput = useRef<'keyboard' | 'mouse'>('mouse');
  return (
    <div
      onKeyDownCapture={() => {
        lastInput.current = 'keyboard';
      }}
      onMouseDownCapture={() => {
        lastInput.current = 'mouse';
      }}
    >
      <Select<PersonCategory[]>
        id={id}
        mode="multiple"
        value={value}
        onChange={onChange}
        options={OPTIONS}
        open={open}
        onOpenChange={setOpen}
        onSelect={() => {
          if (lastInput.current === 'keyboard') setOpen(false);
        }}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder="可多选，输入文字查找"
      />
    </div>
  );
}
