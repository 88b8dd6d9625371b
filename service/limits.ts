/** The largest record an audit writes is well under this (60 controls, 2,000-character details). */
export const BODY_LIMIT = 1024 * 1024;
