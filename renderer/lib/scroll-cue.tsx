/**
 * A box that scrolls sideways and says so: while its content is wider than the box, the edge with more
 * to see fades out and a hint names the way to scroll, so columns off to the right are never hidden
 * without a cue. (scroll-focus.ts makes the box a named Tab stop while it scrolls, as for every
 * `.table-scroll`.)
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';

interface Props {
  testId?: string;
  /** Extra classes of the scrolling box (e.g. `chart-table`, which also scrolls down). */
  className?: string;
  children: ReactNode;
}

interface Overflow {
  left: boolean;
  right: boolean;
}

interface Box {
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}

/** What is hidden on each side; one pixel of slack for fractional sizes. */
export function overflowOf(box: Box): Overflow {
  const hidden = box.scrollWidth - box.clientWidth;
  return { left: box.scrollLeft > 1, right: hidden - box.scrollLeft > 1 };
}

const same = (a: Overflow, b: Overflow) => a.left === b.left && a.right === b.right;

export function ScrollCue({ testId, className, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ left: false, right: false });
  const measure = useCallback(() => {
    const element = box.current;
    if (!element) return;
    const next = overflowOf(element);
    setOverflow((now) => (same(now, next) ? now : next));
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
  const sideways = overflow.left || overflow.right;
  return (
    <div
      className="scroll-cue"
      data-more-left={overflow.left || undefined}
      data-more-right={overflow.right || undefined}
    >
      {sideways && (
        <p className="scroll-hint" data-testid={testId ? `${testId}-scroll-hint` : undefined}>
          {overflow.right ? 'More columns to the right: scroll sideways →' : '← More columns to the left'}
        </p>
      )}
      <div
        ref={box}
        className={className ? `table-scroll ${className}` : 'table-scroll'}
        data-testid={testId}
        onScroll={measure}
      >
        {children}
      </div>
    </div>
  );
}
