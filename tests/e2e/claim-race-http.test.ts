import crypto from 'node:crypto'
import fs from 'node:fs'
import sharp from 'sharp'
import { expect, inject, test } from 'vitest'
import { todayInShanghai } from '~/rules/dates'
import { TRAIN_TICKET, trainTicketPng } from '../fixtures/claims/images'
import { newClaimant } from './claimants'
import { formPoster, staffCookieAt } from './http-forms'
import { withDatabase } from './browser'

// Issue 13 "a second claim in a year is impossible even with 20 simultaneous submissions", over HTTP against
// the production server (one process per core on one SQLite file, so the requests race across processes), as
// an attacker would try it with the portal's own forms: 20 tabs starting a claim at once (and a replayed
// start), then — holding two claims that could each take the year (the draft just filled in, and a claim of
// this year returned for correction) — 20 submissions of the two at once, with
// the county's second account filing the same person's claim on their behalf (代为申报) five times meanwhile
// and more starts. Exactly one claim takes the year; every other answer is the page's redirect or a refusal
// saying why; none is an error page; the server's log has no SQLITE_BUSY and no error.

const baseURL = inject('baseURL')
const databasePath = inject('databasePath')
const logPath = databasePath.replace(/\.db$/, '.log')
const SECRET = 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz'
const post = formPoster(baseURL)
const YEAR = Number(todayInShanghai().slice(0, 4))

type Person = { userId: number; workerId: number; name: string; org: number; township: string | null; recordId: number; cityCode: string; policyId: number }

/**
 * A new verified 脱贫人口 worker of 开州区 (a ledger row, an account and a live session, tests/factories-trips.ts)
 * employed in 潍坊 this year by a portal employment record, with a claim of theirs filed under last year and
 * returned for correction, whose one ticket (with a photo row) travelled today: corrected and submitted, it
 * takes this year — the slot a new claim takes too.
 */
async function workerHoldingAReturnedClaim() {
  const claimant = await newClaimant(databasePath, SECRET, YEAR)
  const person = withDatabase((db) => {
    const now = Date.now()
    const policyId = (db.prepare('select max(id) as id from subsidy_policies where organisation_id = ? and year = ?').get(claimant.org, YEAR) as { id: number })
      .id
    const p: Person = { ...claimant, policyId }
    expect(p.policyId).toBeTruthy()
    const returned = Number(
      db
        .prepare(
          `insert into subsidy_claims (organisation_id, worker_id, township_code, user_id, year, policy_id, state, work_distance, workplace_code,
             employment_record_id, proof_kind, card_kind, card_number, commitment_name, expected_fen, decision_message, submitted_at, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, 'returned', 'outside_chongqing', ?, ?, 'employment_record', 'bank', '6222020200000000014', ?, 45650, '请核对车票日期', ?, ?, ?)`,
        )
        .run(p.org, p.workerId, p.township, p.userId, YEAR - 1, p.policyId, p.cityCode, p.recordId, p.name, now, now, now).lastInsertRowid,
    )
    const ticket = Number(
      db
        .prepare(
          `insert into subsidy_tickets (claim_id, direction, position, mode, travel_date, from_place, to_place, fare_fen, ticket_number, created_at, updated_at)
           values (?, 'outbound', 1, 'hsr_second', ?, '重庆北', '潍坊', 45650, ?, ?, ?)`,
        )
        .run(returned, todayInShanghai(), `R${crypto.randomInt(1e8, 1e9)}`, now, now).lastInsertRowid,
    )
    db.prepare(
      `insert into subsidy_files (claim_id, ticket_id, purpose, kind, stored_name, original_name, bytes, sha256, created_at)
       values (?, ?, 'ticket', 'jpeg', ?, 'ticket.jpg', 1, ?, ?)`,
    ).run(returned, ticket, `${crypto.randomUUID().replaceAll('-', '')}.jpg`, crypto.randomBytes(32).toString('hex'), now)
    return { ...p, returned }
  })
  return { ...person, cookie: claimant.cookie }
}

const formToken = () => crypto.randomBytes(18).toString('base64url')

/** A multipart POST of the claim page's ticket form with one JPEG, as a phone's browser sends it. */
async function addTicketOverHttp(cookie: string, claimId: number, ticketNumber: string) {
  const photo = await sharp(await trainTicketPng({ ...TRAIN_TICKET, number: ticketNumber }))
    .jpeg()
    .toBuffer()
  const body = new FormData()
  const fields = {
    intent: 'ticket',
    direction: 'outbound',
    mode: 'hsr_second',
    travelDate: todayInShanghai(),
    fromPlace: '重庆北',
    toPlace: '潍坊',
    fare: '456.5',
    ticketNumber,
  }
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  body.append('files', new File([new Uint8Array(photo)], 'IMG_0001.jpg', { type: 'image/jpeg' }))
  return fetch(`${baseURL}/me/claims/${claimId}?form=ticket-new`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie }, body })
}

/** The worker's claims as the database holds them, and how many take the year (the unique index's rows). */
function claimsOf(workerId: number) {
  return withDatabase(
    (db) =>
      db
        .prepare('select id, state, year, top_up_of_claim_id as topUpOf, assisted_by_user_id as assistedBy from subsidy_claims where worker_id = ? order by id')
        .all(workerId) as { id: number; state: string; year: number; topUpOf: number | null; assistedBy: number | null }[],
    { readonly: true },
  )
}

const takesTheYear = (c: { state: string; year: number; topUpOf: number | null }) =>
  c.year === YEAR && c.topUpOf == null && !['draft', 'rejected'].includes(c.state)

test('20 个标签页同时开始申请、同时提交两份申请并有工作人员同时代为申报：一年只有一份申请，没有错误页和 SQLITE_BUSY / 20 tabs starting a claim at once, 20 submissions of two claims racing staff’s assisted filing over HTTP: one claim takes the year, no error page, no SQLITE_BUSY', async () => {
  const me = await workerHoldingAReturnedClaim()
  const logBefore = fs.readFileSync(logPath, 'utf8').length

  // 20 tabs press 申请交通补助 at once (each page has its own form token), and one of them is replayed 5 times.
  const replayed = formToken()
  const starts = await Promise.all([
    ...Array.from({ length: 20 }, () => post(me.cookie, '/me/claims/new', { formToken: formToken() })),
    ...Array.from({ length: 5 }, () => post(me.cookie, '/me/claims/new', { formToken: replayed })),
  ])
  const places = new Set(starts.map((r) => `${r.status} ${r.headers.get('location')}`))
  expect([...places]).toHaveLength(1)
  const [place] = places
  expect(place).toMatch(/^302 \/me\/claims\/\d+$/)
  const draftId = Number(place.split('/').pop())
  expect(
    claimsOf(me.workerId)
      .filter((c) => c.state === 'draft')
      .map((c) => c.id),
  ).toEqual([draftId])

  // The draft is filled in through its page: a ticket with its photo, the card.
  expect((await addTicketOverHttp(me.cookie, draftId, `G${crypto.randomInt(1e8, 1e9)}`)).status).toBe(302)
  const card = await post(me.cookie, `/me/claims/${draftId}?form=card`, {
    intent: 'card',
    cardKind: 'bank',
    cardNumber: '6222020200000000014',
    cardNumberAgain: '6222020200000000014',
  })
  expect(card.status).toBe(302)

  // A claim keeps the year it was started for (a ticket of another year is refused for it, never moving it):
  // the returned claim is this year's, as when staff's filing for the same person was returned after the
  // worker had started the draft. The partial unique index leaves the draft out, so both stand.
  withDatabase((db) => db.prepare('update subsidy_claims set year = ? where id = ?').run(YEAR, me.returned))

  // Now everything at once: 10 submissions of the draft, 10 of the returned claim, 5 assisted filings by the
  // county's second account, 5 more starts.
  const staff = await staffCookieAt(baseURL, 'kaizhou2')
  const commit = { intent: 'submit', committed: 'on', commitmentName: me.name }
  const sends = [
    ...Array.from({ length: 20 }, (_, i) => ({ kind: 'submit', send: () => post(me.cookie, `/me/claims/${i % 2 ? draftId : me.returned}/submit`, commit) })),
    ...Array.from({ length: 5 }, () => ({
      kind: 'assisted',
      send: () =>
        post(staff, '/west/claims/new', {
          intent: 'file',
          workerId: String(me.workerId),
          cardKind: 'bank',
          cardNumber: '',
          cardNumberAgain: '',
          note: '电话核实',
          formToken: formToken(),
        }),
    })),
    ...Array.from({ length: 5 }, () => ({ kind: 'start', send: () => post(me.cookie, '/me/claims/new', { formToken: formToken() }) })),
  ]
  const answers = await Promise.all(
    sends.map(async ({ kind, send }) => {
      const response = await send()
      return { kind, status: response.status, location: response.headers.get('location'), body: response.status === 302 ? '' : await response.text() }
    }),
  )

  const tally = new Map<string, number>()
  for (const a of answers) tally.set(`${a.kind} ${a.status}`, (tally.get(`${a.kind} ${a.status}`) ?? 0) + 1)
  console.log(`[race] answers: ${[...tally].map(([k, n]) => `${k} ×${n}`).join(', ')}`)

  const claims = claimsOf(me.workerId)
  const taking = claims.filter(takesTheYear)
  expect(taking, JSON.stringify(claims)).toHaveLength(1)
  expect(claims.filter((c) => c.state === 'draft').length).toBeLessThanOrEqual(1)
  // No error page: a redirect to the page, or the page again with the refusal said in words.
  const unexplained = answers.filter(
    (a) => !(a.status === 302 || ([400, 409].includes(a.status) && /今年已经申请过|一年只能申|已有补助申领|已经申请过/.test(a.body))),
  )
  expect(unexplained.map((a) => `${a.kind} ${a.status} ${a.location ?? a.body.slice(0, 200)}`)).toEqual([])
  expect(answers.filter((a) => a.status >= 500)).toEqual([])
  // The winner's side says so: the worker's page if a submission won, the assisted claim if staff's did.
  const winner = taking[0]
  if (winner.assistedBy == null) expect(answers.some((a) => a.kind === 'submit' && a.location === `/me/claims/${winner.id}`)).toBe(true)
  else expect(answers.some((a) => a.kind === 'assisted' && a.status === 302)).toBe(true)
  // One submission written, once: one timeline row into 已提交 and one audit row for the claim that won.
  const written = withDatabase(
    (db) => ({
      events: (db.prepare("select count(*) as n from subsidy_claim_events where claim_id = ? and to_state = 'submitted'").get(winner.id) as { n: number }).n,
      audits: (
        db
          .prepare("select count(*) as n from audit_log where entity = 'claim' and entity_id = ? and action in ('claim.submit', 'claim.assisted_file')")
          .get(String(winner.id)) as { n: number }
      ).n,
    }),
    { readonly: true },
  )
  expect(written).toEqual({ events: 1, audits: 1 })

  const log = fs.readFileSync(logPath, 'utf8').slice(logBefore)
  expect(log).not.toMatch(/SQLITE_BUSY|database is locked|Error/)
}, 120_000)

/** The kaizhou worker `me` given a flat-amount claim (定额, no tickets) for this year that was paid; returns its id. */
function paidFlatClaimOf(me: Person) {
  return withDatabase((db) => {
    const now = Date.now()
    return Number(
      db
        .prepare(
          `insert into subsidy_claims (organisation_id, worker_id, township_code, user_id, year, policy_id, state, work_distance, workplace_code,
             employment_record_id, proof_kind, flat, card_kind, card_number, commitment_name, expected_fen, approved_fen, submitted_at, paid_at, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, 'paid', 'outside_chongqing', ?, ?, 'employment_record', 1, 'bank', '6222020200000000014', ?, 20000, 20000, ?, ?, ?, ?)`,
        )
        .run(me.org, me.workerId, me.township, me.userId, YEAR, me.policyId, me.cityCode, me.recordId, me.name, now, now, now, now).lastInsertRowid,
    )
  })
}

test('定额发放后补差：20 个标签页同时开始补差、同时重复提交，一年只有一份补差，再开始补差被拒绝 / a top-up after a paid flat amount: 20 tabs starting it and 20 replayed submissions at once leave one top-up, and another is refused', async () => {
  const me = await workerHoldingAReturnedClaim()
  // The returned claim of last year plays no part here: it is moved out of the way (rejected).
  withDatabase((db) => db.prepare("update subsidy_claims set state = 'rejected' where id = ?").run(me.returned))
  const flat = paidFlatClaimOf(me)
  const logBefore = fs.readFileSync(logPath, 'utf8').length

  const starts = await Promise.all(Array.from({ length: 20 }, () => post(me.cookie, '/me/claims/new', { formToken: formToken(), topUp: '1' })))
  const places = new Set(starts.map((r) => `${r.status} ${r.headers.get('location')}`))
  expect([...places]).toHaveLength(1)
  const [place] = places
  expect(place).toMatch(/^302 \/me\/claims\/\d+$/)
  const topUpId = Number(place.split('/').pop())
  expect(claimsOf(me.workerId).filter((c) => c.state === 'draft')).toEqual([expect.objectContaining({ id: topUpId, topUpOf: flat })])

  expect((await addTicketOverHttp(me.cookie, topUpId, `G${crypto.randomInt(1e8, 1e9)}`)).status).toBe(302)
  const commit = { intent: 'submit', committed: 'on', commitmentName: me.name }
  const answers = await Promise.all([
    ...Array.from({ length: 20 }, () => post(me.cookie, `/me/claims/${topUpId}/submit`, commit).then((r) => ({ kind: 'submit', r }))),
    ...Array.from({ length: 5 }, () => post(me.cookie, '/me/claims/new', { formToken: formToken(), topUp: '1' }).then((r) => ({ kind: 'top-up start', r }))),
    ...Array.from({ length: 5 }, () => post(me.cookie, '/me/claims/new', { formToken: formToken() }).then((r) => ({ kind: 'start', r }))),
  ])
  const read = await Promise.all(
    answers.map(async ({ kind, r }) => ({ kind, status: r.status, location: r.headers.get('location'), body: r.status === 302 ? '' : await r.text() })),
  )
  expect(read.filter((a) => a.status >= 500)).toEqual([])
  const unexplained = read.filter(
    (a) => !(a.status === 302 || ([400, 409].includes(a.status) && /已经申请过|一年只能申请一次|才能补交车票申请补差/.test(a.body))),
  )
  expect(unexplained.map((a) => `${a.kind} ${a.status} ${a.location ?? a.body.slice(0, 200)}`)).toEqual([])
  expect(read.filter((a) => a.kind === 'submit').every((a) => a.status === 302 && a.location === `/me/claims/${topUpId}`)).toBe(true)

  const claims = claimsOf(me.workerId)
  expect(claims.filter((c) => c.topUpOf === flat && !['draft', 'rejected'].includes(c.state)).map((c) => c.id)).toEqual([topUpId])
  expect(claims.filter((c) => c.state === 'draft')).toEqual([])
  expect(claims.filter(takesTheYear).map((c) => c.id)).toEqual([flat])
  const events = withDatabase(
    (db) => (db.prepare("select count(*) as n from subsidy_claim_events where claim_id = ? and to_state = 'submitted'").get(topUpId) as { n: number }).n,
    { readonly: true },
  )
  expect(events).toBe(1)

  // Afterwards, a second top-up is refused in words, and nothing is made.
  const again = await post(me.cookie, '/me/claims/new', { formToken: formToken(), topUp: '1' })
  expect(again.status).toBe(409)
  expect(await again.text()).toContain('才能补交车票申请补差')
  expect(claimsOf(me.workerId)).toHaveLength(claims.length)

  const log = fs.readFileSync(logPath, 'utf8').slice(logBefore)
  expect(log).not.toMatch(/SQLITE_BUSY|database is locked|Error/)
}, 120_000)
