import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SANDBOX_NEEDS, SandboxOnly, SandboxOnlyNotice, type SandboxNeed } from '../sandbox-only';

const needs = Object.keys(SANDBOX_NEEDS) as SandboxNeed[];

describe('SandboxOnly: a step that needs the sandbox says so plainly on the other backends', () => {
  it('on the sandbox it shows the step’s controls and no notice', () => {
    const html = renderToStaticMarkup(
      <SandboxOnly backend="sandbox" step="Move the clock +365 days" need="clock">
        <button type="button">Move the clock +365 days</button>
      </SandboxOnly>,
    );
    expect(html).toBe('<button type="button">Move the clock +365 days</button>');
    expect(renderToStaticMarkup(<SandboxOnlyNotice backend="sandbox" step="x" need="clock" />)).toBe('');
  });

  it.each([
    ['aws', 'On AWS'],
    ['endpoint', 'On this endpoint'],
  ] as const)('on %s the controls are replaced by a labelled note naming the step, the backend, the reason and the way back', (backend, where) => {
    const html = renderToStaticMarkup(
      <SandboxOnly backend={backend} step="Move the clock +365 days" need="clock" instead="RotateKeyOnDemand works at once.">
        <button type="button">Move the clock +365 days</button>
      </SandboxOnly>,
    );
    expect(html).not.toContain('<button');
    expect(html).toContain('role="note"');
    expect(html).toContain('aria-label="Sandbox only: Move the clock +365 days"');
    expect(html).toContain('data-sandbox-only="clock"');
    expect(html).toContain(`${where} this step does not run.`);
    expect(html).toContain('Only the sandbox has a clock the lab can move');
    expect(html).toContain('RotateKeyOnDemand works at once.');
    expect(html).toContain('href="#/settings"');
  });

  it.each(needs)('need “%s” has one plain sentence of reason, shown as given', (need) => {
    const reason = SANDBOX_NEEDS[need];
    expect(reason).toMatch(/^[A-Z].{30,240}[.]$/);
    const html = renderToStaticMarkup(<SandboxOnlyNotice backend="aws" step="A step" need={need} />);
    expect(html).toContain(reason);
  });
});
