import { listEmployersForBureau } from '~/models/employer.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { defineExport } from '~/utils/xlsx.server'

// A bureau's employers (用人单位 list, issue 15 §3) as xlsx, in the list's order (by name) with the list's search
// applied: name, 统一社会信用代码 (text, so Excel keeps its letters and leading zeros), industry, address, the
// employer's contact, its posts (all, and open today) and whether it is archived. The contact phone is the
// employer's business line — the one its posts publish on the job board — so it is not masked, as on the page.

type Employer = ReturnType<typeof listEmployersForBureau>[number]

/** The columns of the employers export. */
export const EMPLOYERS_EXPORT = defineExport<Employer>({
  sheet: '用人单位',
  columns: [
    { header: '单位名称', width: 30, value: (r) => r.employer.name },
    { header: '统一社会信用代码', width: 22, value: (r) => r.employer.uscc, numFmt: '@' },
    { header: '行业', width: 14, value: (r) => INDUSTRY_LABELS[r.employer.industry] ?? r.employer.industry },
    { header: '地址', width: 36, value: (r) => r.employer.address },
    { header: '联系人', width: 10, value: (r) => r.employer.contactName },
    { header: '联系电话', width: 16, value: (r) => r.employer.contactPhone, numFmt: '@' },
    { header: '岗位数', width: 8, value: (r) => r.posts, numFmt: '0' },
    { header: '招聘中岗位', width: 11, value: (r) => r.openPosts, numFmt: '0' },
    { header: '状态', width: 8, value: (r) => (r.employer.archivedAt ? '已归档' : '在用') },
    { header: '归档日期', width: 12, value: (r) => (r.employer.archivedAt ? formatDate(r.employer.archivedAt) : null) },
  ],
})

/** How many employers one read takes (the list's query, a page at a time). */
const PAGE = 200

/** The bureau's employers matching `q`, in the list's order, read a page at a time through the list's own query. */
export function* listEmployersForExport(actor: Actor, q: string) {
  for (let offset = 0; ; offset += PAGE) {
    const page = listEmployersForBureau(actor, { q }, { limit: PAGE, offset })
    yield* page
    if (page.length < PAGE) return
  }
}
