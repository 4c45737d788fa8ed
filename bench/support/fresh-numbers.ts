/**
 * Valid US numbers, each handed out once per process, so that no cache or memo can have seen them: area codes ×
 * exchanges 201-500 × 10,000 lines (no 555 fiction numbers).
 */
const AREA_CODES = ["201", "212", "305", "312", "415", "503", "617", "646", "718", "917"];
let issued = 0;

export function freshNumbers(count: number): string[] {
  return Array.from({ length: count }, () => {
    const n = issued++;
    const rest = Math.floor(n / AREA_CODES.length);
    const exchange = 201 + (Math.floor(rest / 10_000) % 300);
    return `+1${AREA_CODES[n % AREA_CODES.length]}${exchange}${String(rest % 10_000).padStart(4, "0")}`;
  });
}
