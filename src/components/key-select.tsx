import { useId } from 'react';
import type { UsableKey } from './use-usable-keys';

interface Props {
  label: string;
  keys: UsableKey[];
  value: string;
  onChange: (keyId: string) => void;
  /** Leave one key out (the source key, when picking a destination). */
  exclude?: string;
}

export function KeySelect({ label, keys, value, onChange, exclude }: Props) {
  const id = useId();
  const options = keys.filter((k) => k.keyId !== exclude);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 w-full max-w-md rounded-lg border border-line bg-surface p-2 text-sm"
      >
        {options.length === 0 && <option value="">No key yet</option>}
        {options.map((k) => (
          <option key={k.keyId} value={k.keyId}>
            {k.label}
          </option>
        ))}
      </select>
    </div>
  );
}
