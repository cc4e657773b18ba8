/**
 * A box that scrolls must be reachable by keyboard, or what overflows it cannot be read without a mouse
 * (WCAG 2.1.1; axe's scrollable-region-focusable). Wide tables (`.table-scroll`), code blocks and display
 * formulas in cards scroll sideways when the window is narrow, and long chart tables scroll down; this keeps each one a Tab stop exactly while
 * it overflows, and names the table boxes after their table's caption. It follows the page as React and
 * card content change it, and each box as its size changes.
 */

const SCROLLERS = '.table-scroll, .card-content pre.code-block > code, .card-content .katex-display';
/** Set on the boxes this made focusable, so a tabindex the markup set itself is never taken away. */
const MARK = 'data-scroll-focus';

/**
 * Sideways, the way these boxes scroll (a formula's descenders can leave a pixel of height over); a chart's
 * table also scrolls down, being of limited height.
 */
function overflows(box: Element): boolean {
  if (box.scrollWidth > box.clientWidth + 1) return true;
  return box.matches('.chart-table') && box.scrollHeight > box.clientHeight + 1;
}

function update(box: Element): void {
  const owned = box.hasAttribute(MARK);
  if (!owned && box.hasAttribute('tabindex')) return;
  if (!overflows(box)) {
    if (owned) for (const name of [MARK, 'tabindex', 'role', 'aria-label']) box.removeAttribute(name);
    return;
  }
  if (owned) return;
  box.setAttribute(MARK, '');
  box.setAttribute('tabindex', '0');
  const caption = box.matches('.table-scroll') ? box.querySelector('caption')?.textContent?.trim() : undefined;
  if (caption) {
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', caption);
  }
}

/** Starts following the page; call once. */
export function keepScrollersFocusable(root: Element): void {
  const watched = new WeakSet<Element>();
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.target.closest(SCROLLERS);
      if (box) update(box);
    }
  });
  const scan = () => {
    for (const box of root.querySelectorAll(SCROLLERS)) {
      if (watched.has(box)) {
        update(box);
        continue;
      }
      watched.add(box);
      // the box for its own width, its content for what it holds (a table gaining rows or columns)
      sizes.observe(box);
      if (box.firstElementChild) sizes.observe(box.firstElementChild);
    }
  };
  new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  scan();
}
