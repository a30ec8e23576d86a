import type { KeyMetadata } from '@aws-sdk/client-kms';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ContextEditor } from '../context-editor';
import { KeySelect } from '../key-select';
import type { UsableKey } from '../use-usable-keys';

const key = (keyId: string, label: string): UsableKey => ({ keyId, arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`, label, metadata: {} as KeyMetadata });

describe('KeySelect', () => {
  it('lists the keys by label and leaves the excluded one out', () => {
    const html = renderToStaticMarkup(
      <KeySelect label="Destination key" keys={[key('k1', 'alias/lab-a'), key('k2', 'alias/lab-b')]} value="k2" onChange={() => undefined} exclude="k1" />,
    );
    expect(html).toContain('Destination key');
    expect(html).toContain('alias/lab-b');
    expect(html).not.toContain('alias/lab-a');
  });

  it('says there is no key yet when none is left', () => {
    const html = renderToStaticMarkup(<KeySelect label="Key" keys={[key('k1', 'alias/lab-a')]} value="" onChange={() => undefined} exclude="k1" />);
    expect(html).toContain('No key yet');
  });
});

describe('ContextEditor', () => {
  it('labels every key and value input and each remove button', () => {
    const html = renderToStaticMarkup(<ContextEditor legend="Encryption context" rows={[{ key: 'tenant', value: 'a' }]} onChange={() => undefined} />);
    expect(html).toContain('Encryption context');
    expect(html).toContain('Context key 1');
    expect(html).toContain('Context value 1');
    expect(html).toContain('aria-label="Remove context pair 1"');
    expect(html).toContain('Add a context pair');
  });

  it('says there is no context when the list is empty', () => {
    expect(renderToStaticMarkup(<ContextEditor legend="Context" rows={[]} onChange={() => undefined} />)).toContain('No context.');
  });
});
