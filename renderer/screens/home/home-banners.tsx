/** What the home screen says before the decks: a collection recovered at start, decks that failed to load, updates. */

/** Bundled decks updated at this start, and the person's edits that the update left alone. */
export function Notices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice-banner" role="status" data-testid="notices">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

/** A damaged collection file was replaced by a backup at this start, or there was none: said first, and plainly. */
export function Recoveries({ recoveries, onBackups }: { recoveries: string[]; onBackups: () => void }) {
  if (recoveries.length === 0) return null;
  return (
    <div className="warning-banner" role="alert" data-testid="recoveries">
      <strong>Your collection file needed Cue’s attention</strong>
      {recoveries.map((recovery) => (
        <p key={recovery}>{recovery}</p>
      ))}
      <button type="button" className="button small" onClick={onBackups}>
        Show backups
      </button>
    </div>
  );
}

export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warning-banner" role="alert" data-testid="warnings">
      <strong>
        {warnings.length === 1 ? 'A problem while loading decks' : `${warnings.length} problems while loading decks`}
      </strong>
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}
