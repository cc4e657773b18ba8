/**
 * Which key points a typed answer covers. The match is meant to be explained to the person, so it is
 * plain word matching: each point's terms are the stemmed words of its label and text, less common
 * English and the vocabulary every answer shares, and a point counts as covered when the typed text
 * holds enough of them. The result lists the terms found, so the screen can say why a point was
 * ticked. No network and no model: the same text always gives the same answer.
 */
import { stemmer } from 'stemmer';

export interface MatchablePoint {
  id: string;
  label: string;
  text: string;
}

export interface PointMatch {
  id: string;
  covered: boolean;
  /** The point's terms found in the typed text (stems, in the point's order). */
  matchedTerms: string[];
  /** All of the point's terms (stems): the label's first. */
  terms: string[];
}

/**
 * A point is covered when the typed text holds enough of one of its label's names (see namedEnough),
 * or other terms of it worth at least this much (all of them when they are worth less, and never less
 * than 1): a term only this point has is worth 1, one it shares with another point of the card 1/2,
 * so words that several points use do not tick any of them.
 */
const TEXT_WORTH_NEEDED = 2;

export function matchTypedAnswer(points: readonly MatchablePoint[], typed: string): PointMatch[] {
  const said = new Set(termsOf(typed));
  const described = points.map(describePoint);
  const pointsWith = pointsPerTerm(described);
  // terms in most of a card's points ("model" in every point of a modelling answer) say nothing of
  // which point was recalled; with three points or fewer every term is kept
  const shared = (term: string) => points.length > 3 && (pointsWith.get(term) ?? 0) > points.length / 2;
  const worth = (terms: readonly string[]) =>
    terms.reduce((sum, term) => sum + ((pointsWith.get(term) ?? 0) > 1 ? 0.5 : 1), 0);
  return described.map(({ id, labelNames, textTerms }) => {
    const names = labelNames.map((terms) => terms.filter((term) => !shared(term)));
    const label = unique(names.flat());
    const text = textTerms.filter((term) => !shared(term) && !label.includes(term));
    const textFound = text.filter((term) => said.has(term));
    const covered =
      names.some((terms) => namedEnough(terms, said, worth)) ||
      worth(textFound) >= Math.max(1, Math.min(TEXT_WORTH_NEEDED, worth(text)));
    const labelFound = label.filter((term) => said.has(term));
    return { id, covered, matchedTerms: [...labelFound, ...textFound], terms: [...label, ...text] };
  });
}

interface DescribedPoint {
  id: string;
  /** The label's names, each as its terms: "Elastic Weight Consolidation (EWC)" is two names. */
  labelNames: string[][];
  textTerms: string[];
}

function describePoint(point: MatchablePoint): DescribedPoint {
  const aliases = [...point.label.matchAll(/\(([^()]*)\)/g)].map((match) => match[1]);
  const names = [point.label.replace(/\([^()]*\)/g, ' '), ...aliases].map((name) => unique(termsOf(name)));
  return {
    id: point.id,
    labelNames: names.filter((terms) => terms.length > 0),
    textTerms: unique(termsOf(point.text)),
  };
}

/**
 * Whether the typed text names enough of one of a point's names: terms worth half of the name's, and
 * at least 1 (all of it when the whole name is worth less), so "complexity" alone ticks neither
 * "Time Complexity" nor "Space Complexity", while "EWC" or "time complexity" tick theirs.
 */
function namedEnough(terms: readonly string[], said: ReadonlySet<string>, worth: (terms: readonly string[]) => number) {
  if (terms.length === 0) return false;
  const whole = worth(terms);
  const found = worth(terms.filter((term) => said.has(term)));
  return found > 0 && found >= Math.min(whole, Math.max(1, whole / 2));
}

/** In how many of the card's points each term appears. */
function pointsPerTerm(points: readonly DescribedPoint[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const point of points) {
    for (const term of new Set([...point.labelNames.flat(), ...point.textTerms])) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  return counts;
}

/** The stemmed words of a text that can tell points apart, in order (duplicates kept). */
export function termsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[+#]+|(?:[.'’-][\p{L}\p{N}]+)*)/gu) ?? [];
  return words
    .map((word) => word.replace(/['’]s$/, '').replace(/[.'’-]/g, ''))
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !/^\d+$/.test(word))
    .map((word) => stemmer(word))
    .filter((stem) => !STOP_STEMS.has(stem));
}

function unique(terms: readonly string[]): string[] {
  return [...new Set(terms)];
}

/** Common English: words that appear in any sentence about anything. */
const STOP_WORDS = new Set(
  `a an and are as at be been being but by can could did do does doing done each either for from had has
  have having he her here hers him his how i if in into is it its itself just may me might more most must my
  no nor not of off on once one only or other our ours out over own same she should so some such than that
  the their theirs them then there these they this those through to too under until up us very via was we
  were what when where which while who whom why will with within without would you your yours also both
  all any few many much every per etc e g ie eg using use used uses make makes made get gets got well
  like way ways thing things lot lots really basically`.split(/\s+/),
);

/**
 * Stems of words every answer in an interview deck is full of ("implement", "approach"): they match
 * whatever was typed, so they never decide that a point was covered.
 */
const STOP_STEMS = new Set(
  'implement approach strategy solution system handle ensure provide based different new need work good better'
    .split(' ')
    .map((word) => stemmer(word)),
);
