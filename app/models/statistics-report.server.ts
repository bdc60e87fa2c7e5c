import { addMonths, reportLines } from '~/rules/statistics'
import type { Actor } from '~/rules/permissions'
import { getOwnStatistics } from './statistics.server'

/**
 * The actor's office's report for `month` (east or west): the month's statistics, and its lines against
 * the month before and the same month a year before (issue 15 §4). Each is memoised (getStatistics).
 */
export function getOwnReport(actor: Actor, month: string) {
  const side = actor.role === 'east' ? 'east' : 'west'
  const now = getOwnStatistics(actor, month)
  const previous = getOwnStatistics(actor, addMonths(month, -1))
  const lastYear = getOwnStatistics(actor, addMonths(month, -12))
  return { side, statistics: now, lines: reportLines(side, now, previous, lastYear) } as const
}
