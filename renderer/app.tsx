/** Which screen is showing. Two screens need no router: home, or a study session for one scope. */
import { useCallback, useState } from 'react';
import { HomeScreen, type StudyTarget } from './home-screen';
import { StudyScreen } from './study-screen';

export function App() {
  const [target, setTarget] = useState<StudyTarget | null>(null);
  const goHome = useCallback(() => setTarget(null), []);

  if (target === null) return <HomeScreen onStudy={setTarget} />;
  // Keyed by scope so a new session never inherits the previous one's card or counts.
  const key = `${target.scope.deckId}:${target.scope.sectionId ?? 'all'}`;
  return <StudyScreen key={key} scope={target.scope} title={target.title} onHome={goHome} />;
}
