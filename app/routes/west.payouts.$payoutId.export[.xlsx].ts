import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { ALL_DATES, dayRange, exportNames } from '~/exports/file-name.server'
import { PAYOUT_EXPORT, PAYOUT_EXPORT_FOOTER, PAYOUT_RECORD_EXPORT, payoutLines } from '~/exports/payout.server'
import { exportPayout, isCountyPayout, type PayoutSheet } from '~/models/payout.server'
import { todayInShanghai } from '~/rules/dates'
import { payoutLabel, payoutTitle } from '~/rules/payout'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

// A payout's file for county finance (发放名单, issue 13 §7), only by POST from the payout page: an open payout
// becomes exported (rows fixed, results can be marked), audited payout.export; with `full=1` and a purpose, the
// file carries full ID numbers, audited payout.export_full. Every finance file carries the card numbers in full
// (finance pays to them); a closed payout gives its record copy (results, cards masked, no full file). Every file
// is an audited POST: a GET (a bookmarked link) goes to the payout's export section, writing nothing. Another
// county's payout is a 404, before the form is read.

function download(sheet: PayoutSheet) {
  const day = todayInShanghai()
  // The file is named by the payout (its name says which; its rows are all of its claims, no date filter); the
  // title row below says its notice period.
  const names = exportNames({
    organisation: sheet.countyName,
    list: '交通补助发放名单',
    filters: [payoutLabel(sheet.payout.title)],
    range: ALL_DATES,
    full: sheet.full,
    ascii: `payout-${sheet.payout.id}`,
    day,
  })
  // The title row says the payout's one title (rules/payout.ts payoutTitle), as its page and its notice do, then
  // its notice period (the dates a finance office files it under: a payout's rows are all of its claims, whenever
  // approved) and the day it was made.
  const notice = dayRange(sheet.payout.noticeFrom, sheet.payout.noticeUntil)
  const title = [
    `${payoutTitle(sheet.payout.title, { county: sheet.areaName, kind: 'sheet' })}${sheet.full ? '（完整信息）' : sheet.kind === 'record' ? '（已办结 · 存档）' : ''}`,
    `日期范围：${notice === ALL_DATES ? '公示期未定' : `公示期 ${notice}`}`,
    `导出于 ${day}`,
  ].join(' · ')
  const record = sheet.kind === 'record'
  const footer = record ? PAYOUT_EXPORT_FOOTER.record : sheet.full ? PAYOUT_EXPORT_FOOTER.full : PAYOUT_EXPORT_FOOTER.masked
  return xlsxResponse({ ...(record ? PAYOUT_RECORD_EXPORT : PAYOUT_EXPORT), footer }, payoutLines(sheet), {
    ...names,
    title,
  })
}

const text = (message: string, status: number) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/** No file by GET: back to the payout's export section (another county's payout is a 404). */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const payoutId = requireRecordId(args.params.payoutId)
  if (!isCountyPayout(actor, payoutId)) throw new Response('Not Found', { status: 404 })
  return redirect(`/west/payouts/${payoutId}#export`)
}

/** 导出交财政: marks the payout exported and returns the file (full ID numbers with a chosen purpose). A refusal is a 400 in Chinese. */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const payoutId = requireRecordId(args.params.payoutId)
  if (!isCountyPayout(actor, payoutId)) throw new Response('Not Found', { status: 404 })
  const form = await args.request.formData()
  const result = exportPayout(actor, payoutId, { full: form.get('full') === '1', reason: form.get('reason') })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return text(result.message, result.status ?? 400)
  return download(result.sheet)
}
