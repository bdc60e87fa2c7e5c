import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { Field, FormFooter, SelectField } from '~/components/forms'
import { createPairing, listPairingChoices, listPairings } from '~/models/pairing.server'
import { todayInShanghai } from '~/rules/dates'
import { pairingSchema } from '~/rules/organisation-admin'
import { requireActor } from '~/utils/auth.server'
import { failureReply } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// The programme's pairs and a new one (issue 11 §6): a pair is data only — once it exists, the county's and
// the city's organisations and staff (added on their own pages) have working homes, the board lists the
// city, and the bureau's posts can target the county.

const thisYear = () => Number(todayInShanghai().slice(0, 4))

export async function loader(args: LoaderFunctionArgs) {
  await requireActor(args, { role: 'admin' })
  return { pairings: listPairings(), choices: listPairingChoices(), thisYear: thisYear() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const submission = parseWithZod(await args.request.formData(), { schema: pairingSchema(thisYear()) })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createPairing(actor, submission.value)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice('/admin/pairings', { text: '已新建结对关系。请为两地新建单位和工作人员账号（如还没有）。' })
}

type Pairing = Awaited<ReturnType<typeof loader>>['pairings'][number]

const COLUMNS: Column<Pairing>[] = [
  { header: '重庆区县', cell: (p) => `${p.countyName}（${p.countyCode}）` },
  { header: '山东城市', cell: (p) => `${p.cityName}（${p.cityCode}）` },
  { header: '开始年份', cell: (p) => p.sinceYear, num: true },
]

export default function PairingsPage() {
  const { pairings, choices, thisYear } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm(pairingSchema(thisYear), { id: 'pairing', lastResult })
  return (
    <main className="container page">
      <BackLink to="/admin">返回平台总览</BackLink>
      <h1>结对关系</h1>
      <section className="card">
        <h2>现有结对（{pairings.length}）</h2>
        <DataTable rows={pairings} columns={COLUMNS} stacked caption="重庆区县与山东城市的结对关系" empty="还没有结对关系。" />
      </section>
      <section className="card">
        <h2>新建结对</h2>
        <p className="muted small">一个区县只能有一个对口城市；一个城市可以对口多个区县。新建后，两地的单位和工作人员账号在“平台总览”中新建。</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <SelectField
            label="重庆区县"
            hint={choices.counties.length === 0 ? '重庆的区县都已有对口城市。' : '只列出还没有对口城市的区县。'}
            meta={fields.countyCode}
            placeholder="请选择"
            options={choices.counties.map((a) => ({ value: a.code, label: a.name }))}
          />
          <SelectField label="山东城市" hint="已有对口区县的城市列在后面，并注明对口的区县。" meta={fields.cityCode} placeholder="请选择">
            <optgroup label="尚未对口的城市">
              {choices.freeCities.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            {choices.pairedCities.length > 0 ? (
              <optgroup label="已有对口区县的城市">
                {choices.pairedCities.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}（已对口 {a.counties}）
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <Field label="开始年份" meta={fields.sinceYear} inputMode="numeric" maxLength={4} defaultValue={fields.sinceYear.initialValue ?? String(thisYear)} />
          <FormFooter form={form} submitLabel="新建结对" pendingLabel="正在新建…" />
        </Form>
      </section>
    </main>
  )
}

export const meta = pageTitle('结对关系')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
