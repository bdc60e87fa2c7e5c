import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DemandForm } from '~/components/demand-form'
import { FormAlert } from '~/components/form-alert'
import { StatusBadge } from '~/components/status-badge'
import { SubmitButton } from '~/components/submit-button'
import { answerCompanion, demandFormChoices, listOwnDemand, registerDemand, withdrawDemand } from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import { BATCH_STATE } from '~/rules/batch'
import { addDays, todayInShanghai } from '~/rules/dates'
import { DEMAND_STATE, demandValuesOf, OwnDemandSchema } from '~/rules/travel-demand'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { pageTitle } from '~/utils/meta'
import { failureReply, parseForm, readIntent, saveForm } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'

// 出行需求登记 (issue 12 §1): a verified worker says when and where they want to go and with whom; the county
// groups the demand into a chartered batch and tells them on /me when it opens. Companions named by others
// confirm or decline here. The form carries a token, so a double submit makes one demand.

const IntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('register') }),
  z.object({ intent: z.literal('withdraw') }),
  z.object({ intent: z.literal('confirm') }),
  z.object({ intent: z.literal('decline') }),
])

const PAGE = '/me/trips/demand'

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const { demands, invitations } = listOwnDemand(actor)
  const choices = demandFormChoices(actor)
  const today = todayInShanghai()
  const live = demands.find((d) => d.state === 'open' || d.state === 'invited') ?? null
  const named = (d: (typeof demands)[number]) => ({ ...d, cityName: shortAreaName(d.cityName) })
  return {
    verified: user.verified,
    live: live ? named(live) : null,
    past: demands.filter((d) => d !== live).map(named),
    invitations: invitations.map((i) => ({ ...i, cityName: shortAreaName(i.cityName) })),
    choices: { ...choices, cities: choices.cities.map((c) => ({ ...c, name: shortAreaName(c.name) })) },
    defaults: {
      earliestDate: addDays(today, 7),
      latestDate: addDays(today, 21),
      cityCode: choices.cities[0]?.code ?? null,
      pickupTownshipCode: choices.ownTownshipCode,
    },
    formToken: issueFormToken(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const formData = await args.request.formData()
  const intent = readIntent(formData, IntentSchema)
  if (intent === 'register') {
    const form = parseForm(formData, OwnDemandSchema)
    const once = formOnce(formData, actor.userId, 'travel_demand')
    return saveForm(form, (values) => createOnce(once, () => registerDemand(actor, demandValuesOf(values))), {
      to: PAGE,
      notice: '出行需求已登记。区县安排好包车后，会在“我的”页面通知您报名。',
    })
  }
  const demandId = requireRecordId(formData.get('demandId'))
  const done = intent === 'withdraw' ? withdrawDemand(actor, demandId) : answerCompanion(actor, demandId, intent)
  if (!done) throw new Response('Not Found', { status: 404 })
  if (!done.ok) return failureReply(null, done, { beside: { which: intent, id: demandId } })
  const text = intent === 'withdraw' ? '出行需求已撤回。' : intent === 'confirm' ? '已确认同行，安排座位时会让你们坐在一起。' : '已告知对方您不同行。'
  throw await redirectWithNotice(PAGE, { text })
}

export default function MyDemand() {
  const { verified, live, past, invitations, choices, defaults, formToken } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const lastResult = reply && !('which' in reply) ? reply : null
  const errorsFor = (id: number) => (reply && 'which' in reply && reply.id === id ? reply.result.error?.[''] : null)
  return (
    <main className="container page">
      <BackLink to="/me/trips">我的行程</BackLink>
      <h1>出行需求登记</h1>
      <p className="muted">告诉区县您想哪几天去山东、去哪里、和谁一起。区县按需求安排“点对点”包车，开放报名时会通知您。</p>
      {invitations.length ? (
        <section aria-labelledby="invitations">
          <h2 id="invitations">同行邀请</h2>
          <ol className="board-list">
            {invitations.map((i) => (
              <Invitation key={i.demandId} invitation={i} errors={errorsFor(i.demandId)} />
            ))}
          </ol>
        </section>
      ) : null}
      {!verified ? (
        <div className="notice" role="status">
          <p>
            <strong>账号核验通过后才能登记出行需求。</strong> <Link to="/me">查看核验进度</Link>
          </p>
        </div>
      ) : live ? (
        <section aria-labelledby="live">
          <h2 id="live">我的出行需求</h2>
          <DemandCard demand={live} errors={errorsFor(live.id)} />
        </section>
      ) : (
        <section aria-labelledby="register">
          <h2 id="register">登记出行需求</h2>
          <DemandForm staff={false} lastResult={lastResult} defaultValue={defaults} choices={choices} cancelTo="/me/trips" formToken={formToken} />
        </section>
      )}
      {past.length ? (
        <section className="section" aria-labelledby="past">
          <h2 id="past">以往登记</h2>
          <ol className="board-list">
            {past.map((d) => (
              <DemandCard key={d.id} demand={d} errors={null} />
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  )
}

type Demand = ReturnType<typeof useLoaderData<typeof loader>>['past'][number]

function DemandCard({ demand, errors }: { demand: Demand; errors: readonly string[] | null | undefined }) {
  const pending = useIsPending({ intent: 'withdraw', match: { demandId: demand.id } })
  const live = demand.state === 'open' || demand.state === 'invited'
  return (
    <div className="job-card">
      <h3 className="job-card__title">
        {demand.earliestDate} 至 {demand.latestDate} 去{demand.cityName} <StatusBadge spec={DEMAND_STATE} status={demand.state} />
      </h3>
      <p className="small">用人单位：{demand.employerName ?? '未定'}</p>
      <p className="small">上车乡镇：{demand.townshipName ?? '—'}</p>
      {demand.companions.length ? (
        <p className="small">同行人：{demand.companions.map((c) => `${c.name}（${c.confirmed ? '已确认' : '待确认'}）`).join('、')}</p>
      ) : null}
      {demand.batchId && demand.batchState ? (
        <p className="small">
          已编入 {demand.batchDate} 的包车（
          <StatusBadge spec={BATCH_STATE} status={demand.batchState} />
          ）。
          {demand.batchState === 'open' ? <Link to="/me/trips">去报名乘车</Link> : demand.batchState === 'draft' ? '开放报名时会通知您。' : null}
        </p>
      ) : null}
      {live ? (
        <Form method="post">
          <input type="hidden" name="demandId" value={demand.id} />
          <SubmitButton name="intent" value="withdraw" className="button button--secondary" pending={pending} pendingLabel="正在撤回…">
            撤回需求
          </SubmitButton>
          <FormAlert messages={errors} />
        </Form>
      ) : null}
    </div>
  )
}

type InvitationRow = ReturnType<typeof useLoaderData<typeof loader>>['invitations'][number]

function Invitation({ invitation, errors }: { invitation: InvitationRow; errors: readonly string[] | null | undefined }) {
  const confirming = useIsPending({ intent: 'confirm', match: { demandId: invitation.demandId } })
  const declining = useIsPending({ intent: 'decline', match: { demandId: invitation.demandId } })
  return (
    <li className="job-card">
      <h3 className="job-card__title">
        {invitation.ownerName} 请您一起去{invitation.cityName}
      </h3>
      <p className="small">
        {invitation.earliestDate} 至 {invitation.latestDate} 出发。{invitation.confirmed ? '您已确认同行。' : '确认后坐车时会安排在一起。'}
      </p>
      <Form method="post" className="actions">
        <input type="hidden" name="demandId" value={invitation.demandId} />
        {invitation.confirmed ? null : (
          <SubmitButton name="intent" value="confirm" pending={confirming} pendingLabel="正在确认…">
            确认同行
          </SubmitButton>
        )}
        <SubmitButton name="intent" value="decline" className="button button--secondary" pending={declining} pendingLabel="正在提交…">
          不同行
        </SubmitButton>
      </Form>
      <FormAlert messages={errors} />
    </li>
  )
}

export const meta = pageTitle('出行需求登记')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
