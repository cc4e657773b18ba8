/**
 * The small key label on a button ("1", "Space"). Hidden from screen readers: the button carries the
 * same information in aria-keyshortcuts, and "Good 3" would be a worse name than "Good". The key is drawn
 * by CSS from `data-key` rather than written as text, so the button's visible text is its label alone and
 * the accessible name contains it whole (WCAG 2.5.3, label in name).
 */
export function KeyHint({ children }: { children: string }) {
  return <span className="key-hint" aria-hidden="true" data-key={children} />;
}
