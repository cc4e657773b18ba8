/**
 * An Anki options preset as schema 11 keeps it in col.dconf (JSON, field names from ankitects/anki
 * rslib/src/deckconfig/schema11.rs), in the same terms as schema 18's protobuf. A field that is
 * missing or of the wrong type is absent (Anki's default, see anki-deck-options.ts).
 */
import type { AnkiConfigFields } from './anki-protobuf';

type Json = Record<string, unknown>;

const objectAt = (json: Json, key: string): Json => {
  const value = json[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
};
const numberAt = (json: Json, key: string): number | undefined => {
  const value = json[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const numbersAt = (json: Json, key: string): number[] => {
  const value = json[key];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [];
};

export function configFromJson(json: Json): AnkiConfigFields {
  const fresh = objectAt(json, 'new');
  const rev = objectAt(json, 'rev');
  const lapse = objectAt(json, 'lapse');
  return {
    learnSteps: numbersAt(fresh, 'delays'),
    relearnSteps: numbersAt(lapse, 'delays'),
    fsrsParams4: numbersAt(json, 'fsrsWeights'),
    fsrsParams5: numbersAt(json, 'fsrsParams5'),
    fsrsParams6: numbersAt(json, 'fsrsParams6'),
    newPerDay: numberAt(fresh, 'perDay'),
    reviewsPerDay: numberAt(rev, 'perDay'),
    maximumInterval: numberAt(rev, 'maxIvl'),
    // schema 11's new.order: 0 random, 1 due; the protobuf's insert order: 0 due, 1 random
    newInsertOrder: fresh.order === 0 ? 1 : 0,
    newGatherPriority: numberAt(json, 'newGatherPriority') ?? 0,
    newSortOrder: numberAt(json, 'newSortOrder') ?? 0,
    reviewOrder: numberAt(json, 'reviewOrder') ?? 0,
    // 0 suspend, 1 tag only; schema 11 without it suspended
    leechAction: numberAt(lapse, 'leechAction') ?? 0,
    leechThreshold: numberAt(lapse, 'leechFails'),
    buryNew: fresh.bury === true,
    buryReviews: rev.bury === true,
    desiredRetention: numberAt(json, 'desiredRetention'),
    // Anki reads a missing `autoplay` as on
    disableAutoplay: json.autoplay === false,
  };
}
