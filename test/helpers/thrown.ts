/** The error an action throws, of the kind a test expects; anything else (or nothing) fails the test. */
export function thrown<E extends Error>(kind: abstract new (...args: never[]) => E, action: () => unknown): E {
  try {
    action();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}
