import { BATCH_STATES, type BatchState } from '~/rules/batch-enums'
import { z } from '~/rules/zod'
import { parseListParams } from './list'
import { PERIOD } from './month-filters.server'

// The batch lists' filters from the URL (issue 12 §2, issue 15 §5), for the page and its export alike: the
// county's list by state and 发车月份, the bureau's arrivals by 发车月份. With a month the lists hold the
// batches that left in it (departed or arrived), the dashboards' 包车批次. What does not parse is dropped.

/** The county's batch list filters: a state and a departure month `YYYY-MM` (null for none). */
export type BatchFilters = { state: BatchState | null; month: string | null }

/** The county's batch list filters of a URL's search parameters. Never throws. */
export function readBatchFilters(search: URLSearchParams): BatchFilters {
  const p = parseListParams(search, { state: z.enum(BATCH_STATES), month: PERIOD })
  return { state: p.state ?? null, month: p.month ?? null }
}
