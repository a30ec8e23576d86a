/**
 * No sideways scrolling at the page level: names the innermost elements (and unbreakable text) that
 * stick out when it fails. Shared by every spec that checks a phone-width layout.
 */
import { expect, type Page } from '@playwright/test';

export async function expectNoSidewaysOverflow(page: Page, label: string): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The innermost elements that stick out, to name the culprit when this fails.
    // Elements inside a box that scrolls sideways on its own are fine: that box is the fix.
    const scrolls = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const out = (el: Element) => el.getBoundingClientRect().right > client + 0.5 && !scrolls(el);
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => out(el) && ![...el.children].some(out))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`);
    // And the path from <body> down the widest child at each level.
    const path: string[] = [];
    for (let el: Element | undefined = document.body; el && path.length < 14; ) {
      const kids: Element[] = [...el.children];
      el = kids.sort((a: Element, b: Element) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
      if (el) path.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}@${Math.round(el.getBoundingClientRect().right)}`);
    }
    culprits.push(path.join(' > '));
    // Text that overflows its element (an unbreakable run) has no element of its own: look at text nodes.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && culprits.length < 8; n = walker.nextNode()) {
      const r = document.createRange();
      r.selectNodeContents(n);
      const right = Math.max(0, ...[...r.getClientRects()].map((x) => x.right));
      if (right > client + 0.5 && n.parentElement && !scrolls(n.parentElement)) culprits.push(`text in ${n.parentElement.tagName.toLowerCase()}.${[...n.parentElement.classList].join('.')}: "${(n.textContent ?? '').slice(0, 50)}"`);
    }
    return { scroll: document.documentElement.scrollWidth, client, culprits };
  });
  expect(scroll, `${label}: page width ${scroll} px in a ${client} px viewport; sticking out: ${culprits.join(' | ')}`).toBeLessThanOrEqual(client);
}
