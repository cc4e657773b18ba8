/**
 * The path and query a request names, read strictly: a malformed percent escape is the sender's mistake
 * (400, naming it), never a URIError that would surface as a 500.
 */
import { HttpError } from './http-error';

export interface RequestTarget {
  /** Still percent-encoded; each part is decoded where it is used, with decodeStrict. */
  pathname: string;
  query: URLSearchParams;
}

/** Only origin-form targets (`/path?query`): `//host/…` or `http://…` would make URL() read a host from them. */
export function parseTarget(raw: string): RequestTarget {
  if (!raw.startsWith('/') || raw.startsWith('//')) {
    throw new HttpError(400, 'invalid_input', `The request asks for ${JSON.stringify(clip(raw))}, not a path on Cue.`);
  }
  const question = raw.indexOf('?');
  return {
    pathname: question < 0 ? raw : raw.slice(0, question),
    query: new URLSearchParams(question < 0 ? '' : raw.slice(question + 1)),
  };
}

/** decodeURIComponent that says which escape is wrong and where (`what` names the text: "The path"). */
export function decodeStrict(text: string, what: string): string {
  const malformed = /%(?![0-9a-fA-F]{2})/.exec(text);
  if (malformed) {
    const at = malformed.index + 1;
    const written = text.slice(malformed.index, malformed.index + 3);
    throw new HttpError(
      400,
      'invalid_input',
      `${what} has a malformed percent escape "${written}" at character ${at}: a % must be followed by two hex digits.`,
      { at },
    );
  }
  // Each run of escapes must spell UTF-8 on its own: a run is where the bytes of one character can be.
  for (const run of text.matchAll(/(?:%[0-9a-fA-F]{2})+/g)) {
    try {
      decodeURIComponent(run[0]);
    } catch {
      const at = run.index + 1;
      throw new HttpError(
        400,
        'invalid_input',
        `${what} has percent escapes that are not UTF-8, "${clip(run[0])}" at character ${at}.`,
        { at },
      );
    }
  }
  return decodeURIComponent(text);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
