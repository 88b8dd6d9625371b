/** What the Vietnamese text of a finding must be: real Vietnamese, not a copy of the English. */
import { expect } from "vitest";

/** Letters only Vietnamese writes (tone marks, ă â ê ô ơ ư đ), in either case. */
export const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/**
 * Every finding has a Vietnamese message and fix: not empty, not the English text,
 * written with Vietnamese letters, in NFC (so a report is the same bytes whatever editor
 * wrote the source), and giving the same figures as the English (counts, dates, levels).
 */
export function expectVietnamese(
  findings: Array<{ subject: string; message: string; fix: string; vi: { message: string; fix: string } }>,
): void {
  expect(findings.length).toBeGreaterThan(0);
  for (const f of findings) {
    for (const key of ["message", "fix"] as const) {
      const vi = f.vi[key];
      const at = `${f.subject}: vi.${key} "${vi}"`;
      expect(vi.trim().length, at).toBeGreaterThan(0);
      expect(vi, at).not.toBe(f[key]);
      expect(vi, at).toMatch(VIETNAMESE_LETTER);
      expect(vi.normalize("NFC"), at).toBe(vi);
      const figures = (text: string) => [...new Set(text.match(/\d+/g) ?? [])].sort();
      expect(figures(vi), at).toEqual(figures(f[key]));
    }
  }
}
