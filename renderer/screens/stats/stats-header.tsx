/** The statistics header: where I am (deck, section, day) and the controls that change it. */
import { useId, useState } from 'react';
import { ExportDialog } from '../../lib/export-dialog';
import type { StatsScope } from '../../lib/route-hash';
import { ScreenHeader } from '../../lib/screen-header';
import { longDate } from '../../lib/stats-format';
import type { LoadedStats } from './load-stats';

interface Props {
  scope: StatsScope;
  loaded: LoadedStats | undefined;
  /** Today's study day when known: the latest date the statistics can be shown for. */
  today: string | undefined;
  onHome: () => void;
  onScope: (scope: StatsScope) => void;
}

const FULL_DATE = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/;

export function StatsHeader({ scope, loaded, today, onHome, onScope }: Props) {
  const dateId = useId();
  const sectionId = useId();
  const deck = loaded?.deck;
  const section = deck?.sections.find((s) => s.id === scope.sectionId);
  const shown = loaded?.stats.date;
  const [exporting, setExporting] = useState(false);

  // Typing a year fires a change per digit ("0002-…"); only whole, plausible dates are looked up.
  const onDate = (value: string) => {
    if (!FULL_DATE.test(value)) return;
    onScope({ ...scope, at: value === today ? undefined : value });
  };

  return (
    <ScreenHeader className="stats-header" backLabel="Decks" onBack={onHome}>
      <div className="stats-title">
        <p className="stats-deck" data-testid="stats-deck-name">
          {deck?.name ?? ''}
        </p>
        <h1>
          <span className="visually-hidden">Statistics: </span>
          <span data-testid="stats-scope-name">
            {scope.sectionId === undefined ? 'All sections' : (section?.name ?? '')}
          </span>
        </h1>
        <p className="stats-date" data-testid="stats-date">
          {shown ? `As of ${scope.at ? 'the end of ' : ''}${longDate(shown)}${scope.at ? '' : ' (today)'}` : ''}
        </p>
      </div>
      <div className="stats-controls">
        <label htmlFor={dateId}>As of</label>
        <input
          id={dateId}
          type="date"
          className="field"
          value={scope.at ?? shown ?? ''}
          max={today}
          onChange={(event) => onDate(event.target.value)}
        />
        {scope.at && (
          <button type="button" className="button small" onClick={() => onScope({ ...scope, at: undefined })}>
            Today
          </button>
        )}
        <label htmlFor={sectionId}>Section</label>
        <select
          id={sectionId}
          className="field"
          value={scope.sectionId ?? ''}
          onChange={(event) =>
            onScope({ ...scope, sectionId: event.target.value ? Number(event.target.value) : undefined })
          }
        >
          <option value="">All sections</option>
          {deck?.sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {deck && (
          <button type="button" className="button small" onClick={() => setExporting(true)} data-testid="stats-export">
            Export…
          </button>
        )}
      </div>
      {deck && exporting && (
        <ExportDialog
          target={{ deckId: deck.id, sectionId: scope.sectionId, name: section?.name ?? deck.name }}
          onClose={() => setExporting(false)}
        />
      )}
    </ScreenHeader>
  );
}
