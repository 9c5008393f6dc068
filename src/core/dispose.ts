/**
 * `using` support: installs `[Symbol.dispose]` where the runtime has `Symbol.dispose`, kept out of
 * the published types (a consumer without the esnext.disposable lib must still compile our .d.ts).
 *
 * @module
 * @internal
 */

/**
 * Define `target[Symbol.dispose] = dispose` (non-enumerable, writable, configurable) when the
 * runtime has `Symbol.dispose`; otherwise do nothing. `dispose` is called with `this` = the object
 * `using` holds, so a prototype method works for every instance. @internal
 */
export function installDispose(target: object, dispose: (this: never) => void): void {
  const symbol = (Symbol as { dispose?: symbol }).dispose;
  if (typeof symbol === 'symbol') Object.defineProperty(target, symbol, { value: dispose, configurable: true, writable: true });
}
