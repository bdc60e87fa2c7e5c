import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { MissingOfficePhone } from '~/components/office-contact-form'
import { PrintButton } from '~/components/print-button'
import { QrCode } from '~/components/qr-code'
import { countyPostView, getCountyContact, getPostForCounty } from '~/models/county-post.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { publicUrl, qrSvg } from '~/utils/qr-code.server'

// 岗位公告 (issue 11 §7): one A4 page for a village notice board — title, employer, monthly wage in yuan,
// headcount, conditions, the recruitment contact and the county centre's, and a QR code (made on the
// server, no network) to the post's public page, where a worker registers and applies.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  const url = publicUrl(args.request, `/jobs/${post.id}`)
  return { post, county: getCountyContact(actor), url, qr: await qrSvg(url) }
}

export default function PostNoticePage() {
  const { post, county, url, qr } = useLoaderData<typeof loader>()
  const conditions = [post.ages ? `年龄 ${post.ages}` : null, post.workingHours, post.contractMonths ? `合同 ${post.contractMonths} 个月` : null].filter(
    Boolean,
  )
  return (
    <main className="container page">
      <div className="no-print">
        <BackLink to={`/west/jobs/${post.id}`}>岗位详情</BackLink>
        <p className="muted">用 A4 纸打印，张贴在村（社区）公告栏。</p>
        {county.phone ? null : <MissingOfficePhone back={`/west/jobs/${post.id}/notice`} />}
        <PrintButton>打印公告</PrintButton>
      </div>
      <article className="sheet sheet--a4 notice-sheet" aria-label="岗位公告">
        <p className="notice-sheet__kicker">鲁渝劳务协作 · 岗位公告</p>
        <h1 className="notice-sheet__title">{post.title}</h1>
        <p className="notice-sheet__salary">工资 {post.salary}</p>
        <dl className="facts notice-sheet__facts">
          <dt>用人单位</dt>
          <dd>{post.employerName}</dd>
          <dt>工作地点</dt>
          <dd>
            {post.cityName} · {post.address}
          </dd>
          <dt>招聘人数</dt>
          <dd>{post.headcount} 人</dd>
          <dt>食宿</dt>
          <dd>{[post.meals ? '包吃' : '不包吃', post.housing ? '包住' : '不包住'].join('，')}</dd>
          {conditions.length > 0 ? (
            <>
              <dt>条件</dt>
              <dd>{conditions.join('；')}</dd>
            </>
          ) : null}
          <dt>报名截止</dt>
          <dd>{post.validUntil}</dd>
        </dl>
        {post.requirements ? (
          <section>
            <h2>岗位要求</h2>
            <p className="prewrap">{post.requirements}</p>
          </section>
        ) : null}
        {post.benefits ? (
          <section>
            <h2>福利待遇</h2>
            <p className="prewrap">{post.benefits}</p>
          </section>
        ) : null}
        <div className="notice-sheet__foot">
          <dl className="facts">
            <dt>招聘联系</dt>
            <dd>
              {post.contactName} <span className="mono">{post.contactPhone}</span>
            </dd>
            <dt>本县咨询</dt>
            <dd>
              {county.name}
              {county.phone ? <span className="mono"> {county.phone}</span> : null}
              {county.address ? <span className="small"> · {county.address}</span> : null}
            </dd>
          </dl>
          <div className="notice-sheet__qr">
            <QrCode svg={qr} url={url} label="岗位网址二维码" />
            <p className="small">微信扫码查看岗位、注册报名</p>
          </div>
        </div>
      </article>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `岗位公告：${data?.post.title ?? ''} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
