/**
 * A deck's readiness for its target date (#/readiness/<deck>): the date and deadline mode (set and
 * cleared here), days left, and per section and card the predicted recall on the date if you stop
 * now and if you keep to the schedule, with the cards at risk. Loaded afresh each time the screen
 * opens, so coming back from study shows the answers' effect. Escape goes back to the decks.
 */
import { useCallback, useId, useState } from 'react';
import type { DeckTarget, Readiness } from '../../../shared/readiness';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { CardReadiness, ReadinessSummary, SectionReadiness } from './readiness-tables';
import { TargetForm } from './target-form';

interface Props {
  deckId: number;
  onHome: () => void;
}

interface Loaded {
  deckName: string;
  target: DeckTarget;
  readiness: Readiness | null;
}

async function loadReadiness(deckId: number): Promise<Loaded> {
  const [decks, target] = await Promise.all([call('decks.list', {}), call('readiness.target', { deckId })]);
  const deckName = decks.find((deck) => deck.id === deckId)?.name ?? '';
  // a date that has passed has nothing left to plan for; the form offers a new one
  const upcoming = target.effective && (target.daysLeft ?? -1) >= 0;
  const readiness = upcoming ? await call('readiness.get', { deckId }) : null;
  return { deckName, target, readiness };
}

export function ReadinessScreen({ deckId, onHome }: Props) {
  const [version, setVersion] = useState(0);
  const { data, error, reload } = useLoad(() => loadReadiness(deckId), `${deckId}/${version}`);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const titleId = useId();
  useBackKey(onHome);
  return (
    <main className="page readiness-page" aria-labelledby={titleId}>
      <ScreenHeader className="stats-header" backLabel="Decks" onBack={onHome}>
        <div className="stats-title">
          <p className="stats-deck">{data?.deckName ?? ''}</p>
          <h1 id={titleId}>Readiness</h1>
          <p className="stats-date">Predicted recall on your target date</p>
        </div>
      </ScreenHeader>
      {error !== null && <ErrorPanel error={error} onRetry={reload} onHome={onHome} />}
      {data && error === null && (
        <>
          {/* keyed by what is stored: the form starts again from a date just saved or cleared */}
          <TargetForm
            key={JSON.stringify(data.target.effective)}
            deckId={deckId}
            target={data.target}
            onChanged={changed}
          />
          {data.readiness && (
            <>
              <ReadinessSummary readiness={data.readiness} />
              <SectionReadiness readiness={data.readiness} />
              <CardReadiness readiness={data.readiness} />
            </>
          )}
        </>
      )}
    </main>
  );
}
