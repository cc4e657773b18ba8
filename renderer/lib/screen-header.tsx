/**
 * The top of a screen: the way back (Escape presses it too, through `useBackKey` or the screen's own
 * keys) and the screen's heading, then whatever else the screen keeps up there (a search, controls).
 * Each screen lays its header out itself, so the header's class is the screen's.
 */
import type { ReactNode } from 'react';
import { KeyHint } from './key-hint';

interface BackProps {
  /** Where it goes: "Decks", "Back", "Statistics". */
  label: string;
  onBack: () => void;
  className?: string;
}

function BackButton({ label, onBack, className = 'button ghost back' }: BackProps) {
  return (
    <button type="button" className={className} onClick={onBack} aria-keyshortcuts="Escape">
      <span aria-hidden="true">←</span>
      {` ${label} `}
      <KeyHint>Esc</KeyHint>
    </button>
  );
}

interface Props {
  className?: string;
  backLabel: string;
  onBack: () => void;
  backClassName?: string;
  /** The screen's h1, when it is the header's whole title; a screen with more under its title passes children. */
  title?: ReactNode;
  /** The h1's id, for the screen's aria-labelledby. */
  titleId?: string;
  titleClassName?: string;
  children?: ReactNode;
}

export function ScreenHeader({
  className = 'screen-header',
  backLabel,
  onBack,
  backClassName,
  title,
  titleId,
  titleClassName,
  children,
}: Props) {
  return (
    <header className={className}>
      <BackButton label={backLabel} onBack={onBack} className={backClassName} />
      {title !== undefined && (
        <h1 id={titleId} className={titleClassName}>
          {title}
        </h1>
      )}
      {children}
    </header>
  );
}
