import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { JobDetails } from '~/components/job-details'
import { countCountyApplicantsOfVacancy } from '~/models/county-applicants.server'
import { countyPostView, getPostForCounty } from '~/models/county-post.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

// A post of the county's pair in full, as the county sees it (issue 11 §4): everything the public page
// shows plus the recruitment contact, how many of the county's people applied, and the ways on —
// recommend someone, print the notice for village boards. Only posts open to this county; any other is 404.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  return { post, fromCounty: countCountyApplicantsOfVacancy(actor, post.id) }
}

export default function CountyPostPage() {
  const { post, fromCounty } = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <BackLink to="/west/jobs">对口岗位</BackLink>
      {post.open ? null : <p className="notice">该岗位{post.statusLabel}，已停止报名。</p>}
      <div className="actions spaced-bottom no-print">
        {post.open ? (
          <Link to={`/west/jobs/${post.id}/recommend`} className="button">
            推荐人员
          </Link>
        ) : null}
        <Link to={`/west/jobs/${post.id}/notice`} className="button button--secondary">
          打印岗位公告
        </Link>
      </div>
      <JobDetails job={post} />
      <section className="card">
        <h2>招聘联系</h2>
        <dl className="facts">
          <dt>联系人</dt>
          <dd>{post.contactName}</dd>
          <dt>联系电话</dt>
          <dd className="mono">{post.contactPhone}</dd>
          <dt>本县已报名</dt>
          <dd>{fromCounty} 人</dd>
        </dl>
      </section>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.post.title ?? '岗位'} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
