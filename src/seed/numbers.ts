/**
 * Reads a figure's printed wording (约75亿元, 182.9亿元, 百余位, 连续三批, 榜首)
 * back into the value, unit and qualifier the dataset stores, so the seed can
 * refuse a figure whose number does not say what its wording says, and the
 * fidelity test can check every figure the API serves the same way.
 */
export interface ParsedFigure {
  value: bigint;
  unit: "CNY" | "COUNT" | "RANK";
  qualifier: "EXACT" | "APPROXIMATE" | "AT_LEAST" | "MORE_THAN";
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const MULTIPLIERS: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n };

/** 三 → 3, 二十 → 20, 十四 → 14, 百 → 100, 三百零五 → 305 (below 10,000; 万 and 亿 are read as multipliers). */
export function chineseNumeral(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]+$/u.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else {
      total += (digit ?? 1) * SMALL_UNITS[ch];
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** "182.9" × 10^8 exactly, as a whole number; null when the product is not whole. */
function scaleDecimal(number: string, multiplier: bigint): bigint | null {
  const [whole, fraction = ""] = number.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * multiplier;
  return scaled % scale === 0n ? scaled / scale : null;
}

const FIGURE = new RegExp(
  [
    "^(?<approx>约)?",
    "(?:连续)?",
    "(?<number>\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)",
    "(?<more>余|多)?",
    "(?<multiplier>万|亿)?",
    "(?<yuan>元)?",
    "(?<atLeast>以上)?",
    // A measure word and what is counted (个, 位, 家, 路, 期, 批, 个项目, 大国际标准): no digits, no qualifier.
    "(?<rest>[^\\d约余多以上元]*)$",
  ].join(""),
  "u",
);

/** The value, unit and qualifier a figure's printed wording states; null when it is not a figure this parser reads. */
export function parseFigureText(text: string): ParsedFigure | null {
  if (text === "榜首") return { value: 1n, unit: "RANK", qualifier: "EXACT" };
  const rank = /^(?:NO\.|No\.|第)(\d+|[一二三四五六七八九十]+)(?:位|名)?$/u.exec(text);
  if (rank) {
    const n = /^\d+$/.test(rank[1]) ? Number(rank[1]) : chineseNumeral(rank[1]);
    return n === null ? null : { value: BigInt(n), unit: "RANK", qualifier: "EXACT" };
  }
  const m = FIGURE.exec(text);
  if (!m?.groups) return null;
  const { approx, number, more, multiplier, yuan, atLeast } = m.groups;
  const qualifiers = [approx && "APPROXIMATE", more && "MORE_THAN", atLeast && "AT_LEAST"].filter(Boolean) as ParsedFigure["qualifier"][];
  if (qualifiers.length > 1) return null;
  const factor = multiplier ? MULTIPLIERS[multiplier] : 1n;
  let value: bigint | null;
  if (/^\d/.test(number)) {
    value = scaleDecimal(number, factor);
  } else {
    const n = chineseNumeral(number);
    value = n === null ? null : BigInt(n) * factor;
  }
  if (value === null) return null;
  if (multiplier && !yuan) return null;
  return { value, unit: yuan ? "CNY" : "COUNT", qualifier: qualifiers[0] ?? "EXACT" };
}
