import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { workers } from '../../db/schema'
import { db } from '~/utils/db.server'
import { loader as verificationLoader } from '~/routes/west.verifications.$userId'
import { action as newAction, loader as newLoader } from '~/routes/west.workers.new'
import { createPendingAccount, firstTownshipOf } from '../factories-ledger-prefill'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Verification without retyping (issue 11 §5): "加入台账" on a registration with no ledger row opens the
// ledger form pre-filled from the registration and comes back to the verification after saving, by a
// safe same-origin path only.

type NewPage = { defaultValue: Record<string, string>; prefilled: boolean; returnTo: string | null; formToken: string }

async function openForm(username: string, query: string) {
  const result = await callLoader(newLoader, { path: `/west/workers/new?${query}`, cookie: await cookieFor(username) })
  return unwrapData<NewPage>('value' in result ? result.value : null).data
}

function formFields(page: NewPage, townshipCode: string) {
  return {
    formToken: page.formToken,
    name: page.defaultValue.name ?? '',
    idNumber: page.defaultValue.idNumber ?? '',
    phone: page.defaultValue.phone ?? '',
    township: townshipCode,
    village: '',
    householdStatus: 'other',
    employmentStatus: 'unemployed',
    employmentNeed: 'to_shandong',
    skillLevel: 'none',
  }
}

test('没有台账行的注册：加入台账打开预填的表单，保存后回到核验，核验页显示一致；预填记审计 / a registration without a ledger row opens the form pre-filled, saving returns to the verification, which now matches; the prefill is audited', async () => {
  const { user } = await createPendingAccount('kaizhou', { inLedger: false, name: '预填测试' })
  const cookie = await cookieFor('kaizhou')
  const params = { userId: String(user.id) }
  const before = unwrapData<{ status: string }>(
    await callLoader(verificationLoader, { path: `/west/verifications/${user.id}`, cookie, params }).then((r) => ('value' in r ? r.value : null)),
  )
  expect(before.data.status).toBe('missing')

  const returnTo = `/west/verifications/${user.id}`
  const query = `registration=${user.id}&returnTo=${encodeURIComponent(returnTo)}`
  const page = await openForm('kaizhou', query)
  expect(page).toMatchObject({ prefilled: true, returnTo, defaultValue: { name: '预填测试', idNumber: user.idNumber, phone: user.username } })
  expect(auditOf('registry.prefill', user.id)).toHaveLength(1)

  const saved = await callAction(newAction, { path: `/west/workers/new?${query}`, fields: formFields(page, firstTownshipOf('kaizhou')), cookie })
  expect('thrown' in saved && (await noticeOf(saved.thrown))).toEqual({ location: returnTo, text: '已加入台账，请核对后确认核验。' })
  expect(db.select().from(workers).where(eq(workers.idNumber, user.idNumber!)).get()).toMatchObject({ name: '预填测试', phone: user.username })
  const after = unwrapData<{ status: string }>(
    await callLoader(verificationLoader, { path: returnTo, cookie, params }).then((r) => ('value' in r ? r.value : null)),
  )
  expect(after.data.status).toBe('match')

  // Once the row exists, the form no longer fills itself in (nothing more is disclosed).
  expect(await openForm('kaizhou', query)).toMatchObject({ prefilled: false, defaultValue: {} })
  expect(auditOf('registry.prefill', user.id)).toHaveLength(1)
})

test('别县的注册不预填也不记审计 / another county’s registration fills in nothing and is not audited', async () => {
  const { user } = await createPendingAccount('xiushan', { inLedger: false })
  expect(await openForm('kaizhou', `registration=${user.id}`)).toMatchObject({ prefilled: false, defaultValue: {} })
  expect(auditOf('registry.prefill', user.id)).toEqual([])
})

test('返回地址只接受本站 /west/ 下的相对路径，其余保存后回到新建的台账行 / the return path is only a same-origin relative path under /west/; anything else goes to the new row', async () => {
  const cookie = await cookieFor('kaizhou')
  for (const hostile of [
    '//evil.example/west/x',
    'https://evil.example/west/',
    '/\\evil.example',
    '/east/jobs',
    '/west/../east/jobs',
    '/west/verifications/1.data',
    'javascript:alert(1)',
    '/\t/evil',
  ]) {
    const { user } = await createPendingAccount('kaizhou', { inLedger: false })
    const query = `registration=${user.id}&returnTo=${encodeURIComponent(hostile)}`
    const page = await openForm('kaizhou', query)
    expect(page.returnTo, hostile).toBeNull()
    const saved = await callAction(newAction, { path: `/west/workers/new?${query}`, fields: formFields(page, firstTownshipOf('kaizhou')), cookie })
    const row = db.select().from(workers).where(eq(workers.idNumber, user.idNumber!)).get()!
    expect('thrown' in saved && (await noticeOf(saved.thrown)).location, hostile).toBe(`/west/workers/${row.id}`)
  }
})
