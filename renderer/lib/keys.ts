/**
 * Key presses as the screens' key maps read them. The maps are pure functions of a `KeyPress`, so they
 * run (and are tested) without a page; `keyPress` reads one from a keyboard event.
 */

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Shift held (Ctrl+Shift+Z redoes); left out by key maps that never read it. */
  shiftKey?: boolean;
  repeat: boolean;
  /** The focus is in a text field, a select or editable content: typing must never act on a card. */
  editable: boolean;
  /** The focus is on a button, link, summary or media player: Space and Enter activate that control. */
  activatable: boolean;
}

/** Typing in a field must never rate a card. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * Space and Enter on a focused button or link keep their usual meaning: activate that control. A card's
 * sound player counts too (its own buttons sit in its shadow tree, so the event's target is the player).
 */
export function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && /^(BUTTON|A|SUMMARY|AUDIO|VIDEO)$/.test(target.tagName);
}

/** What a key map needs of a DOM or React keyboard event. */
type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'> &
  Partial<Pick<KeyboardEvent, 'shiftKey'>>;

export function keyPress(event: KeyEventLike): KeyPress {
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    shiftKey: event.shiftKey === true,
    repeat: event.repeat,
    editable: isEditable(event.target),
    activatable: isActivatable(event.target),
  };
}

/** Ctrl (Cmd on a Mac) held, as Cue's shortcuts read it. */
export function withCommand(press: KeyPress): boolean {
  return press.ctrlKey || press.metaKey;
}
