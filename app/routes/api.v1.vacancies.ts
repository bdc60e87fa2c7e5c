import type { LoaderFunctionArgs } from '@remix-run/node'
import { listBoardCities } from '~/models/pairing.server'
import { searchPublicVacancies } from '~/models/vacancy.server'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { parseFeedQuery } from '~/utils/board-query.server'
import { env } from '~/utils/env.server'

// GET /api/v1/vacancies — the open posts as JSON for other public employment platforms to pull, with
// the board's filters (q, city, industry, minSalary, meals, housing, sort, page) and pageSize ≤ 100.
// Only what the public board shows: no contact person or phone, no applicant, nothing personal
// (docs/decisions/008-chinese-search.md). Any origin may read it; it is the same for every caller.

const PUBLIC_HEADERS = { 'Access-Control-Allow-Origin': '*' }

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const cities = listBoardCities()
  const parsed = parseFeedQuery(
    url,
    cities.map((c) => c.code),
  )
  if (!parsed.ok) {
    return Response.json({ error: parsed.errors }, { status: 400, headers: { ...PUBLIC_HEADERS, 'Cache-Control': 'no-store' } })
  }
  const { query } = parsed
  // The page as asked, not clamped (unlike the board): a program paging until it gets nothing must stop.
  const { total, rows } = searchPublicVacancies(query)
  // Absolute links only from the configured origin: the Host header is the caller's to choose, and this
  // answer is cached publicly, so a forged Host would otherwise poison the cache for everyone.
  const origin = env.APP_ORIGIN ?? ''
  const body = {
    data: rows.map((r) => ({
      id: r.id,
      title: r.title,
      employer: r.employerName,
      industry: { code: r.industry, label: INDUSTRY_LABELS[r.industry] ?? r.industry },
      city: { code: r.cityCode, name: r.cityName },
      // Monthly, in whole yuan (stored in fen).
      salaryMin: Math.round(r.salaryMinFen / 100),
      salaryMax: Math.round(r.salaryMaxFen / 100),
      meals: r.providesMeals,
      housing: r.providesHousing,
      headcount: r.headcount,
      address: r.address,
      validUntil: r.validUntil,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      url: `${origin}/jobs/${r.id}`,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  }
  return Response.json(body, { headers: { ...PUBLIC_HEADERS, 'Cache-Control': 'public, max-age=60' } })
}
