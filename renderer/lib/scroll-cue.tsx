/**
 * A box that scrolls sideways and says so: while its content is wider than the box, the edge with more
 * to see fades out and a hint names the way to scroll, so columns off to the right are never hidden
 * without a cue. The box then takes the keyboard focus (arrow keys scroll it), as axe asks of a
 * scrolling region.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';

interface Props {
  /** The region's name for assistive technology, e.g. "Statistics per section". */
  label: string;
  testId?: string;
  children: ReactNode;
}

interface Overflow {
  left: boolean;
  right: boolean;
}

/** What is hidden on each side; one pixel of slack for fractional widths. */
export function overflowOf(box: { scrollLeft: number; scrollWidth: number; clientWidth: number }): Overflow {
  const hidden = box.scrollWidth - box.clientWidth;
  return { left: box.scrollLeft > 1, right: hidden - box.scrollLeft > 1 };
}

/** Only a box that scrolls is a named region in the tab order (a still one would be a stop for nothing). */
function focusable(scrolls: boolean, label: string) {
  return scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
}

export function ScrollCue({ label, testId, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ left: false, right: false });
  const measure = useCallback(() => {
    const element = box.current;
    if (!element) return;
    const next = overflowOf(element);
    setOverflow((now) => (now.left === next.left && now.right === next.right ? now : next));
  }, []);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    measure();
    // The table's width changes with its content and the window; both resize one of these two.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);
  const scrolls = overflow.left || overflow.right;
  return (
    <div
      className="scroll-cue"
      data-more-left={overflow.left || undefined}
      data-more-right={overflow.right || undefined}
    >
      {scrolls && (
        <p className="scroll-hint" data-testid={testId ? `${testId}-scroll-hint` : undefined}>
          {overflow.right ? 'More columns to the right: scroll sideways →' : '← More columns to the left'}
        </p>
      )}
      <div ref={box} className="table-scroll" data-testid={testId} onScroll={measure} {...focusable(scrolls, label)}>
        {children}
      </div>
    </div>
  );
}
