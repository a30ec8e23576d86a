import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ByteMap } from '../byte-map';
import { ErrorExplainer } from '../error-explainer';
import { Progress } from '../spinner';

describe('ByteMap', () => {
  it('labels each segment with its offsets and length, and shows every byte in hex', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i);
    const html = renderToStaticMarkup(
      <ByteMap
        label="Ciphertext blob, 20 bytes"
        bytes={bytes}
        segments={[
          { label: 'Header', start: 0, length: 4, description: 'version and key reference' },
          { label: 'IV', start: 4, length: 12 },
          { label: 'Tag', start: 16, length: 1 },
        ]}
      />,
    );
    expect(html).toContain('Ciphertext blob, 20 bytes');
    expect(html).toMatch(/Header<\/span> <span[^>]*>bytes 0–3 \(4 bytes\)/);
    expect(html).toMatch(/IV<\/span> <span[^>]*>bytes 4–15 \(12 bytes\)/);
    expect(html).toMatch(/Tag<\/span> <span[^>]*>bytes 16–16 \(1 byte\)/);
    expect(html).toContain('version and key reference');
    expect(html).toContain('>0f<');
    expect(html).toContain('>13<');
    expect(html).toContain('0010'); // row offset
  });

  it('summarises bytes beyond maxBytes instead of drawing them', () => {
    const html = renderToStaticMarkup(<ByteMap label="big" bytes={new Uint8Array(2000)} segments={[]} maxBytes={32} />);
    expect(html).toContain('1,968 more bytes');
  });
});

describe('ErrorExplainer', () => {
  it('shows the error name, AWS’s message, the explanation and the exam trap', () => {
    const error = Object.assign(new Error('1 validation error detected'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    const html = renderToStaticMarkup(<ErrorExplainer error={error} operation="Encrypt" />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('ValidationException');
    expect(html).toContain('HTTP 400');
    expect(html).toContain('1 validation error detected');
    expect(html).toContain('Too much data for kms:Encrypt');
    expect(html).toContain('Exam trap 1');
  });

  it('an unknown error still gets an explanation', () => {
    const html = renderToStaticMarkup(<ErrorExplainer error={{ name: 'OddException', message: 'odd' }} />);
    expect(html).toContain('OddException');
    expect(html).toContain('no explanation for this code yet');
  });
});

describe('Progress', () => {
  it('is a labelled progressbar, determinate when given a value', () => {
    expect(renderToStaticMarkup(<Progress label="Loading the Keys lab…" />)).toMatch(/role="progressbar" aria-label="Loading the Keys lab…"/);
    expect(renderToStaticMarkup(<Progress label="Encrypting" value={0.42} />)).toContain('aria-valuenow="42"');
  });
});
