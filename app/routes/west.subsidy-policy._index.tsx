import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHead } from '~/components/page-head'
import { PolicyFacts } from '~/components/subsidy-policy-form'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { countyPolicyYears } from '~/models/subsidy-policy-page.server'

// The county's transport-subsidy policies by year (issue 13 §1): this year and next always, and every year that
// has one, newest first, each with the version in force and a link to its page.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  return countyPolicyYears(actor, actor.organisationId)
}

export default function WestSubsidyPoliciesPage() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="交通补助政策" />
      <p className="muted">跨省一次性交通补助按年度设置：受理时间、可补贴的乘坐方式、封顶金额、无车票定额和认可的务工证明。</p>
      {rows.map(({ year, current }) => (
        <section key={year} className="card">
          <h2>{year}年</h2>
          {current ? (
            <>
              <p className="muted small">
                第 {current.version} 版现行 · 已提交申请 {current.claims} 份
              </p>
              <PolicyFacts terms={current.terms} />
              <p>
                <Link to={`/west/subsidy-policy/${year}`}>查看或修改{year}年政策</Link>
              </p>
            </>
          ) : (
            <p>
              还没有设置。<Link to={`/west/subsidy-policy/${year}`}>设置{year}年政策</Link>
            </p>
          )}
        </section>
      ))}
    </main>
  )
}

export const meta = pageTitle('交通补助政策')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
