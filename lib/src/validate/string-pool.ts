/**
 * One string per distinct text among values that repeat (mission ids, task ids, risk types): a
 * value read a million times is then kept once, not a million times.
 */

/**
 * A pool of strings: {@link shared} gives the first string seen with the same text.
 *
 * @example
 * const pool = new StringPool();
 * const a = pool.shared("M1"); pool.shared(["M", "1"].join("")) === a // → true
 */
export class StringPool {
  private readonly known = new Map<string, string>();

  /** The pool's string with the text of `text` (`text` itself the first time). */
  shared(text: string): string {
    const known = this.known.get(text);
    if (known !== undefined) return known;
    this.known.set(text, text);
    return text;
  }
}
