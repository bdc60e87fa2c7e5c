import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getOutcomesOfWorker, HISTORY_SHOWN } from '~/models/county-outcomes.server'
import { employmentQuestion } from '~/models/worker-archive.server'
import { getWorker, revealWorkerNumber } from '~/models/worker.server'
import { APPLICATION_SOURCE_LABELS } from '~/rules/vacancy'
import { ARCHIVE_REASON_LABELS } from '~/rules/ledger-archive'
import { EmploymentQuestion, WorkerOutcomes } from '~/components/worker-outcomes'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { ageOn, maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import type { Actor } from '~/rules/permissions'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { readIntent } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { FactsCard } from '~/components/facts'
import { PageHead } from '~/components/page-head'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

const RevealSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('reveal-id') }), z.object({ intent: z.literal('reveal-phone') })])
const REVEALED_FIELD = { 'reveal-id': 'idNumber', 'reveal-phone': 'phone' } as const

/** The county's own ledger row; another county's answers exactly like a missing one, whatever is asked. */
function ownWorker(actor: Actor, id: number) {
  const found = getWorker(actor, id)
  if (!found) throw new Response('Not Found', { status: 404 })
  return found
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const { worker: w, ...found } = ownWorker(actor, requireRecordId(args.params.workerId))
  const outcomes = getOutcomesOfWorker(actor, w.id)!
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
    account:
      found.account && w.userId != null
        ? { id: w.userId, phone: found.account.phone ? maskMobile(found.account.phone) : null, verified: found.account.verified }
        : null,
    updatedOn: formatDate(w.updatedAt),
    archived: w.archivedAt
      ? { on: formatDate(w.archivedAt), reason: w.archiveReason ? ARCHIVE_REASON_LABELS[w.archiveReason] : '—', note: w.archiveNote }
      : null,
    question: employmentQuestion(w),
    applied: outcomes.applied.map((a) => ({
      id: a.id,
      vacancyId: a.vacancyId,
      title: a.title,
      bureauName: a.bureauName,
      status: a.status,
      source: APPLICATION_SOURCE_LABELS[a.source],
      on: formatDate(a.createdAt),
    })),
    employed: outcomes.employed.map((e) => ({
      id: e.id,
      employerName: e.employerName,
      cityName: e.cityName,
      startDate: e.startDate,
      on: formatDate(e.createdAt),
    })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.workerId)
  ownWorker(actor, id)
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
      <PageHead title={w.name}>
        {w.archived ? null : (
          <Link to={`/west/workers/${w.id}/edit`} className="button">
            编辑
          </Link>
        )}
        {w.archived ? null : (
          <Link to={`/west/claims/new?worker=${w.id}`} className="button button--secondary">
            代为申报交通补助
          </Link>
        )}
        <Link to={`/west/workers/${w.id}/archive`} className="button button--secondary">
          {w.archived ? '恢复' : '归档'}
        </Link>
      </PageHead>
      {w.archived ? (
        <p className="notice">
          已于 {w.archived.on} 因“{w.archived.reason}”归档{w.archived.note ? `：${w.archived.note}` : ''}
          。归档的人员不在台账列表和统计中，不能被推荐；恢复后才能修改。
        </p>
      ) : null}
      {w.question ? <EmploymentQuestion workerId={w.id} hire={w.question} current={w.employmentStatus} /> : null}
      <FactsCard
        title="基本信息"
        items={[
          { term: '性别 / 年龄', value: `${w.sex} · ${w.age} 岁（${w.birthDate}）` },
          {
            term: '身份证号码',
            value: <RevealableNumber shown={w.idNumber} revealed={revealed?.field === 'idNumber' ? revealed.value : null} intent="reveal-id" />,
          },
          {
            term: '手机号码',
            value: w.phone ? (
              <RevealableNumber shown={w.phone} revealed={revealed?.field === 'phone' ? revealed.value : null} intent="reveal-phone" />
            ) : (
              '未登记'
            ),
          },
          { term: '户籍地', value: w.place },
          { term: '户类型', value: w.household },
          {
            term: '登录账号',
            value: w.account ? (
              <>
                {w.account.phone} <StatusBadge spec={VERIFICATION_STATUSES} status={w.account.verified ? 'verified' : 'waiting'} />{' '}
                <Link to={`/west/accounts/${w.account.id}`} className="small">
                  管理账号（忘记密码、换手机号）
                </Link>
              </>
            ) : (
              <span className="muted">未关联</span>
            ),
          },
        ]}
      >
        {revealed ? <p className="muted small">查看完整号码已记入操作记录。</p> : null}
      </FactsCard>
      <FactsCard
        title="五清情况"
        items={[
          { term: '就业状态', value: w.employmentStatus },
          { term: '就业需求', value: w.employmentNeed },
          { term: '技能水平', value: `${w.skillLevel}${w.skills ? `（${w.skills}）` : ''}` },
          { term: '困难问题', value: w.difficulties ?? '—', prewrap: true },
          { term: '帮扶措施', value: w.assistanceMeasures ?? '—', prewrap: true },
          { term: '备注', value: w.notes ?? '—', prewrap: true },
        ]}
      >
        <p className="muted small">最后更新：{w.updatedOn}</p>
      </FactsCard>
      <WorkerOutcomes applied={w.applied} employed={w.employed} shown={HISTORY_SHOWN} />
    </main>
  )
}

/** A masked number with its "显示完整号码" button, or the full number once the action revealed it. */
function RevealableNumber({ shown, revealed, intent }: { shown: string; revealed: string | null; intent: string }) {
  if (revealed != null) return <strong>{revealed}</strong>
  return (
    <>
      {shown} <RevealButton intent={intent} />
    </>
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
