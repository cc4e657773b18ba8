/**
 * The card editor: `#/edit/17` changes a card, `#/add/3` adds cards to a section one after another.
 * Question and answer are Cue's Markdown, previewed live with the same renderer as study.
 * Ctrl+Enter saves; Escape goes back to where the person came from.
 */
import type { CardDetail } from '../../../shared/search';
import { CardContent } from '../../lib/card-content';
import { ErrorPanel } from '../../lib/error-panel';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { type EditorTarget, editorKey, loadEditor } from './editor-flow';
import { EditorForm } from './editor-form';

interface Props {
  target: EditorTarget;
  /** Where Escape goes. */
  onBack: () => void;
  /** Called after a save of an existing card; absent to stay in the editor. */
  onSaved?: () => void;
}

export function EditorScreen({ target, onBack, onSaved }: Props) {
  const key = editorKey(target);
  const { data, error, reload } = useLoad(() => loadEditor(target), key);
  useBackKey(onBack);
  const title = target.mode === 'edit' ? 'Edit card' : 'Add cards';

  return (
    <main className="page editor" aria-labelledby="editor-title">
      <ScreenHeader
        className="app-header"
        backLabel="Back"
        onBack={onBack}
        backClassName="button ghost"
        title={title}
        titleId="editor-title"
        titleClassName="editor-title"
      />
      {error !== null && !data && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted loading">Loading…</p>}
      {data && (data.deck === null || (target.mode === 'edit' && data.card === null)) && (
        <p role="alert">This section no longer exists.</p>
      )}
      {data?.deck && data.card?.format === 'html' && <HtmlCard card={data.card} />}
      {data?.deck && data.card?.format !== 'html' && (
        <EditorForm key={key} loaded={data} deck={data.deck} target={target} onSaved={onSaved} />
      )}
    </main>
  );
}

function HtmlCard({ card }: { card: CardDetail }) {
  return (
    <div className="editor-readonly">
      <p className="editor-note" data-testid="html-note">
        This card was imported as HTML and cannot be edited as Markdown yet. It is shown here as it appears in study.
      </p>
      <div className="editor-preview card">
        <CardContent source={card.question} format="html" testId="preview-question" className="question" />
        <hr className="answer-divider" />
        <CardContent source={card.answer} format="html" testId="preview-answer" className="answer" />
      </div>
    </div>
  );
}
