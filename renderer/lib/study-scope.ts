/** What a study session covers: a deck, or one section of it; and the title the session shows. */

export interface Scope {
  deckId: number;
  sectionId?: number;
}

/** The home screen starts a session with this; the app keeps it while the session lasts. */
export interface StudyTarget {
  scope: Scope;
  title: string;
}
