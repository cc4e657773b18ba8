/**
 * The note editor: `#/edit/17` changes the note of card 17, `#/add/3` adds notes to a section one after
 * another. Each field is Markdown or HTML as its note type says; every card the note makes is previewed
 * live with the same renderer as study. Ctrl+Enter saves; Ctrl+Shift+C makes a cloze; Escape goes back
 * to where the person came from.
 */
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
  /** Called after a save of an existing note; absent to stay in the editor. */
  onSaved?: () => void;
  /** Opens the note types screen; absent where leaving would end what is under the editor (a study session). */
  onNoteTypes?: () => void;
}

export function EditorScreen({ target, onBack, onSaved, onNoteTypes }: Props) {
  const key = editorKey(target);
  const { data, error, reload } = useLoad(() => loadEditor(target), key);
  useBackKey(onBack);
  const title = target.mode === 'edit' ? 'Edit note' : 'Add notes';

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
      {data && data.deck === null && <p role="alert">This section no longer exists.</p>}
      {data?.deck && (
        <EditorForm
          key={key}
          loaded={data}
          deck={data.deck}
          target={target}
          onSaved={onSaved}
          onNoteTypes={onNoteTypes}
        />
      )}
    </main>
  );
}
