import { and, count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications } from '../../db/schema'
import { archiveWorker } from '~/models/worker-archive.server'
import { action as recommendAction } from '~/routes/west.jobs.$jobId.recommend'
import { db } from '~/utils/db.server'
import { FORM_TOKEN_FIELD } from '~/utils/form-token'
import { issueFormToken } from '~/utils/form-token.server'
import { createLedgerWorker, createTestVacancy } from '../factories'
import { actorFor } from '../lookups'
import { actionAs, unwrapData } from '../request'

// Attack round 2, continued (session 6, attacker). tests/routes/issue11-attack-2.test.ts was being edited by
// the helper fixing its findings, so later findings are here (fixed: each was `test.fails` until then).

const applied = (vacancyId: number, workerId: number) =>
  db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, workerId)))
    .get()!.n

test('推荐被拒后（所选人员已归档）同一页面再推荐别人照常推荐 / after a refused recommendation (the ticked person was archived meanwhile) the same page recommends the next pick', async () => {
  // createOnce recorded the form token whenever recommendWorkers answered ok — also when it recommended
  // nobody because everyone ticked was archived — and the route then answered 400 "refused". Remix does not
  // reload the page after a 4xx action, so the form kept its token: the staff's next pick on the same page
  // was answered RECOMMEND_SENT_BEFORE (这份推荐已经提交过). Now a refusal-only answer is a Failure.
  const job = createTestVacancy('weifang')
  const gone = createLedgerWorker('kaizhou')
  const next = createLedgerWorker('kaizhou')
  expect(archiveWorker(actorFor('kaizhou'), gone.id, { reason: 'deceased', note: null })).toMatchObject({ ok: true })
  // Single fetch sets v7_skipActionErrorRevalidation (node_modules/@remix-run/react/dist/browser.js): the
  // loader's formToken is not issued again after the 400, so both sendings carry the same token.
  const token = issueFormToken()
  const send = (workerId: number) =>
    actionAs('kaizhou', recommendAction, {
      path: `/west/jobs/${job.id}/recommend`,
      fields: { intent: 'recommend', workerId: String(workerId), note: '', [FORM_TOKEN_FIELD]: token },
      params: { jobId: String(job.id) },
    })

  const refused = await send(gone.id)
  expect('value' in refused && unwrapData(refused.value).status, 'the archived pick is refused with 400').toBe(400)
  await send(next.id)
  expect(applied(job.id, next.id), 'the next pick from the same page is recommended').toBe(1)
})
