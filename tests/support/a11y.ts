/**
 * Accessibility checks run in the page by the end-to-end tests (issue 18 items 9 and 10): axe-core
 * (its source evaluated in the page: the host's Content-Security-Policy rightly refuses an injected
 * <script>, DevTools evaluation is not a script of the page), and layout checks for large text.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Every axe violation on the page as shown (WCAG 2.x A and AA rules and axe's best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    // Pages Taro keeps in the stack are hidden (display: none), which axe leaves out by itself.
    const out = await axe.run(document, { resultTypes: ['violations'] });
    return out.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(0, 2).join(' ')}`) }));
  });
}

export const serious = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * What large text broke on the page shown: a horizontal scroll, text running off the screen, text cut
 * off by a box too small for it (overflow hidden), and lines of text drawn over one another.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} “${(el.textContent ?? '').trim().slice(0, 24)}”`;
    const shown = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
    };
    const pageEl = Array.from(document.querySelectorAll('.taro_page')).filter(shown).pop() ?? document.body;
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the document scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
    if (pageEl.scrollWidth > pageEl.clientWidth + 1) problems.push(`the page scrolls sideways (${pageEl.scrollWidth} px wide)`);

    // Text nodes with their line boxes.
    const walker = document.createTreeWalker(pageEl, NodeFilter.SHOW_TEXT);
    const lines: { el: Element; rect: DOMRect }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || !shown(el) || el.closest('[aria-hidden="true"]')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width < 1 || rect.height < 1) continue;
        if (rect.right > vw + 1 || rect.left < -1) problems.push(`${describe(el)} runs off the screen (${Math.round(rect.left)}–${Math.round(rect.right)} px)`);
        lines.push({ el, rect });
      }
      // Cut off: an ancestor that hides overflow and is smaller than its content.
      for (let a: Element | null = el; a && a !== pageEl; a = a.parentElement) {
        const s = getComputedStyle(a);
        const hidesX = s.overflowX === 'hidden' || s.overflowX === 'clip';
        const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        if (!hidesX && !hidesY) continue;
        if (s.textOverflow === 'ellipsis') break;
        if ((hidesX && a.scrollWidth > a.clientWidth + 2) || (hidesY && a.scrollHeight > a.clientHeight + 2)) {
          problems.push(`${describe(a)} cuts off its text (content ${a.scrollWidth}×${a.scrollHeight}, box ${a.clientWidth}×${a.clientHeight})`);
          break;
        }
      }
    }
    // Lines of different elements drawn over one another.
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i];
        const b = lines[j];
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (w > 2 && h > Math.min(a.rect.height, b.rect.height) * 0.3) problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
      }
    }
    return Array.from(new Set(problems));
  });
}

/** Buttons, radios and links smaller than `min` × `min` CSS px on the page shown (and the way-back bar). */
export async function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const pageEl = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none').pop() ?? document.body;
    const targets = [...Array.from(pageEl.querySelectorAll('[role=button], [role=radio], [role=switch], [role=link], button, a[href]')), ...Array.from(document.querySelectorAll('.back-bar button'))];
    const out: string[] = [];
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // A target inside a larger target (the text of a card that is a button) counts as the larger one.
      if (el.parentElement?.closest('[role=button], [role=radio], button, a[href]')) continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) out.push(`“${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  }, min);
}

/** Text on the page shown smaller than `minPx`, with its size and colour. */
export async function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const pageEl = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none').pop() ?? document.body;
    const walker = document.createTreeWalker(pageEl, NodeFilter.SHOW_TEXT);
    const out = new Set<string>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim()) continue;
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || el.getBoundingClientRect().width === 0 || el.closest('[aria-hidden="true"]')) continue;
      const px = parseFloat(s.fontSize);
      if (px < minPx - 0.05) out.add(`“${(n.textContent ?? '').trim().slice(0, 20)}” ${px.toFixed(1)} px ${s.color}`);
    }
    return Array.from(out);
  }, minPx);
}
