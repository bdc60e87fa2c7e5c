// Calendar formatting in China Standard Time.
//
// The portal's users, offices and paperwork all live in mainland China, so a
// "date" always means the Asia/Shanghai calendar day, regardless of the server's
// own TZ setting. We deliberately go through the IANA zone via Intl rather than
// adding a fixed +08:00 offset: the tz database also knows about the 1986–1991
// daylight-saving period, which matters for birth dates and old records.

// en-CA is used because its numeric parts are ISO-like; we still read the parts
// by type so a different ICU build cannot reorder them on us.
const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  // h23 avoids the "24:05" that some ICU versions produce with hour12: false.
  hourCycle: 'h23',
})

type ShanghaiParts = { year: string; month: string; day: string; hour: string; minute: string }

/** China has kept UTC+8 all year since its last daylight-saving period ended in September 1991. */
const FIXED_OFFSET_SINCE = Date.UTC(1991, 11, 31, 16) // 1992-01-01 00:00 in Shanghai
const EIGHT_HOURS = 8 * 60 * 60 * 1000
const two = (n: number) => String(n).padStart(2, '0')

function partsInShanghai(d: Date | number): ShanghaiParts {
  const date = typeof d === 'number' ? new Date(d) : d
  const ms = date.getTime()
  if (Number.isNaN(ms)) {
    // A silent "NaN-NaN-NaN" on a certificate is worse than a loud failure.
    throw new RangeError('无效的日期')
  }
  // Every timestamp the portal writes is after 1991: shifting by the fixed offset gives the same parts as the
  // tz database at a fraction of Intl's cost (formatting was 2–3 % of a list page's CPU, issue 10).
  if (ms >= FIXED_OFFSET_SINCE) {
    const s = new Date(ms + EIGHT_HOURS)
    const year = s.getUTCFullYear()
    if (year <= 9999) {
      return {
        year: String(year).padStart(4, '0'),
        month: two(s.getUTCMonth() + 1),
        day: two(s.getUTCDate()),
        hour: two(s.getUTCHours()),
        minute: two(s.getUTCMinutes()),
      }
    }
  }
  const out: ShanghaiParts = { year: '', month: '', day: '', hour: '', minute: '' }
  for (const part of shanghaiParts.formatToParts(date)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') {
      out[part.type] = part.value
    }
  }
  // ISO 8601 calendar dates use at least four year digits.
  out.year = out.year.padStart(4, '0')
  return out
}

/** 'YYYY-MM-DD' (ISO 8601 calendar date) for the Asia/Shanghai day containing `d`. */
export function formatDate(d: Date | number): string {
  const p = partsInShanghai(d)
  return `${p.year}-${p.month}-${p.day}`
}

/** 'YYYY-MM-DD HH:mm' (24-hour clock) in Asia/Shanghai. */
export function formatDateTime(d: Date | number): string {
  const p = partsInShanghai(d)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** Today's Asia/Shanghai calendar date as 'YYYY-MM-DD'; `now` is injectable for tests. */
export function todayInShanghai(now: Date = new Date()): string {
  return formatDate(now)
}

/** A YYYY-MM-DD calendar day moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
