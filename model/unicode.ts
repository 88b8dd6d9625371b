/**
 * Half of a UTF-16 surrogate pair with no other half: no UTF-8 output can carry it.
 * The inventory loader refuses one; the escape helpers either refuse it or replace it
 * with U+FFFD (comments, reports), each saying which.
 */
const LONE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";

/** Matches one lone surrogate (for `test`). */
export const LONE_SURROGATE = new RegExp(LONE);
/** Matches every lone surrogate (for `replace`). */
export const LONE_SURROGATES = new RegExp(LONE, "g");

export const isWellFormedText = (value: string): boolean => !LONE_SURROGATE.test(value);
