/** The mock interview screen: its setup for a deck, or a session in progress (or its summary) by id. */
import { MockInterview } from './mock-interview';
import { MockSetupScreen } from './mock-setup';

interface Props {
  deckId: number;
  sessionId?: number;
  onHome: () => void;
  /** Opens a session (its id in the route, so a reload resumes it), or the setup again with none. */
  onSession: (sessionId?: number) => void;
}

export function MockScreen({ deckId, sessionId, onHome, onSession }: Props) {
  if (sessionId === undefined) return <MockSetupScreen deckId={deckId} onHome={onHome} onSession={onSession} />;
  return <MockInterview sessionId={sessionId} onHome={onHome} onAgain={() => onSession()} />;
}
