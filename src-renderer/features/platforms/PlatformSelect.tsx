import { Select, type SelectProps } from 'antd';
import { usePlatforms } from './use-platforms';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowEmpty?: boolean;
  /** Accessible name where no form label points at the field (filter bars). */
  ariaLabel?: string;
  placeholder?: string;
}

/** Picks a platform of the directory; the ones this county adopted come first, as they are the usual answer. */
export function PlatformSelect({ id, value, onChange, allowEmpty = false, ariaLabel, placeholder }: Props) {
  const platforms = usePlatforms();
  const list = platforms.data ?? [];
  const option = (p: (typeof list)[number]) => ({ value: p.id, label: p.isDemo ? `${p.name}（演示）` : p.name });
  const adopted = list.filter((p) => p.adopted).map(option);
  const others = list.filter((p) => !p.adopted).map(option);
  const options: SelectProps['options'] =
    adopted.length > 0
      ? [
          { label: '本县已采用', title: '本县已采用', options: adopted },
          { label: '其他平台', title: '其他平台', options: others },
        ]
      : others;
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      loading={platforms.isLoading}
      allowClear={allowEmpty}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? (allowEmpty ? '可不填，输入文字查找' : '请选择，输入文字查找')}
      notFoundContent={platforms.isError ? '平台目录没有加载出来' : '没有找到平台'}
      style={{ width: '100%' }}
    />
  );
}
