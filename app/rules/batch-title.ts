// How a batch is named to people (issue 12 §2, §5): by its departure day and route, never by its database id,
// which means nothing to staff, escorts or the receiving bureau ("第 13 批" on paper tells no one which bus).

/** A `YYYY-MM-DD` date as staff say it: 2026-12-12 → 12月12日 (no year, no leading zeros). */
export function monthDay(date: string) {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/**
 * A batch's title: its departure day and route, e.g. "12月12日 开州区→潍坊市". Takes the departure date
 * (`YYYY-MM-DD`, Shanghai) and the county and city names as they should read (shortAreaName for a county).
 */
export function batchTitle({ departureDate, countyName, cityName }: { departureDate: string; countyName: string; cityName: string }) {
  return `${monthDay(departureDate)} ${countyName}→${cityName}`
}
