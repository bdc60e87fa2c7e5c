import type { ApplicationSource, Industry, ReportReason, VacancyStatus } from './vacancy-enums'
import { canMoveStatus, defineStatuses, statusLabels } from './status'

// The words and pure rules of posts and applications that pages print: labels, status tables, the salary
// line. No schemas here, so a page that only shows posts (the public board) never loads zod in the
// browser (issue 9 §13); the posting form's schemas are ./vacancy.ts, which re-exports all of this.

export const INDUSTRY_LABELS = {
  manufacturing: '制造业',
  electronics: '电子装配',
  textile: '纺织服装',
  food: '食品加工',
  domestic: '家政服务',
  care: '养老护理',
  logistics: '物流运输',
  construction: '建筑施工',
  catering: '餐饮酒店',
  agriculture: '农业种养',
  other: '其他',
} as const satisfies Record<Industry, string>
export type { Industry }

/**
 * A post's statuses as staff and workers see them: label, badge tone and the moves a bureau may make.
 * `expired` is not stored — a published post past its valid-until day shows as it (effectiveStatus) and
 * moves as the published post it still is. Drafts are edited freely; a published post can be closed or
 * marked filled; closed and filled are final.
 */
export const VACANCY_STATUS = defineStatuses<VacancyStatus | 'expired'>({
  draft: { label: '草稿', tone: 'draft', next: ['published'] },
  published: { label: '招聘中', tone: 'ok', next: ['closed', 'filled'] },
  expired: { label: '已过期', tone: 'warn', next: [] },
  closed: { label: '已关闭', tone: 'off', next: [] },
  filled: { label: '已招满', tone: 'info', next: [] },
})

export const VACANCY_STATUS_LABELS = statusLabels(VACANCY_STATUS)

/**
 * What a post is right now. A published post past its valid-until day (Asia/Shanghai) is expired
 * everywhere and takes no applications, without anyone having to close it.
 */
export function effectiveStatus(status: VacancyStatus, validUntil: string, today: string): VacancyStatus | 'expired' {
  return status === 'published' && validUntil < today ? 'expired' : status
}

export function acceptsApplications(status: VacancyStatus, validUntil: string, today: string) {
  return effectiveStatus(status, validUntil, today) === 'published'
}

/** Whether a bureau may delete its post: only a draft, which nobody has seen (issue 9 §5); a published post is closed instead. */
export function mayDeleteVacancy(status: VacancyStatus | 'expired') {
  return status === 'draft'
}

/** Whether a bureau may move its post from one stored status to another (VACANCY_STATUS). */
export function canMoveVacancy(from: VacancyStatus, to: VacancyStatus) {
  return canMoveStatus(VACANCY_STATUS, from, to)
}

/** Drafts and posts still taking (or past taking) applications can be edited; closed and filled ones are final. */
export function canEditVacancy(status: VacancyStatus | 'expired') {
  return status !== 'closed' && status !== 'filled'
}

// An application's statuses, labels and moves are one table in ./application (re-exported for the pages that read both).
export { APPLICATION_STATUS, APPLICATION_STATUS_LABELS } from './application'

export const APPLICATION_SOURCE_LABELS = { self: '本人报名', recommended: '县里推荐' } as const satisfies Record<ApplicationSource, string>

export const REPORT_REASON_LABELS = {
  fake: '岗位信息虚假',
  fees: '收取押金或中介费',
  wage: '工资待遇与实际不符',
  mismatch: '联系不上或岗位已不存在',
  other: '其他',
} as const satisfies Record<ReportReason, string>

/** "¥4,500–6,000/月" from fen, whole yuan. */
export function formatSalaryRange(minFen: number, maxFen: number) {
  const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en-US')
  return minFen === maxFen ? `¥${yuan(minFen)}/月` : `¥${yuan(minFen)}–${yuan(maxFen)}/月`
}
