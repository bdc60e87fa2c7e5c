import { expect, inject, test } from 'vitest'
import { makeIdNumber } from '../../app/rules/id-number'
import { DEMO_PASSWORD, withDatabase } from './browser'

// /west/accounts/new without JavaScript (plain HTTP, as a browser with scripts off sends it): when the
// ledger search finds exactly one person without an account, the page comes back with that person's radio
// already checked, so 开通账号 works at once; with two people found, neither is chosen for the clerk.

const baseURL = inject('baseURL')

function postAs(cookie: string, path: string, fields: Record<string, string>) {
  return fetch(baseURL + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(fields),
  })
}

/** Kaizhou ledger rows named `names`, each with a fresh ID number; returns their ids. */
function addLedgerRows(names: string[]) {
  return withDatabase((db) => {
    const centre = db.prepare(`select id from organisations where area_code = '500154' and kind = 'centre'`).get() as { id: number }
    const township = db.prepare(`select code from areas where parent_code = '500154' and level = 'township' order by code limit 1`).get() as { code: string }
    const idTaken = db.prepare('select 1 from workers where id_number = ? union select 1 from users where id_number = ?')
    const insert = db.prepare(
      `insert into workers (organisation_id, name, id_number, sex, birth_date, township_code, household_status,
         employment_status, employment_need, skill_level, created_at, updated_at)
       values (?, ?, ?, 'female', '1991-03-09', ?, 'alleviated', 'unemployed', 'to_shandong', 'none', ?, ?)`,
    )
    let sequence = 902
    return names.map((name) => {
      let idNumber = ''
      for (; ; sequence += 2) {
        idNumber = makeIdNumber({ areaCode: '500154', birthDate: '1991-03-09', sequence })
        if (!idTaken.get(idNumber, idNumber)) break
      }
      sequence += 2
      return Number(insert.run(centre.id, name, idNumber, township.code, Date.now(), Date.now()).lastInsertRowid)
    })
  })
}

/** The workerId radios of a page: value and whether it is rendered checked. */
function radios(html: string) {
  return [...html.matchAll(/<input[^>]*name="workerId"[^>]*>/g)].map((m) => ({
    value: /value="(\d+)"/.exec(m[0])![1],
    checked: /\schecked(=""|\s|\/|>)/.test(m[0]),
  }))
}

function freePhone() {
  return withDatabase((db) => {
    for (let n = 8101; ; n++) if (!db.prepare('select 1 from users where username = ?').get(`1399600${n}`)) return `1399600${n}`
  })
}

test('代为开通：只找到一人时已选中，不用脚本也能直接开通；找到两人时不替人选 / one person found is pre-selected and opens at once without JavaScript; two found, none is chosen', async () => {
  const [only] = addLedgerRows(['甄独一'])
  addLedgerRows(['甄双甲', '甄双乙'])
  const login = await postAs('', '/login', { username: 'kaizhou', password: DEMO_PASSWORD })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]

  const two = await (await postAs(cookie, '/west/accounts/new', { intent: 'search', q: '甄双' })).text()
  expect(radios(two)).toHaveLength(2)
  expect(radios(two).some((r) => r.checked)).toBe(false)

  const one = await postAs(cookie, '/west/accounts/new', { intent: 'search', q: '甄独一' })
  expect(one.status).toBe(200)
  const html = await one.text()
  expect(radios(html)).toEqual([{ value: String(only), checked: true }])

  // What a browser without JavaScript sends when the clerk only types the phone and presses 开通账号.
  const token = /name="formToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="formToken"/.exec(html)!
  const created = await postAs(cookie, '/west/accounts/new', {
    intent: 'create',
    q: '甄独一',
    formToken: token[1] ?? token[2],
    workerId: radios(html)[0].value,
    phone: freePhone(),
  })
  expect(created.status).toBe(200)
  expect(await created.text()).toContain('账号已开通')
  const linked = withDatabase((db) => db.prepare('select user_id from workers where id = ?').get(only) as { user_id: number | null }, { readonly: true })
  expect(linked.user_id).not.toBeNull()
}, 60_000)
