import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ErrorSummary, errorSummaryItems } from '~/components/error-summary'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { Field, FormToken, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { PageHead } from '~/components/page-head'
import { findCountyWorkerId } from '~/models/batch-read.server'
import { assistedClaimPreview, fileAssistedClaim } from '~/models/claim-review.server'
import { getWorker } from '~/models/worker.server'
import { idNumberField, optionalText, parseRecordId, recordIdField } from '~/rules/fields'
import { formatFen } from '~/rules/money'
import { HOUSEHOLD_LABELS } from '~/rules/registry'
import { PAYMENT_CARD_KINDS } from '~/rules/subsidy-enums'
import { CLAIM_STATE_LABELS, PAYMENT_CARD_KIND_LABELS, WORK_DISTANCE_LABELS } from '~/rules/subsidy-labels'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { writeTransaction } from '~/utils/db.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { pageTitle } from '~/utils/meta'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'

// Assisted filing (代为申报, issue 13 §6): county staff file a flat-amount claim (定额, no tickets) for a worker of
// their ledger — /west/claims/new?worker=<ledger id>, reached from the ledger row's page or by typing the ID
// number here (posted, so the number never lands in a URL). The claim is recorded as assisted and appears on
// the worker's /me with its timeline; tickets found later are claimed as a top-up.

const AssistedSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('find'), idNumber: idNumberField }),
  z.object({
    intent: z.literal('file'),
    workerId: recordIdField,
    cardKind: z.enum(PAYMENT_CARD_KINDS, { error: () => '请选择收款账户类型' }),
    cardNumber: optionalText('卡号', 30),
    cardNumberAgain: optionalText('卡号', 30),
    note: optionalText('核实情况', 200, { multiline: true }),
  }),
])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const raw = new URL(args.request.url).searchParams.get('worker')
  if (raw == null) return { preview: null, formToken: null }
  const workerId = parseRecordId(raw)
  const preview = workerId == null ? null : assistedClaimPreview(actor, workerId)
  if (!preview) throw new Response('Not Found', { status: 404 })
  return { preview, formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  // A ledger row named by the form that is not the county's is a 404 before the rest of the form is checked.
  const named = formData.get('workerId')
  if (named != null && named !== '' && !getWorker(actor, requireRecordId(named))) throw new Response('Not Found', { status: 404 })
  const intent = readIntent(formData, AssistedSchema)
  const submission = parseWithZod(formData, { schema: AssistedSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  if (v.intent === 'find') {
    const workerId = findCountyWorkerId(actor, v.idNumber)
    if (workerId == null)
      return data({ intent, result: submission.reply({ fieldErrors: { idNumber: ['本县台账中没有此身份证号码（或已归档）'] } }) }, { status: 400 })
    throw redirect(`/west/claims/new?worker=${workerId}`)
  }
  const input = { workerId: v.workerId, cardKind: v.cardKind, cardNumber: v.cardNumber ?? '', cardNumberAgain: v.cardNumberAgain ?? '', note: v.note }
  const result = createOnce(formOnce(formData, actor.userId, 'subsidy_claim'), () => writeTransaction((tx) => fileAssistedClaim(tx, actor, input)))
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result, { beside: { intent } })
  throw await redirectWithNotice(`/west/claims/${result.id}`, { text: '已代为申报，申领人会在“我的”页面看到。请开始审核。' })
}

export default function AssistedClaimPage() {
  const { preview, formToken } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const error = reply?.result.error ?? {}
  const errors = (intent: string, field: string) => (reply?.intent === intent ? (error[field] ?? undefined) : undefined)
  const filePending = useIsPending({ intent: 'file' })
  const findPending = useIsPending({ intent: 'find' })
  return (
    <main className="container page">
      <BackLink to="/west/claims">交通补助审核</BackLink>
      <ErrorSummary items={reply ? errorSummaryItems(error, (field) => field) : []} />
      <FormAlert messages={error[''] ?? null} />
      <PageHead title="代为申报交通补助" />
      {!preview ? (
        <Form method="post" className="card form">
          <input type="hidden" name="intent" value="find" />
          <p>为本县台账中的务工人员按定额代为申报（没有车票的情况；有车票请由本人在手机上申领，或之后补差）。也可以从台账人员页面点“代为申报交通补助”进入。</p>
          <Field id="idNumber" label="身份证号码" name="idNumber" autoComplete="off" maxLength={18} errors={errors('find', 'idNumber')} />
          <SubmitButton pending={findPending} pendingLabel="查找中…">
            查找
          </SubmitButton>
        </Form>
      ) : (
        <>
          <FactsCard
            title="申领人"
            items={[
              { term: '姓名', value: <Link to={`/west/workers/${preview.worker.id}`}>{preview.worker.name}</Link> },
              { term: '身份证号码', value: preview.worker.idNumberMasked },
              { term: '乡镇（街道）', value: preview.worker.townshipName ?? '—' },
              { term: '户类型', value: HOUSEHOLD_LABELS[preview.worker.householdStatus] },
              { term: '账号核验', value: preview.verified ? '已核验' : '未核验' },
              { term: '申领年度', value: `${preview.year}年` },
              ...(preview.distance ? [{ term: '务工地', value: WORK_DISTANCE_LABELS[preview.distance] }] : []),
              ...(preview.amountFen != null ? [{ term: '定额补助', value: formatFen(preview.amountFen) }] : []),
            ]}
          />
          {preview.existing ? (
            <p className="notice notice--amber">
              此人{preview.year}年已有补助申领（{CLAIM_STATE_LABELS[preview.existing.state]}），一年只能申领一次。
              <Link to={`/west/claims/${preview.existing.id}`}>查看这份申领</Link>
            </p>
          ) : preview.problems.length > 0 ? (
            <div className="notice notice--amber">
              <p>按规则不能代为申报：</p>
              <ul>
                {preview.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <Form method="post" className="card form" autoComplete="off">
              <input type="hidden" name="intent" value="file" />
              <input type="hidden" name="workerId" value={preview.worker.id} />
              {formToken ? <FormToken value={formToken} /> : null}
              <SelectField
                id="cardKind"
                label="收款账户"
                name="cardKind"
                labels={PAYMENT_CARD_KIND_LABELS}
                defaultValue="social_security"
                errors={errors('file', 'cardKind')}
              />
              <Field
                id="cardNumber"
                label="卡号（没有可不填）"
                name="cardNumber"
                inputMode="numeric"
                maxLength={30}
                hint="社保卡请填背面的 16 至 19 位银行账号；不填时按财政掌握的账户发放，或由本人补充。"
                errors={errors('file', 'cardNumber')}
              />
              <Field
                id="cardNumberAgain"
                label="再输一次卡号"
                name="cardNumberAgain"
                inputMode="numeric"
                maxLength={30}
                errors={errors('file', 'cardNumberAgain')}
              />
              <TextareaField
                id="note"
                label="核实情况（会记入办理记录）"
                name="note"
                rows={2}
                maxLength={200}
                hint="如：已电话核实在潍坊务工，已看纸质劳动合同。"
                errors={errors('file', 'note')}
              />
              <SubmitButton pending={filePending} pendingLabel="正在申报…">
                确认代为申报{preview.amountFen != null ? `（${formatFen(preview.amountFen)}）` : ''}
              </SubmitButton>
            </Form>
          )}
        </>
      )}
    </main>
  )
}

export const meta = pageTitle('代为申报交通补助')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
