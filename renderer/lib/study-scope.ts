/** What a study session covers: a deck, or one section of it; and the title the session shows. */
import type { CustomKind } from '../../shared/domain';

export interface Scope {
  deckId: number;
  sectionId?: number;
}

/** A custom study session the study screen shows instead of the day's queue (custom.next/answer/undo). */
export interface CustomStudy {
  sessionId: string;
  kind: CustomKind;
  /** Whether answers reschedule the cards (and go into the review log) or only practise them. */
  reschedules: boolean;
  /** What it studies, in words: "Cards due in the next 3 days", "Cram: tag interview". */
  label: string;
}

/** The home screen starts a session with this; the app keeps it while the session lasts. */
export interface StudyTarget {
  scope: Scope;
  title: string;
  /** Absent for the day's queue. */
  custom?: CustomStudy;
}
