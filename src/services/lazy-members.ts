type Members<M> = { readonly [K in keyof M]: M[K] extends (arg: never) => infer R ? R : never };

/** The argument every maker of `M` takes. */
type Argument<M> = M[keyof M] extends (arg: infer A) => unknown ? A : never;

/**
 * A class whose instances make each member on first read, by its maker from
 * `makers` given the instance's constructor argument. A request's services
 * and repositories are made this way: a request uses a few of them, and
 * making them all up front was a measurable part of a lookup. The getters
 * sit on the prototype, made once per set of makers, and every instance
 * keeps one fixed shape (its argument and one array of made members).
 */
export function lazyMembers<M extends Record<string, (arg: never) => unknown>>(makers: M): new (arg: Argument<M>) => Members<M> {
  type A = Argument<M>;
  const names = Object.keys(makers);
  class Lazy {
    protected readonly made: unknown[];
    constructor(protected readonly arg: A) {
      this.made = new Array(names.length);
    }
  }
  names.forEach((name, i) => {
    const make = makers[name];
    Object.defineProperty(Lazy.prototype, name, {
      get(this: Lazy & { made: unknown[]; arg: A }) {
        return (this.made[i] ??= (make as (arg: A) => unknown)(this.arg));
      },
    });
  });
  return Lazy as unknown as new (arg: A) => Members<M>;
}
