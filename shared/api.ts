/**
 * The one contract between the renderer and the collection: method name -> input schema -> output type.
 * Electron IPC, the loopback web host and the CLI all derive from this table; nothing else crosses.
 */
import { z } from 'zod';
import type { AnswerResult, CollectionInfo, DeckSummary, StudyNext, UndoResult } from './domain';

const id = z.number().int().positive();
const scope = z.strictObject({ deckId: id, sectionId: id.optional() });

/** Binds an input schema to an output type; the output exists only for the type checker. */
function returns<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({
    input,
    output: undefined as O,
  });
}

export const api = {
  'collection.info': returns<CollectionInfo>()(z.strictObject({})),
  'decks.list': returns<DeckSummary[]>()(z.strictObject({})),
  'study.next': returns<StudyNext>()(scope),
  'study.answer': returns<AnswerResult>()(
    z.strictObject({
      cardId: id,
      rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
      /** Time from showing the question to answering, capped like Anki (60 s). */
      durationMs: z
        .number()
        .int()
        .min(0)
        .max(24 * 3600 * 1000),
    }),
  ),
  'study.undo': returns<UndoResult>()(scope),
  'cards.bury': returns<{ cardId: number; buriedUntil: number }>()(z.strictObject({ cardId: id })),
  'cards.suspend': returns<{ cardId: number }>()(z.strictObject({ cardId: id })),
  'cards.unsuspend': returns<{ cardId: number }>()(z.strictObject({ cardId: id })),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ApiOutput<M extends MethodName> = Api[M]['output'];

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

/** A client for any transport: `call('study.next', {deckId: 1})`. */
export type CueClient = <M extends MethodName>(name: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;
