/** The argument named by the ArgumentError that f throws (other errors propagate; no throw fails). */
import { ArgumentError } from '../../../src/index.js';

export function thrownArgument(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ArgumentError) return e.argument;
    throw e;
  }
  throw new Error('did not throw');
}
