import { createElement } from 'react'
import { expect, test } from 'vitest'
import { ClaimTickets, type SummaryTicket } from '~/components/claim-summary'
import { renderAt, textOf } from '../render'

// What a worker reads on a claim they can no longer change (issue 13 §8): a ticket without a photo is said
// neutrally, not as a task, and a refused ticket is 不予补助 — the word the form used before the decision.

const ticket = (overrides: Partial<SummaryTicket> = {}): SummaryTicket => ({
  id: 1,
  direction: 'return',
  mode: 'hsr_second',
  travelDate: '2026-03-02',
  fromPlace: '潍坊',
  toPlace: '万州北',
  fareFen: 45650,
  ticketNumber: 'E123456789',
  decision: null,
  rejectReason: null,
  verdict: null,
  ...overrides,
})

test('只读的申请里没有照片的车票只写“未上传票据”，不当作待办 / a read-only claim says 未上传票据 for a ticket without a photo, not a task', async () => {
  const readOnly = textOf(await renderAt(createElement(ClaimTickets, { tickets: [ticket({ decision: 'approved' })], files: [], readOnly: true })))
  expect(readOnly).toContain('未上传票据')
  expect(readOnly).not.toContain('还没有上传')
  // The editor still asks for it.
  const editing = textOf(await renderAt(createElement(ClaimTickets, { tickets: [ticket()], files: [] })))
  expect(editing).toContain('还没有上传这张车票的照片或 PDF')
})

test('审核后不予补助的车票仍写“不予补助”，与提交前一致 / a ticket refused by the reviewer reads 不予补助, as before the decision', async () => {
  const before = textOf(
    await renderAt(
      createElement(ClaimTickets, { tickets: [ticket({ mode: 'hsr_first', verdict: { eligible: false, reasonText: '一等座不在补贴范围' } })], files: [] }),
    ),
  )
  const after = textOf(
    await renderAt(
      createElement(ClaimTickets, {
        tickets: [ticket({ mode: 'hsr_first', decision: 'rejected', rejectReason: 'ineligible_mode' })],
        files: [],
        readOnly: true,
      }),
    ),
  )
  expect(before).toContain('不予补助')
  expect(after).toContain('不予补助')
  expect(after).not.toContain('不予补贴')
})
