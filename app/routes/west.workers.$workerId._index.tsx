import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getWorker, revealWorkerNumber } from '~/models/worker.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { ageOn, maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { readIntent } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

const RevealSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('reveal-id') }), z.object({ intent: z.literal('reveal-phone') })])
const REVEALED_FIELD = { 'reveal-id': 'idNumber', 'reveal-phone': 'phone' } as const

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getWorker(actor, requireRecordId(args.params.workerId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const w = found.worker
  return {
    id: w.id,
    name: w.name,
    sex: SEX_LABELS[w.sex],
    birthDate: w.birthDate,
    age: ageOn(w.birthDate, todayInShanghai()),
    idNumber: maskIdNumber(w.idNumber),
    phone: w.phone ? maskMobile(w.phone) : null,
    place: [found.townshipName, found.villageName].filter(Boolean).join(' '),
    household: HOUSEHOLD_LABELS[w.householdStatus],
    employmentStatus: EMPLOYMENT_STATUS_LABELS[w.employmentStatus],
    employmentNeed: EMPLOYMENT_NEED_LABELS[w.employmentNeed],
    skillLevel: SKILL_LEVEL_LABELS[w.skillLevel],
    skills: w.skills,
    difficulties: w.difficulties,
    assistanceMeasures: w.assistanceMeasures,
    notes: w.notes,
    account: found.account ? { phone: found.account.phone ? maskMobile(found.account.phone) : null, verified: found.account.verified } : null,
    updatedOn: formatDate(w.updatedAt),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.workerId)
  // Another county's row answers exactly like a missing one, whatever the intent.
  if (!getWorker(actor, id)) throw new Response('Not Found', { status: 404 })
  const field = REVEALED_FIELD[readIntent(await args.request.formData(), RevealSchema)]
  const value = revealWorkerNumber(actor, id, field)
  if (value === null) throw new Response('Not Found', { status: 404 })
  // Returned in the response body only: never in a URL, never cached.
  return data({ revealed: { field, value } }, { headers: { 'Cache-Control': 'no-store' } })
}

export default function WorkerPage() {
  const w = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const revealed = result?.revealed ?? null
  return (
    <main className="container page">
      <p className="small">
        <Link to="/west/workers">← 务工人员台账</Link>
      </p>
      <div className="page-head">
        <h1>{w.name}</h1>
        <div className="actions">
          <Link to={`/west/workers/${w.id}/edit`} className="button">
            编辑
          </Link>
        </div>
      </div>
      <section className="card">
        <h2>基本信息</h2>
        <dl className="facts">
          <dt>性别 / 年龄</dt>
          <dd>
            {w.sex} · {w.age} 岁（{w.birthDate}）
          </dd>
          <dt>身份证号码</dt>
          <dd>
            {revealed?.field === 'idNumber' ? <strong>{revealed.value}</strong> : w.idNumber}{' '}
            {revealed?.field === 'idNumber' ? null : <RevealButton intent="reveal-id" />}
          </dd>
          <dt>手机号码</dt>
          <dd>
            {w.phone ? (
              <>
                {revealed?.field === 'phone' ? <strong>{revealed.value}</strong> : w.phone}{' '}
                {revealed?.field === 'phone' ? null : <RevealButton intent="reveal-phone" />}
              </>
            ) : (
              '未登记'
            )}
          </dd>
          <dt>户籍地</dt>
          <dd>{w.place}</dd>
          <dt>户类型</dt>
          <dd>{w.household}</dd>
          <dt>登录账号</dt>
          <dd>
            {w.account ? (
              <>
                {w.account.phone} <StatusBadge spec={VERIFICATION_STATUSES} status={w.account.verified ? 'verified' : 'waiting'} />
              </>
            ) : (
              <span className="muted">未关联</span>
            )}
          </dd>
        </dl>
        {revealed ? <p className="muted small">查看完整号码已记入操作日志。</p> : null}
      </section>
      <section className="card">
        <h2>五清情况</h2>
        <dl className="facts">
          <dt>就业状态</dt>
          <dd>{w.employmentStatus}</dd>
          <dt>就业需求</dt>
          <dd>{w.employmentNeed}</dd>
          <dt>技能水平</dt>
          <dd>
            {w.skillLevel}
            {w.skills ? `（${w.skills}）` : ''}
          </dd>
          <dt>困难问题</dt>
          <dd className="prewrap">{w.difficulties ?? '—'}</dd>
          <dt>帮扶措施</dt>
          <dd className="prewrap">{w.assistanceMeasures ?? '—'}</dd>
          <dt>备注</dt>
          <dd className="prewrap">{w.notes ?? '—'}</dd>
        </dl>
        <p className="muted small">最后更新：{w.updatedOn}</p>
      </section>
    </main>
  )
}

function RevealButton({ intent }: { intent: string }) {
  return (
    <Form method="post" className="inline-form">
      <button type="submit" name="intent" value={intent} className="link-button small">
        显示完整号码
      </button>
    </Form>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? '务工人员'} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
