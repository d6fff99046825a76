/**
 * Code built from strings at run time (`eval`, `new Function`, and the async and generator function
 * constructors) is compiled by the engine, not by our transpiler, so the check that refuses `import(…)` in
 * the learner's file never sees it. Each of these entry points is replaced by one that refuses text using
 * `import`, so a dynamic import cannot load a module from the network or the host.
 */
export const dynamicImportRefused =
  'Exercises run on their own: `import(…)` is not available, not even in code built with eval or new Function.';

// `import` followed by `(`, possibly with whitespace or a comment between; an escaped keyword is a syntax error.
const importCall = /\bimport\s*(?:\(|\/[*/])/;

function refuseImports(texts: readonly string[]): void {
  if (texts.some((text) => importCall.test(text))) throw new Error(dynamicImportRefused);
}

type AnyConstructor = (...args: unknown[]) => unknown;

/** A stand-in for a function constructor that checks the text first; `new` and plain calls both work. */
function guardedConstructor(real: AnyConstructor): AnyConstructor {
  const guarded = function (...args: unknown[]): unknown {
    // Convert once, so a value whose toString answers differently the second time cannot slip through.
    const texts = args.map(String);
    refuseImports(texts);
    return Reflect.apply(real, undefined, texts);
  };
  Object.defineProperties(guarded, {
    name: { value: real.name },
    length: { value: real.length },
    prototype: { value: (real as unknown as { prototype: object }).prototype },
  });
  return guarded;
}

export function guardDynamicCode(global: typeof globalThis): void {
  const realEval = global.eval as (code: unknown) => unknown;
  const guardedEval = (code: unknown): unknown => {
    if (typeof code === 'string') refuseImports([code]);
    return realEval(code);
  };
  Object.defineProperty(global, 'eval', { value: guardedEval, writable: true, configurable: true });

  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const sample of kinds) {
    const prototype = Object.getPrototypeOf(sample) as object & { constructor: AnyConstructor };
    const guarded = guardedConstructor(prototype.constructor);
    Object.defineProperty(prototype, 'constructor', { value: guarded, writable: true, configurable: true });
    if (prototype === (global.Function.prototype as object)) {
      Object.defineProperty(global, 'Function', { value: guarded, writable: true, configurable: true });
    }
  }
}
