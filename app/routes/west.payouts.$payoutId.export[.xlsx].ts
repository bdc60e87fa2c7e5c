import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { exportNames } from '~/exports/file-name.server'
import { PAYOUT_EXPORT, PAYOUT_EXPORT_FOOTER, payoutLines } from '~/exports/payout.server'
import { exportPayout, payoutSheetForCounty, type PayoutSheet } from '~/models/payout.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

// A payout's file for county finance (发放名单, issue 13 §7). POST from the payout page is the export: an open
// payout becomes exported (rows fixed, results can be marked), audited payout.export; with `full=1` and a
// purpose, the file carries full ID and card numbers, audited payout.export_full. GET is the masked copy as it
// stands, to check, changing nothing. Another county's payout is a 404.

function download(sheet: PayoutSheet) {
  const names = exportNames({
    organisation: sheet.countyName,
    list: '交通补助发放名单',
    filters: [sheet.payout.title],
    full: sheet.full,
    ascii: `payout-${sheet.payout.id}`,
  })
  return xlsxResponse({ ...PAYOUT_EXPORT, footer: sheet.full ? PAYOUT_EXPORT_FOOTER.full : PAYOUT_EXPORT_FOOTER.masked }, payoutLines(sheet), names)
}

const text = (message: string, status: number) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/** The masked file as the payout stands. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const sheet = payoutSheetForCounty(actor, requireRecordId(args.params.payoutId))
  if (!sheet) throw new Response('Not Found', { status: 404 })
  return download(sheet)
}

/** 导出交财政: marks the payout exported and returns the file (full numbers with a chosen purpose). A refusal is a 400 in Chinese. */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const form = await args.request.formData()
  const result = exportPayout(actor, requireRecordId(args.params.payoutId), { full: form.get('full') === '1', reason: form.get('reason') })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return text(result.message, result.status ?? 400)
  return download(result.sheet)
}
