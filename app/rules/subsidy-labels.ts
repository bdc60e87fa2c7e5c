import type {
  ClaimFileKind,
  ClaimFilePurpose,
  ClaimFlagKind,
  ClaimState,
  EmploymentProof,
  LegDirection,
  PaymentCardKind,
  PayoutRowResult,
  PayoutState,
  RejectReason,
  TicketDecision,
  TravelMode,
  WorkDistance,
} from './subsidy-enums'

// The Chinese words for every stored code of the transport subsidy (issue 13; codes in ./subsidy-enums).
// One table per code list, each `satisfies Record<Code, string>`, so a new code without its label does not
// compile. No imports but types, so a page that only prints labels loads nothing else.

/** Ways of travel, as printed on tickets (seed 002: 火车硬席、高铁/动车二等座和公交长途汽车). */
export const TRAVEL_MODE_LABELS = {
  train_hard_seat: '火车硬座',
  train_hard_sleeper: '火车硬卧',
  train_soft_seat: '火车软座',
  train_soft_sleeper: '火车软卧',
  hsr_second: '高铁/动车二等座',
  hsr_first: '高铁/动车一等座',
  hsr_business: '高铁/动车商务座',
  coach: '长途汽车/省际班车',
  flight: '飞机',
  taxi: '出租车/网约车',
  private_car: '私家车/拼车',
  other: '其他',
} as const satisfies Record<TravelMode, string>

/** A claim's states as the worker and staff read them (issue 13 §6, §8). */
export const CLAIM_STATE_LABELS = {
  draft: '草稿',
  submitted: '已提交',
  under_review: '审核中',
  approved: '审核通过',
  partially_approved: '部分通过',
  rejected: '未通过',
  returned: '退回修改',
  in_payout: '发放中',
  paid: '已发放',
  payment_failed: '发放失败',
} as const satisfies Record<ClaimState, string>

/** Why a ticket or a claim is refused: the short label of a reason code (the rules add the detail). */
export const REJECT_REASON_LABELS = {
  ineligible_mode: '乘坐方式不在补贴范围',
  batch_leg: '已由务工专车（批次）免费承运',
  duplicate_ticket: '车票重复',
  unreadable: '票据看不清',
  mismatch: '票据与填写内容不符',
  outside_year: '乘车日期不在申领年度内',
  not_eligible_person: '不符合申领对象条件',
  no_employment_proof: '缺少市外（县外）务工证明',
  other: '其他',
} as const satisfies Record<RejectReason, string>

/** Proofs of employment a county may accept (issue 13 §1–2). */
export const EMPLOYMENT_PROOF_LABELS = {
  employment_record: '平台就业记录',
  employer_certificate: '用工单位就业证明',
  labour_contract: '劳动合同',
  wage_records: '近 3 个月工资流水',
  social_insurance: '社保缴纳记录',
} as const satisfies Record<EmploymentProof, string>

/** Where the work is, which decides the flat amount. */
export const WORK_DISTANCE_LABELS = {
  outside_chongqing: '重庆市外务工',
  outside_county: '重庆市内、本区县外务工',
} as const satisfies Record<WorkDistance, string>

export const LEG_DIRECTION_LABELS = {
  outbound: '去程（家→务工地）',
  return: '返程（务工地→家）',
} as const satisfies Record<LegDirection, string>

export const PAYMENT_CARD_KIND_LABELS = {
  social_security: '社会保障卡',
  bank: '本人银行卡',
} as const satisfies Record<PaymentCardKind, string>

export const TICKET_DECISION_LABELS = {
  approved: '通过',
  rejected: '不予补助',
} as const satisfies Record<TicketDecision, string>

export const CLAIM_FILE_PURPOSE_LABELS = {
  ticket: '车票',
  proof: '务工证明',
} as const satisfies Record<ClaimFilePurpose, string>

export const CLAIM_FILE_KIND_LABELS = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  webp: 'WebP 图片',
  pdf: 'PDF 文件',
} as const satisfies Record<ClaimFileKind, string>

/** Why a claim is flagged for the reviewer (issue 13 §5). */
export const CLAIM_FLAG_KIND_LABELS = {
  ticket_number: '票号与其他申请相同',
  file_hash: '文件与其他申请相同',
  photo_hash: '照片与其他申请几乎相同',
} as const satisfies Record<ClaimFlagKind, string>

export const PAYOUT_STATE_LABELS = {
  open: '编制中',
  exported: '已导出待发放',
  closed: '已办结',
} as const satisfies Record<PayoutState, string>

export const PAYOUT_ROW_RESULT_LABELS = {
  pending: '待发放',
  paid: '已发放',
  failed: '发放失败',
} as const satisfies Record<PayoutRowResult, string>

/** The amount a worker's claim is headed by (issue 13 §8): which figure, under which word. `fen` null: no figure. */
export type ClaimAmountHeadline = { label: string; fen: number | null }

/**
 * The figure that heads a claim on /me/claims and /me/claims/<id> (issue 13 §8): the amount paid once paid,
 * the approved amount once approved (also while in a payout or after a failed payment), the expected amount
 * while it waits for review, nothing for a draft or a rejection. Takes the state and both amounts (fen).
 */
export function claimAmountHeadline(claim: { state: ClaimState; expectedFen: number; approvedFen: number | null }): ClaimAmountHeadline {
  switch (claim.state) {
    case 'draft':
      return { label: '填写中', fen: null }
    case 'rejected':
      return { label: '不予补助', fen: null }
    case 'paid':
      return { label: '已发放', fen: claim.approvedFen ?? claim.expectedFen }
    case 'approved':
    case 'partially_approved':
    case 'in_payout':
    case 'payment_failed':
      return { label: '核定', fen: claim.approvedFen ?? claim.expectedFen }
    case 'submitted':
    case 'under_review':
    case 'returned':
      return { label: '预计', fen: claim.expectedFen }
  }
}
