import { useEffect, useRef } from 'react';
import { labTags, useCreateKey } from '../api';
import { useConnection } from '../connection';
import { Button } from './button';
import { ErrorExplainer } from './error-explainer';

interface Props {
  count: number;
  names: string[];
}

/** Creates the practice keys this panel needs when the account has too few. */
export function PracticeKeys({ count, names }: Props) {
  const conn = useConnection();
  const createKey = useCreateKey();
  const missing = names.slice(count);
  const box = useRef<HTMLDivElement>(null);
  const region = useRef<Element | null>(null);
  const hadFocus = useRef(false);
  // When the keys exist this box goes away with the button that had focus: move focus to the
  // panel's first control (the key selector), not the page body.
  useEffect(() => {
    if (missing.length > 0 || !hadFocus.current) return;
    hadFocus.current = false;
    region.current?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  }, [missing.length]);
  if (missing.length === 0) return null;
  return (
    <div ref={box} className="rounded-md border border-accent bg-accent-soft p-3 text-sm">
      <p>
        This panel needs {names.length} symmetric customer managed {names.length === 1 ? 'key' : 'keys'}; {count === 0 ? 'there is none yet' : `there ${count === 1 ? 'is' : 'are'} ${count}`}.
        Create {missing.length === 1 ? 'it' : 'them'} here, or in the Keys lab.
      </p>
      <Button
        className="mt-2"
        variant="primary"
        busy={createKey.isPending}
        onClick={async () => {
          hadFocus.current = true;
          region.current = box.current?.parentElement ?? null;
          for (const description of missing) {
            await createKey.mutateAsync({ Description: description, Tags: labTags(conn) }).catch(() => undefined);
          }
        }}
      >
        Create {missing.length === 1 ? 'a practice key' : `${missing.length} practice keys`}
      </Button>
      {createKey.error && <ErrorExplainer error={createKey.error} operation="CreateKey" />}
    </div>
  );
}
