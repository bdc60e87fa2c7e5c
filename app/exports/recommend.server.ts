import type { CandidateView } from '~/models/recommend-candidates.server'
import { defineExport } from '~/utils/xlsx.server'

// The recommend list of a post (issue 11 §4) as xlsx, for the county to share with villages: who, from
// which township, age, skills and situation, and why the person may not suit the post. Phones are always
// masked (a list that leaves the office); the full numbers stay in the ledger.

/** The columns of the recommend list export, in the page's order (newest change first). */
export const RECOMMEND_EXPORT = defineExport<CandidateView>({
  sheet: '推荐名单',
  columns: [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '性别', width: 6, value: (r) => r.sex },
    { header: '年龄', width: 6, value: (r) => r.age, numFmt: '0' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.township },
    { header: '手机号码', width: 14, value: (r) => r.phone, numFmt: '@' },
    { header: '技能等级', width: 14, value: (r) => r.skillLevel },
    { header: '技能', width: 20, value: (r) => r.skills },
    { header: '就业状态', width: 12, value: (r) => r.status },
    { header: '就业需求', width: 14, value: (r) => r.need },
    { header: '提示', width: 30, value: (r) => r.warnings.join('；') },
  ],
  footer: '手机号码已打码',
})
