import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { MissingOfficePhone } from '~/components/office-contact-form'
import { PayoutNoticeSheet } from '~/components/payout-notice'
import { PrintButton } from '~/components/print-button'
import { listTownships } from '~/models/area.server'
import { payoutNoticeForCounty } from '~/models/payout.server'
import { todayInShanghai } from '~/rules/dates'
import { payoutTitle } from '~/rules/payout'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import noticeStyles from '~/styles/payout-notice.css'

// 公示名单 of a payout (issue 13 §7): a printable A4 sheet for the notice boards — the county guides post it
// at township level for 5 working days —, all townships or one (?township=), each name with its middle masked,
// township, destination and amount, the notice period and the centre's contact. No ID or card number, not
// even masked. Another county's payout is a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: noticeStyles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const notice = payoutNoticeForCounty(actor, requireRecordId(args.params.payoutId))
  if (!notice) throw new Response('Not Found', { status: 404 })
  const townships = [...new Set(notice.rows.map((r) => r.township).filter((t): t is string => t != null))]
  const asked = new URL(args.request.url).searchParams.get('township')
  const township = asked && townships.includes(asked) ? asked : null
  const rows = township ? notice.rows.filter((r) => r.township === township) : notice.rows
  // Township names come from the county's own divisions, in code order (the order the list is sorted by).
  const order = listTownships(actor.areaCode).map((t) => t.name)
  return {
    ...notice,
    rows,
    totalFen: rows.reduce((n, r) => n + r.amountFen, 0),
    township,
    townships: townships.sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    today: todayInShanghai(),
  }
}

export default function PayoutNoticePage() {
  const n = useLoaderData<typeof loader>()
  const back = `/west/payouts/${n.payout.id}/notice`
  return (
    <main className="container page">
      <div className="no-print">
        <BackLink to={`/west/payouts/${n.payout.id}`}>返回发放批次</BackLink>
        <p className="muted">用 A4 纸打印，在乡镇（街道）和村（社区）公告栏张贴。名单只显示姓名（中间字打码）、乡镇、务工地和金额。</p>
        {n.county.phone ? null : <MissingOfficePhone back={back} />}
        {n.townships.length > 1 ? (
          <Form method="get" className="payout-notice__township">
            <div className="field">
              <label htmlFor="township">按乡镇打印</label>
              <select id="township" name="township" defaultValue={n.township ?? ''}>
                <option value="">全部乡镇</option>
                {n.townships.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              显示
            </button>
          </Form>
        ) : null}
        <div className="actions">
          <PrintButton>打印公示名单</PrintButton>
        </div>
      </div>
      <PayoutNoticeSheet notice={n} />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? payoutTitle(data.payout.title, { kind: 'notice' }) : '公示名单'} · 鲁渝劳务协作` },
]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
