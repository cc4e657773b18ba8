/**
 * The small key label on a button ("1", "Space"). Hidden from screen readers: the button carries the
 * same information in aria-keyshortcuts, and "Good 3" would be a worse name than "Good".
 */
export function KeyHint({ children }: { children: string }) {
  return (
    <span className="key-hint" aria-hidden="true">
      {children}
    </span>
  );
}
