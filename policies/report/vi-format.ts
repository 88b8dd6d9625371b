/**
 * Numbers, dates and deadlines as a Vietnamese official writes them: 66,67%,
 * 2.562.200.000 đồng, 20/11/2026, quý I/2026. Fixed here rather than left to the ICU data
 * of the running Node, so every report format and every machine writes the same bytes.
 */

/** 2562200000 → "2.562.200.000"; 66.666 → "66,67" (at most `decimals` decimals, no trailing zeros). */
export function viNumber(n: number, decimals = 2): string {
  const sign = n < 0 ? "-" : "";
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = "0", frac = ""] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ".");
  const trimmed = frac.replace(/0+$/, "");
  return `${sign}${grouped}${trimmed ? `,${trimmed}` : ""}`;
}

export const viPercent = (n: number): string => `${viNumber(n)}%`;

export const viMoney = (n: number): string => `${viNumber(n, 0)} đồng`;

/** A change in percentage points, signed: "+8,33 điểm %", "-2 điểm %", "không đổi" (no-break spaces: never "%" alone on a line). */
export function viChange(delta: number): string {
  const rounded = Math.round(delta * 100) / 100;
  if (rounded === 0) return "không đổi";
  return `${rounded > 0 ? "+" : ""}${viNumber(rounded)}\u00a0điểm\u00a0%`;
}

/** "2026-11-20" → "20/11/2026". */
export function viDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * The place and date line of Decree 30/2020/NĐ-CP: "Hưng Yên, ngày 08 tháng 6 năm 2026"
 * (days below 10 and the months 1 and 2 take a leading zero).
 */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const day = String(d).padStart(2, "0");
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

const ROMAN = ["I", "II", "III", "IV"];

/** A catalogue deadline as the plans word it: "quý I/2026", "tháng 4/2026", "hằng năm". */
export function viDeadline(deadline: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^before (\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m) return `trước ngày ${m[3]}/${m[2]}/${m[1]}`;
  m = /^before (\d{4})-(\d{2})$/.exec(deadline);
  if (m) return `trước tháng ${Number(m[2])}/${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(deadline);
  if (m) return `quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(deadline);
  if (m) return `tháng ${Number(m[2])}/${m[1]}`;
  m = /^(\d{4})\/(\d{4})$/.exec(deadline);
  if (m) return `${m[1]} - ${m[2]}`;
  if (/^\d{4}$/.test(deadline)) return `năm ${deadline}`;
  const words: Record<string, string> = {
    ongoing: "thường xuyên",
    yearly: "hằng năm",
    "six-monthly": "6 tháng một lần",
    monthly: "hằng tháng",
    none: "không quy định",
  };
  return words[deadline] ?? deadline;
}

/** Text wrapped over lines in a YAML source, as one line. */
export const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * Text the plans, policies and inventory wrote, in one spelling style: "minh chứng"
 * (not "bằng chứng"), "hằng năm" (not "hàng năm"), dates as 20/11/2026, decimals with a
 * comma. Used on every sentence a report shows, whoever wrote it.
 */
export function viText(s: string): string {
  return s
    .replace(/bằng chứng/g, "minh chứng")
    .replace(/Bằng chứng/g, "Minh chứng")
    .replace(/(^|[^\p{L}])([Hh])àng (năm|tháng|quý|ngày|tuần)(?!\p{L})/gu, "$1$2ằng $3")
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, "$3/$2/$1")
    .replace(/\b(\d{4})-Q([1-4])\b/g, (_, y: string, q: string) => `quý ${ROMAN[Number(q) - 1]}/${y}`)
    .replace(/(\d)\.(\d+)%/g, "$1,$2%");
}

/** At most `max` characters, cut between words (never mid-word), with "…" when cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/** Vietnamese alphabetical order (one collator: building one per comparison costs seconds on 2,000 units). */
const COLLATOR = new Intl.Collator("vi");
export const viOrder = (a: string, b: string): number => COLLATOR.compare(a, b);
