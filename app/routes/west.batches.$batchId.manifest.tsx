import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { SelectField } from '~/components/forms'
import { FormAlert } from '~/components/form-alert'
import { ManifestSheet } from '~/components/manifest-sheet'
import { PrintButton } from '~/components/print-button'
import { fullManifestForCounty, manifestForCounty, manifestView } from '~/models/manifest.server'
import { MANIFEST_FULL_REASONS } from '~/rules/manifest'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { requireRecordId } from '~/utils/params.server'
import manifestStyles from '~/styles/manifest.css'

// The manifest of a county's batch (乘车名单, issue 12 §5), to print on A4 — a page per bus — or download
// as xlsx. Masked by default; the full numbers are shown (or exported) only after choosing a purpose,
// which is audited (manifest.view_full / manifest.export_full). Another county's batch is a 404. Nothing
// here is cached (no-store): the full version is personal information.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: manifestStyles }]

const NO_STORE = { 'Cache-Control': 'private, no-store' }

export const headers: HeadersFunction = () => NO_STORE

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const manifest = manifestForCounty(actor, requireRecordId(args.params.batchId))
  if (!manifest) throw new Response('Not Found', { status: 404 })
  return data(manifestView(manifest), { headers: NO_STORE })
}

/** 显示完整号码: the full-number manifest for a chosen purpose, audited; a missing purpose is a 400 beside the field. */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const form = await args.request.formData()
  const result = fullManifestForCounty(actor, requireRecordId(args.params.batchId), { reason: form.get('reason'), how: 'manifest.view_full' })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data({ error: result.message, full: null }, { status: 400, headers: NO_STORE })
  return data({ error: null, full: manifestView(result.manifest) }, { headers: NO_STORE })
}

export default function ManifestPage() {
  const masked = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const view = answer?.full ?? masked
  const { batch } = view
  return (
    <main className="container page">
      <div className="no-print">
        <BackLink to={`/west/batches/${batch.id}`}>返回批次</BackLink>
        <h1>乘车名单</h1>
        <p className="muted small">
          {view.preplan ? '批次截止报名后排座；现在是按报名顺序的预排名单。' : '每辆车打印一页（A4），上车栏留空供带队干部打勾。'}共 {view.total} 人。
        </p>
        <div className="actions">
          <PrintButton>打印名单</PrintButton>
          <a className="button button--secondary" href={`/west/batches/${batch.id}/manifest.xlsx`}>
            导出 Excel（打码）
          </a>
        </div>
        {view.full ? (
          <FormAlert messages={['以下为完整号码，已记入操作记录。请勿截图转发，打印件用后销毁。']} />
        ) : (
          <details className="card" open={answer?.error != null}>
            <summary>查看或导出完整号码（将记录）</summary>
            <Form method="post" reloadDocument className="form">
              <SelectField
                label="用途"
                name="reason"
                id="reason"
                labels={MANIFEST_FULL_REASONS}
                placeholder="请选择"
                required
                errors={answer?.error ? [answer.error] : undefined}
              />
              <div className="actions">
                <button type="submit" className="button">
                  显示完整号码
                </button>
                <button type="submit" className="button button--secondary" formAction={`/west/batches/${batch.id}/manifest.xlsx`}>
                  导出完整信息 Excel
                </button>
              </div>
            </Form>
          </details>
        )}
      </div>
      <ManifestSheet batch={batch} buses={view.buses} preplan={view.preplan} full={view.full} />
    </main>
  )
}

export const meta = pageTitle('乘车名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
