import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAreaName } from '~/models/area.server'
import { isBureauStatusFilter, listVacanciesForExport } from '~/models/vacancy.server'
import { addTableSheet, downloadHeaders, newWorkbook, workbookBytes } from '~/utils/xlsx.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { formatSalaryRange, INDUSTRY_LABELS, VACANCY_STATUS_LABELS, type Industry } from '~/rules/vacancy'
import { requireUser } from '~/utils/auth.server'

const COLUMNS = [
  { header: '岗位名称', key: 'title', width: 18 },
  { header: '用人单位', key: 'employer', width: 28 },
  { header: '行业', key: 'industry', width: 10 },
  { header: '人数', key: 'headcount', width: 6 },
  { header: '月薪', key: 'salary', width: 16 },
  { header: '包吃', key: 'meals', width: 6 },
  { header: '包住', key: 'housing', width: 6 },
  { header: '工作地点', key: 'address', width: 30 },
  { header: '有效期', key: 'validUntil', width: 12 },
  { header: '状态', key: 'status', width: 8 },
  { header: '报名人数', key: 'applications', width: 9 },
  { header: '发布日期', key: 'publishedOn', width: 12 },
]

/** The bureau's posts (the list's status filter) as xlsx, the way offices report upward. No personal data. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const raw = new URL(request.url).searchParams.get('status')
  const status = isBureauStatusFilter(raw) ? raw : null
  const rows = listVacanciesForExport(user.organisation.id, status)

  const workbook = newWorkbook()
  const sheet = addTableSheet(workbook, '岗位', COLUMNS)
  for (const r of rows) {
    const v = r.vacancy
    sheet.addRow({
      title: v.title,
      employer: r.employerName,
      industry: INDUSTRY_LABELS[v.industry as Industry] ?? v.industry,
      headcount: v.headcount,
      salary: formatSalaryRange(v.salaryMinFen, v.salaryMaxFen),
      meals: v.providesMeals ? '是' : '否',
      housing: v.providesHousing ? '是' : '否',
      address: v.address,
      validUntil: v.validUntil,
      status: VACANCY_STATUS_LABELS[r.status],
      applications: Number(r.applications),
      publishedOn: v.publishedAt ? formatDate(v.publishedAt) : '',
    })
  }

  const today = todayInShanghai()
  const cityName = shortAreaName(getAreaName(user.organisation.areaCode) ?? user.organisation.shortName)
  const fileName = `${cityName}岗位${status ? `（${VACANCY_STATUS_LABELS[status]}）` : ''}-${today}.xlsx`
  const bytes = await workbookBytes(workbook)
  return new Response(bytes, { headers: downloadHeaders(fileName, `jobs${status ? `-${status}` : ''}-${today}.xlsx`) })
}
