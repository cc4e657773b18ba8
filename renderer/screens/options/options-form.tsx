/**
 * Every option of a preset, grouped as Anki's deck options are (daily limits, new cards, reviews,
 * lapses, burying, advanced, audio), each with a plain explanation; and the deck's own limits over them.
 */
import { FSRS_PARAMETER_COUNT } from '../../../shared/presets';
import { ChoiceOption, type FieldBinding, FlagOption, TextOption } from './option-fields';

interface Props {
  bind: FieldBinding;
  deckName: string;
  /** The preset's fitted FSRS parameters, or null for FSRS's defaults (read-only here). */
  parameters: number[] | null;
  optimizeHref: string;
  simulateHref: string;
  /** A link followed from the form: the screen may first ask about unsaved changes. */
  onLink: (href: string) => void;
}

export function OptionsForm({ bind, deckName, parameters, optimizeHref, simulateHref, onLink }: Props) {
  return (
    <div className="options-groups">
      <fieldset className="options-group">
        <legend>Daily limits</legend>
        <TextOption
          bind={bind}
          field="newPerDay"
          label="New cards a day"
          hint="How many cards you have never seen a deck with this preset brings in each day."
        />
        <TextOption
          bind={bind}
          field="reviewsPerDay"
          label="Maximum reviews a day"
          hint="Study stops showing due reviews after this many in a day; cards you are still learning keep coming."
        />
        <FlagOption
          bind={bind}
          field="newCountsAgainstReviews"
          label="New cards count against the review limit"
          hint="On: a day heavy with reviews brings fewer new cards, so the load stays even. Off: new cards come on top."
        />
        <div className="options-deck-limits">
          <h3 className="deck-limits-title">{deckName} only</h3>
          <p className="format-note">
            Limits for this deck alone, over the preset’s (other decks using it keep theirs). Blank: the preset’s.
          </p>
          <TextOption
            bind={bind}
            field="deckNewLimit"
            label="New cards a day"
            placeholder={bind.draft.newPerDay}
            hint="This deck’s own number of new cards a day."
          />
          <TextOption
            bind={bind}
            field="deckReviewLimit"
            label="Maximum reviews a day"
            placeholder={bind.draft.reviewsPerDay}
            hint="This deck’s own cap on reviews a day."
          />
        </div>
      </fieldset>

      <fieldset className="options-group">
        <legend>New cards</legend>
        <TextOption
          bind={bind}
          field="learningSteps"
          label="Learning steps"
          numeric={false}
          hint="When a new card comes back while you learn it: “1m 10m” is after 1 minute, then 10 minutes, then it is a review. Use s, m, h or d."
        />
        <ChoiceOption
          bind={bind}
          field="newCardOrder"
          label="New-card order"
          hint="The order new cards are brought in."
          choices={[
            { value: 'deck', label: 'Deck order' },
            { value: 'random', label: 'Random' },
            { value: 'sections', label: 'One section after another' },
            { value: 'interleaved', label: 'Sections interleaved' },
          ]}
        />
      </fieldset>

      <fieldset className="options-group">
        <legend>Reviews</legend>
        <ChoiceOption
          bind={bind}
          field="reviewOrder"
          label="Review order"
          hint="Which due card comes first."
          choices={[
            { value: 'due', label: 'Due date, oldest first' },
            { value: 'retrievability', label: 'Most likely forgotten first' },
            { value: 'random', label: 'Random' },
          ]}
        />
      </fieldset>

      <fieldset className="options-group">
        <legend>Lapses</legend>
        <TextOption
          bind={bind}
          field="relearningSteps"
          label="Relearning steps"
          numeric={false}
          hint="When a card you forgot comes back before it is a review again: “10m” is after 10 minutes. Blank: straight back to reviews."
        />
        <TextOption
          bind={bind}
          field="leechThreshold"
          label="Leech threshold"
          unit="lapses"
          hint="A card forgotten this many times is a leech: tagged “leech”, so you can find it and rewrite it."
        />
        <ChoiceOption
          bind={bind}
          field="leechAction"
          label="Leech action"
          hint="What happens to a leech besides the tag; a suspended card stays out of study until you unsuspend it."
          choices={[
            { value: 'tag', label: 'Tag only' },
            { value: 'suspend', label: 'Tag and suspend' },
          ]}
        />
      </fieldset>

      <fieldset className="options-group">
        <legend>Burying</legend>
        <FlagOption
          bind={bind}
          field="buryNewSiblings"
          label="Bury new siblings until tomorrow"
          hint="Siblings are cards of one Anki note, such as a card and its reverse: seeing one gives the other away."
        />
        <FlagOption
          bind={bind}
          field="buryReviewSiblings"
          label="Bury review siblings until tomorrow"
          hint="Once one card of a note has been reviewed today, its due siblings wait for tomorrow."
        />
      </fieldset>

      <fieldset className="options-group">
        <legend>Advanced</legend>
        <TextOption
          bind={bind}
          field="maximumInterval"
          label="Maximum interval"
          unit="days"
          hint="The longest a card may wait between reviews; 36500 (100 years) means no limit."
        />
        <TextOption
          bind={bind}
          field="desiredRetention"
          label="Desired retention"
          unit="%"
          hint={retentionHint(bind.draft.desiredRetention)}
        />
        <div className="option-row">
          <span className="option-label" id="fsrs-parameters-label">
            FSRS parameters
          </span>
          <div className="option-control">
            <span className="option-badge" data-testid="fsrs-parameters-kind">
              {parameters ? 'fitted' : 'default'}
            </span>
            <a
              className="button small"
              href={optimizeHref}
              onClick={(event) => {
                event.preventDefault();
                onLink(optimizeHref);
              }}
              data-testid="optimize-link"
            >
              Optimise parameters…
            </a>
            <a
              className="button small"
              href={simulateHref}
              onClick={(event) => {
                event.preventDefault();
                onLink(simulateHref);
              }}
              data-testid="simulate-link"
            >
              Simulate workload…
            </a>
          </div>
          <span className="format-note option-hint">
            The {FSRS_PARAMETER_COUNT} numbers FSRS predicts your memory with.{' '}
            {parameters
              ? 'Fitted to your own review history.'
              : 'FSRS’s defaults, fitted to many people; optimise them once you have a few hundred reviews.'}
          </span>
          <code className="fsrs-parameters" data-testid="fsrs-parameters">
            {(parameters ?? []).map((p) => p.toFixed(4)).join(' ') || 'FSRS-6 defaults'}
          </code>
        </div>
        <FlagOption
          bind={bind}
          field="fuzz"
          label="Fuzz"
          hint="Spreads due dates by a little, so cards learned together do not all come back on the same day."
        />
      </fieldset>
      <KeyPointOptions bind={bind} />
      <fieldset className="options-group">
        <legend>Audio</legend>
        <FlagOption
          bind={bind}
          field="autoplayAudio"
          label="Play audio automatically"
          hint="A card’s sounds play one after another when its question, then its answer, is shown; r replays them."
        />
      </fieldset>
    </div>
  );
}

/** "90%: you recall 9 in 10 cards when they come due", for whatever the box holds. */
function retentionHint(text: string): string {
  const percent = Number(text);
  const plain = 'higher means more reviews, lower means more forgetting.';
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100)
    return `The share of cards you recall when due; ${plain}`;
  const share = Number.isInteger(percent / 10) ? `${percent / 10} in 10` : `${percent} in 100`;
  return `${percent}%: you recall ${share} cards when they come due; ${plain}`;
}

/** The key-point checklist's suggestion and the typed answer (see README, Studying). */
function KeyPointOptions({ bind }: { bind: FieldBinding }) {
  return (
    <fieldset className="options-group">
      <legend>Key points and typed answers</legend>
      <TextOption
        bind={bind}
        field="pointsGoodShare"
        label="Good from"
        unit="% of the points"
        hint="After the reveal you tick the key points you recalled; this share or more suggests Good (never Easy)."
      />
      <TextOption
        bind={bind}
        field="pointsHardShare"
        label="Hard from"
        unit="% of the points"
        hint="This share or more, short of Good, suggests Hard; fewer suggests Again. Space or Enter takes the suggestion."
      />
      <FlagOption
        bind={bind}
        field="typedAnswer"
        label="Type the answer before the reveal"
        hint="A box under the question; the reveal marks the key points your text covers. Study can turn it on or off."
      />
    </fieldset>
  );
}
