// What a promise that must fail failed with: the error, checked to be of the expected class.
// Resolving, or failing with anything else, fails the test (the other error is rethrown).

/** The error `p` rejects with, which must be an instance of `type`. */
export async function rejection<E>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}`);
}
