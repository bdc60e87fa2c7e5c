import { describe, expect, test } from 'vitest'
import { testExamples } from '../../tests/examples'
import {
  assessClaim,
  filingWindow,
  mayTopUp,
  normaliseTicketNumber,
  personProblemsOf,
  placeKeyword,
  policyTermsOf,
  qualifyingEmployment,
  TRAVEL_MODES,
  workDistanceOf,
  type ClaimantFacts,
  type PolicyTerms,
  type TicketInput,
  type TravelMode,
} from './subsidy'
import { defaultPolicyTerms } from './subsidy-policy'

// One table per clause of the transport subsidy (issue 13 §2), each citing it. Seed 002: 对跨区（县）、省（市）
// 务工的农村贫困劳动力，给予一次性城市间交通补贴（其他部门已给予此项补贴的除外），限乘坐火车硬席、高铁/动车二等座和公交长途
// 汽车，按票价据实补贴. Chongqing county practice (issue 13): once a year; ¥200 flat outside Chongqing, ¥50 outside
// the county inside Chongqing, without tickets; topped up to the real fares when tickets come later.

const KAIZHOU = '500154'
const WEIFANG = '370700'
const YUZHONG = '500103'
const TODAY = '2026-12-01'
const terms: PolicyTerms = defaultPolicyTerms(2026)

const claimant: ClaimantFacts = {
  verified: true,
  ofCounty: true,
  householdStatus: 'alleviated',
  countyCode: KAIZHOU,
  employments: [{ proof: 'employment_record', workplaceCode: WEIFANG, startDate: '2026-03-01', endDate: null }],
  boardedBatches: [],
}

function ticket(overrides: Partial<TicketInput> = {}): TicketInput {
  return {
    direction: 'outbound',
    mode: 'hsr_second',
    travelDate: '2026-03-01',
    fromPlace: '重庆北',
    toPlace: '潍坊',
    fareFen: 45_650,
    ticketNumber: 'E123456',
    ...overrides,
  }
}

function assess(input: {
  tickets?: TicketInput[]
  flat?: boolean
  earlierPaidFen?: number
  facts?: Partial<ClaimantFacts>
  policy?: Partial<PolicyTerms>
  today?: string
}) {
  return assessClaim({
    terms: { ...terms, ...input.policy },
    claimant: { ...claimant, ...input.facts },
    tickets: input.tickets ?? [ticket()],
    flat: input.flat ?? false,
    earlierPaidFen: input.earlierPaidFen ?? 0,
    today: input.today ?? TODAY,
  })
}

/** The first ticket's verdict as `[eligible, reason]`. */
function verdictOf(t: Partial<TicketInput>, facts: Partial<ClaimantFacts> = {}) {
  const a = assess({ tickets: [ticket(t)], facts }).tickets[0]
  return [a.eligible, a.reason] as const
}

describe('申领对象：本县已核验的脱贫人口或监测对象 / who: a verified worker of the county who is 脱贫人口 or 监测对象 (seed 002 农村贫困劳动力; issue 13 §2)', () => {
  testExamples('对象条件 / person', (facts: Partial<ClaimantFacts>) => personProblemsOf(terms, { ...claimant, ...facts }, 2026), [
    [{}, []],
    [{ householdStatus: 'monitored' }, []],
    [{ householdStatus: 'other' }, ['交通补助只发给脱贫人口和防返贫监测对象，台账中您不属于这两类']],
    [{ verified: false }, ['账号尚未通过本区县实名核验，核验后才能申领']],
    [{ ofCounty: false }, ['不是本区县台账中的务工人员，请向户籍所在区县申领']],
    [
      { ofCounty: false, verified: false, householdStatus: 'other' },
      ['不是本区县台账中的务工人员，请向户籍所在区县申领', '交通补助只发给脱贫人口和防返贫监测对象，台账中您不属于这两类'],
    ],
  ] as const)

  test('不符合对象条件时金额为 0，且不能提交 / an ineligible person is owed nothing and cannot submit', () => {
    const a = assess({ facts: { householdStatus: 'other' } })
    expect(a.eligibleFareFen).toBe(45_650)
    expect(a.amountFen).toBe(0)
    expect(a.problems).toContainEqual({ field: 'person', message: '交通补助只发给脱贫人口和防返贫监测对象，台账中您不属于这两类' })
  })
})

describe('跨区（县）、省（市）务工，当年有就业记录或证明 / work outside Chongqing or outside the county in the claim year (seed 002 跨区（县）、省（市）务工; issue 13 §2)', () => {
  testExamples('务工地远近 / distance of a workplace from Kaizhou', (code: string) => workDistanceOf(code, KAIZHOU), [
    [WEIFANG, 'outside_chongqing'],
    ['440300', 'outside_chongqing'],
    [YUZHONG, 'outside_county'],
    ['500100', 'outside_county'],
    [KAIZHOU, 'inside_county'],
  ] as const)

  const record = (workplaceCode: string, startDate: string | null = '2026-03-01', endDate: string | null = null) => ({
    proof: 'employment_record' as const,
    workplaceCode,
    startDate,
    endDate,
  })
  const qualify = (employments: ClaimantFacts['employments'], accepted: PolicyTerms['acceptedProofs'] = terms.acceptedProofs) => {
    const r = qualifyingEmployment({ acceptedProofs: accepted }, { countyCode: KAIZHOU, employments }, 2026)
    return r.ok ? { distance: r.distance, proof: r.fact.proof } : r.message
  }
  const none = '没有2026年在本区县以外（重庆市外或市内其他区县）务工的就业记录或证明'

  testExamples('就业事实 / which work qualifies', (e: ClaimantFacts['employments']) => qualify(e), [
    [[record(WEIFANG)], { distance: 'outside_chongqing', proof: 'employment_record' }],
    [[record(YUZHONG)], { distance: 'outside_county', proof: 'employment_record' }],
    [[record(YUZHONG), record(WEIFANG)], { distance: 'outside_chongqing', proof: 'employment_record' }],
    [[record(KAIZHOU)], none],
    [[], none],
    [[record(WEIFANG, '2027-01-05')], none],
    [[record(WEIFANG, '2024-05-01', '2025-12-31')], none],
    [[record(WEIFANG, '2024-05-01', '2026-01-01')], { distance: 'outside_chongqing', proof: 'employment_record' }],
    [[record(WEIFANG, '2025-02-01')], { distance: 'outside_chongqing', proof: 'employment_record' }],
    [[{ proof: 'labour_contract', workplaceCode: WEIFANG, startDate: null, endDate: null }], { distance: 'outside_chongqing', proof: 'labour_contract' }],
    [
      [{ proof: 'wage_records', workplaceCode: WEIFANG, startDate: null, endDate: null }, record(WEIFANG)],
      { distance: 'outside_chongqing', proof: 'employment_record' },
    ],
  ] as const)

  test('政策不接受的证明不算，并说明原因 / a proof the policy does not accept does not count, and says so', () => {
    expect(qualify([{ proof: 'wage_records', workplaceCode: WEIFANG, startDate: null, endDate: null }], ['employment_record', 'labour_contract'])).toBe(
      '本县2026年政策不接受「近 3 个月工资流水」作为务工证明，请上传其他证明',
    )
    expect(assess({ facts: { employments: [record(KAIZHOU)] } }).personProblems).toEqual([none])
  })
})

describe('一年一次，按上海时间的乘车日期定年度 / once a year, by travel date in Shanghai time within the claim year (issue 13 §2)', () => {
  testExamples(
    '乘车日期须在年度内；返程可在次年、最晚到补报截止日 / every ticket in the year; a return leg may fall in the next year up to the last filing day',
    (t: Partial<TicketInput>) => {
      const a = assess({ tickets: [ticket(), ticket({ ticketNumber: 'R1', ...t })], today: '2027-02-28' })
      return [a.year, a.tickets[1].eligible, a.tickets[1].reason]
    },
    [
      [{ direction: 'return', travelDate: '2026-12-31' }, [2026, true, null]],
      [{ direction: 'return', travelDate: '2027-02-10' }, [2026, true, null]],
      [{ direction: 'return', travelDate: '2027-02-28' }, [2026, true, null]],
      [{ direction: 'outbound', travelDate: '2027-02-10' }, [2026, false, 'outside_year']],
    ] as const,
  )

  test('跨年往返：年度外的车票不计入本年度并说明原因 / across new year: a ticket outside the claim year is refused for this year with the reason, before submit', () => {
    const a = assess({
      tickets: [ticket({ travelDate: '2025-12-31' }), ticket({ direction: 'return', travelDate: '2026-01-01', ticketNumber: 'R1' })],
    })
    expect(a.year).toBe(2026)
    expect(a.tickets.map((t) => [t.eligible, t.reason])).toEqual([
      [false, 'outside_year'],
      [true, null],
    ])
    expect(a.tickets[0].reasonText).toBe('乘车日期 2025-12-31 不在2026年内，不计入2026年的补助（按乘车日期定年度，一年只补贴一次往返）')
    expect(a.eligibleFareFen).toBe(ticket().fareFen)
  })

  test('车票都不是本年度的不能提交 / tickets all of another year than the claim cannot be submitted', () => {
    const a = assess({ tickets: [ticket({ travelDate: '2025-11-30' })] })
    expect(a.year).toBe(2026)
    expect(a.amountFen).toBe(0)
    expect(a.problems).toContainEqual({ field: 'year', message: '车票都不是2026年乘坐的，不计入2026年的补助。请按乘车年份申领那一年的补助' })
  })
})

describe('限火车硬席、高铁/动车二等座和公交长途汽车 / eligible modes (seed 002; issue 13 §1 default list)', () => {
  const eligible: Record<TravelMode, boolean> = {
    train_hard_seat: true,
    train_hard_sleeper: true,
    train_soft_seat: false,
    train_soft_sleeper: false,
    hsr_second: true,
    hsr_first: false,
    hsr_business: false,
    coach: true,
    flight: false,
    taxi: false,
    private_car: false,
    other: false,
  }
  testExamples(
    '按默认政策 / under the default policy',
    (mode: TravelMode) => verdictOf({ mode }),
    TRAVEL_MODES.map((mode) => [mode, eligible[mode] ? [true, null] : [false, 'ineligible_mode']] as const),
  )

  test('不予补贴的原因写明乘坐方式和可补贴范围 / the reason names the mode and what is paid', () => {
    expect(assess({ tickets: [ticket({ mode: 'hsr_first' })] }).tickets[0].reasonText).toBe(
      '高铁/动车一等座不在补贴范围（限火车硬座、火车硬卧、高铁/动车二等座、长途汽车/省际班车）',
    )
  })

  test('县里的政策可以改变范围 / a county policy may change the list', () => {
    const a = assess({
      tickets: [ticket({ mode: 'train_soft_sleeper' }), ticket({ mode: 'coach', ticketNumber: 'C1' })],
      policy: { eligibleModes: ['train_soft_sleeper'] },
    })
    expect(a.tickets.map((t) => t.eligible)).toEqual([true, false])
  })
})

describe('务工专车已承运的去程不补（其他部门已给予此项补贴的除外） / a leg carried by a boarded programme batch is excluded (seed 002)', () => {
  const boarded = { boardedBatches: [{ batchId: 7, departureDate: '2026-03-01' }] }
  testExamples(
    '专车发车当天或次日的去程 / an outbound ticket on the departure day or the next',
    ([direction, travelDate]: readonly [TicketInput['direction'], string]) => verdictOf({ direction, travelDate }, boarded),
    [
      [
        ['outbound', '2026-03-01'],
        [false, 'batch_leg'],
      ],
      [
        ['outbound', '2026-03-02'],
        [false, 'batch_leg'],
      ],
      [
        ['outbound', '2026-03-03'],
        [true, null],
      ],
      [
        ['outbound', '2026-02-28'],
        [true, null],
      ],
      [
        ['return', '2026-03-01'],
        [true, null],
      ],
    ] as const,
  )

  test('没有上车就不算 / no boarded batch, no exclusion', () => {
    expect(verdictOf({ travelDate: '2026-03-01' })).toEqual([true, null])
    expect(assess({ facts: boarded }).tickets[0].reasonText).toBe('这段去程由 2026-03-01 发车的务工专车免费承运，其他部门已给予此项补贴的不再补贴')
  })
})

describe('车票内容：日期、起止地、票价、票号 / a ticket: mode, date, from, to, fare in fen, ticket number (issue 13 §2)', () => {
  const problemOf = (t: Partial<TicketInput>) => {
    const a = assess({ tickets: [ticket(t)] })
    return a.problems.find((p) => p.field.startsWith('tickets.0.')) ?? null
  }
  testExamples('需改正的问题 / what must be corrected', problemOf, [
    [{}, null],
    [{ travelDate: '2026-12-02' }, { field: 'tickets.0.travelDate', message: '第 1 张车票：乘车日期不能晚于今天' }],
    [{ travelDate: '2026-12-01' }, null],
    [{ travelDate: '2026-02-30' }, { field: 'tickets.0.travelDate', message: '第 1 张车票：请填写乘车日期' }],
    [{ fromPlace: '  ' }, { field: 'tickets.0.fromPlace', message: '第 1 张车票：请填写出发地' }],
    [{ toPlace: '' }, { field: 'tickets.0.toPlace', message: '第 1 张车票：请填写到达地' }],
    [{ fareFen: 0 }, { field: 'tickets.0.fareFen', message: '第 1 张车票：票价应大于 0' }],
    [{ fareFen: -100 }, { field: 'tickets.0.fareFen', message: '第 1 张车票：票价应大于 0' }],
    [{ fareFen: 12.5 }, { field: 'tickets.0.fareFen', message: '第 1 张车票：票价应大于 0' }],
    [{ fareFen: 500_000 }, null],
    [{ fareFen: 500_001 }, { field: 'tickets.0.fareFen', message: '第 1 张车票：票价超过 ¥5,000.00，请核对是否填错' }],
    [{ ticketNumber: ' \u3000 ' }, { field: 'tickets.0.ticketNumber', message: '第 1 张车票：请填写票号（车票上的红色或黑色编号）' }],
  ] as const)

  testExamples('票号规范化 / ticket numbers normalised', normaliseTicketNumber, [
    [' e123 456 ', 'E123456'],
    ['Ｅ１２３４５６', 'E123456'],
    ['e\u200b123\u3000456', 'E123456'],
    ['', ''],
  ] as const)

  test('同一申请内票号重复，第二张不补 / the same ticket number twice in one claim pays once', () => {
    const a = assess({ tickets: [ticket({ ticketNumber: 'e12 34' }), ticket({ ticketNumber: 'E1234', direction: 'return', travelDate: '2026-10-01' })] })
    expect(a.tickets.map((t) => [t.eligible, t.reason])).toEqual([
      [true, null],
      [false, 'duplicate_ticket'],
    ])
    expect(a.tickets[1].reasonText).toBe('与本申请第 1 张车票票号相同，同一张票只补贴一次')
    expect(a.eligibleFareFen).toBe(45_650)
  })

  test('按实际票价申领至少一张车票；按定额申领不填车票 / a ticket claim needs a ticket; a flat claim has none', () => {
    expect(assess({ tickets: [] }).problems).toContainEqual({ field: 'tickets', message: '请至少添加一张车票；没有车票可按定额申领' })
    expect(assess({ flat: true }).problems).toContainEqual({ field: 'flat', message: '按定额申领时不填车票；有车票请按实际票价申领' })
    expect(assess({ flat: true, tickets: [] }).problems).toEqual([])
  })
})

describe('金额：按票价据实补贴，可封顶；无票按定额，后补车票补差 / the amount (seed 002 按票价据实补贴; Chongqing practice ¥200/¥50 flat, top-up)', () => {
  const out = ticket()
  const back = ticket({ direction: 'return', travelDate: '2026-11-20', ticketNumber: 'R9', fareFen: 30_000 })
  const first = ticket({ mode: 'hsr_first', ticketNumber: 'F1', fareFen: 70_000 })
  testExamples(
    '金额 / amounts in fen',
    (input: Parameters<typeof assess>[0]) => {
      const a = assess(input)
      return { kind: a.kind, eligibleFareFen: a.eligibleFareFen, capped: a.capped, amountFen: a.amountFen }
    },
    [
      [{ tickets: [out, back] }, { kind: 'tickets', eligibleFareFen: 75_650, capped: false, amountFen: 75_650 }],
      [{ tickets: [out, back, first] }, { kind: 'tickets', eligibleFareFen: 75_650, capped: false, amountFen: 75_650 }],
      [
        { tickets: [out, back], policy: { capFen: 60_000 } },
        { kind: 'tickets', eligibleFareFen: 75_650, capped: true, amountFen: 60_000 },
      ],
      [
        { tickets: [out, back], policy: { capFen: 75_650 } },
        { kind: 'tickets', eligibleFareFen: 75_650, capped: false, amountFen: 75_650 },
      ],
      [
        { tickets: [], flat: true },
        { kind: 'flat', eligibleFareFen: 0, capped: false, amountFen: 20_000 },
      ],
      [
        { tickets: [], flat: true, facts: { employments: [{ proof: 'employment_record', workplaceCode: YUZHONG, startDate: '2026-03-01', endDate: null }] } },
        { kind: 'flat', eligibleFareFen: 0, capped: false, amountFen: 5_000 },
      ],
      [
        { tickets: [], flat: true, policy: { capFen: 10_000 } },
        { kind: 'flat', eligibleFareFen: 0, capped: true, amountFen: 10_000 },
      ],
      [
        { tickets: [out, back], earlierPaidFen: 20_000 },
        { kind: 'top_up', eligibleFareFen: 75_650, capped: false, amountFen: 55_650 },
      ],
      [
        { tickets: [first], earlierPaidFen: 20_000 },
        { kind: 'top_up', eligibleFareFen: 0, capped: false, amountFen: 0 },
      ],
      [
        { tickets: [out, back], earlierPaidFen: 20_000, policy: { capFen: 60_000 } },
        { kind: 'top_up', eligibleFareFen: 75_650, capped: true, amountFen: 40_000 },
      ],
    ] as const,
  )

  test('本年已领过定额不能再按定额申领 / a second flat amount in the year is refused', () => {
    expect(assess({ tickets: [], flat: true, earlierPaidFen: 20_000 }).problems).toContainEqual({
      field: 'flat',
      message: '本年度已发放 ¥200.00，定额补助不能再领；有车票可申请补差',
    })
  })
})

describe('申领期限：受理起止日和补报期 / the claim window and late filing (issue 13 §1)', () => {
  const window = { year: 2026, opensOn: '2026-03-01', closesOn: '2026-12-31', lateUntil: '2027-01-31' }
  testExamples('某日提交 / a submission on', (today: string) => filingWindow(window, today), [
    ['2026-02-28', { open: false, message: '2026年交通补助自 2026-03-01 起受理' }],
    ['2026-03-01', { open: true, late: false }],
    ['2026-12-31', { open: true, late: false }],
    ['2027-01-01', { open: true, late: true }],
    ['2027-01-31', { open: true, late: true }],
    ['2027-02-01', { open: false, message: '2026年交通补助已于 2027-01-31 截止受理' }],
  ] as const)

  test('没有补报期时截止日后即关闭，不能提交 / without late filing the window ends at the close date and blocks submission', () => {
    expect(filingWindow({ ...window, lateUntil: null }, '2027-01-01')).toEqual({ open: false, message: '2026年交通补助已于 2026-12-31 截止受理' })
    expect(assess({ policy: { opensOn: '2026-12-02' } }).problems).toContainEqual({ field: 'window', message: '2026年交通补助自 2026-12-02 起受理' })
  })
})

test('存储的政策行：JSON 列表解析，未知代码丢弃 / a stored policy row: JSON lists parsed, unknown codes dropped', () => {
  const row = { ...terms, eligibleModes: '["coach","rocket","hsr_second"]', acceptedProofs: 'not json' }
  expect(policyTermsOf(row)).toEqual({ ...terms, eligibleModes: ['hsr_second', 'coach'], acceptedProofs: [] })
})

describe('往返两程：去程从家乡到务工地，返程反过来 / the outbound leg goes from home to the workplace, the return leg back (issue 13 §2 "outbound and return legs")', () => {
  testExamples('地名简称 / short place names', (name: string) => placeKeyword(name), [
    ['开州区', '开州'],
    ['秀山土家族苗族自治县', '秀山'],
    ['丰都县', '丰都'],
    ['潍坊市', '潍坊'],
    ['重庆市', '重庆'],
    ['市', ''],
  ] as const)

  const places = { home: ['开州', '重庆'], work: ['潍坊'] }
  const legOf = (t: Partial<TicketInput>) => {
    const a = assessClaim({ terms, claimant, tickets: [ticket(t)], flat: false, earlierPaidFen: 0, today: TODAY, places })
    return a.tickets[0].problem
  }
  testExamples('车票放在哪一程 / a ticket in a leg', legOf, [
    [{ direction: 'outbound', fromPlace: '重庆北', toPlace: '潍坊' }, null],
    [{ direction: 'outbound', fromPlace: '开州', toPlace: '万州北' }, null],
    [{ direction: 'outbound', fromPlace: '郑州东', toPlace: '潍坊' }, null],
    [{ direction: 'return', fromPlace: '潍坊', toPlace: '重庆北' }, null],
    [{ direction: 'return', fromPlace: '郑州东', toPlace: '重庆北' }, null],
    [{ direction: 'outbound', fromPlace: '潍坊', toPlace: '重庆北' }, '从潍坊到重庆北是回家的方向，请把这张票改为“返程”'],
    [{ direction: 'outbound', fromPlace: '济南西', toPlace: '开州' }, '从济南西到开州是回家的方向，请把这张票改为“返程”'],
    [{ direction: 'outbound', fromPlace: '潍坊', toPlace: '郑州东' }, '从潍坊到郑州东是回家的方向，请把这张票改为“返程”'],
    [{ direction: 'return', fromPlace: '重庆北', toPlace: '潍坊' }, '从重庆北到潍坊是去务工地的方向，请把这张票改为“去程”'],
    [{ direction: 'return', fromPlace: '郑州东', toPlace: '潍坊' }, '从郑州东到潍坊是去务工地的方向，请把这张票改为“去程”'],
  ] as const)

  test('放错一程是要改正的错误，挡住提交；不给地名时不检查 / a ticket in the wrong leg blocks submission; without places nothing is checked', () => {
    const wrong = ticket({ direction: 'outbound', fromPlace: '潍坊', toPlace: '重庆北' })
    const a = assessClaim({ terms, claimant, tickets: [wrong], flat: false, earlierPaidFen: 0, today: TODAY, places })
    expect(a.tickets[0].eligible).toBe(false)
    expect(a.problems).toContainEqual({ field: 'tickets.0.direction', message: '第 1 张车票：从潍坊到重庆北是回家的方向，请把这张票改为“返程”' })
    expect(assess({ tickets: [wrong] }).tickets[0].eligible).toBe(true)
  })
})

describe('车票都不予补助时说明可改按定额 / when no ticket is paid the worker is told the flat amount applies without tickets (issue 13 §2 "flat amount when there are no tickets")', () => {
  test('车票全不予补助：金额 0，挡住提交，并说出定额 / every ticket refused: ¥0, submission blocked, the flat amount named', () => {
    const a = assess({
      tickets: [ticket({ mode: 'hsr_first' }), ticket({ direction: 'return', mode: 'flight', ticketNumber: 'F1', fromPlace: '潍坊', toPlace: '重庆' })],
    })
    expect(a.amountFen).toBe(0)
    expect(a.flatInsteadFen).toBe(20_000)
    expect(a.problems).toContainEqual({
      field: 'tickets',
      message: '填写的车票都不在补贴范围，按车票补助为 ¥0.00。没有可补贴的车票时可按定额申领 ¥200.00：请删除这些车票，再选择“没有车票，按定额申请”',
    })
    // The words agree with the rules: the same claimant without tickets, flat, is owed that amount.
    expect(assess({ tickets: [], flat: true }).amountFen).toBe(a.flatInsteadFen)
    const inChongqing = assess({
      tickets: [ticket({ mode: 'taxi' })],
      facts: { employments: [{ proof: 'employment_record', workplaceCode: YUZHONG, startDate: '2026-03-01', endDate: null }] },
    })
    expect(inChongqing.flatInsteadFen).toBe(5_000)
  })

  test('有一张可补助的车票时不提示 / one paid ticket: no hint', () => {
    const a = assess({ tickets: [ticket(), ticket({ direction: 'return', mode: 'hsr_first', ticketNumber: 'E2', fromPlace: '潍坊', toPlace: '重庆北' })] })
    expect(a.flatInsteadFen).toBeNull()
    expect(a.problems).toEqual([])
  })

  test('补差：车票不超过已发放的定额时没有差额可补，不能提交 / a top-up whose fares do not exceed what was paid has nothing to pay and is not submitted', () => {
    const a = assess({ tickets: [ticket({ fareFen: 15_000 })], earlierPaidFen: 20_000 })
    expect(a).toMatchObject({ kind: 'top_up', amountFen: 0, flatInsteadFen: null })
    expect(a.problems).toContainEqual({ field: 'tickets', message: '可补贴的票价不超过已发放的 ¥200.00，没有差额可补' })
    expect(assess({ tickets: [ticket({ fareFen: 45_650 })], earlierPaidFen: 20_000 })).toMatchObject({ amountFen: 25_650, problems: [] })
  })
})

describe('补差：定额领过后有了车票，可申请差额 / a top-up after a flat amount (issue 13 §2 "a top-up of the difference when tickets come later")', () => {
  testExamples(
    '可否补差 / may top up',
    (i: { flat: boolean; state: Parameters<typeof mayTopUp>[0]['state']; topUps?: Parameters<typeof mayTopUp>[1] }) => mayTopUp(i, i.topUps ?? []),
    [
      [{ flat: true, state: 'paid' }, true],
      [{ flat: true, state: 'approved' }, true],
      [{ flat: true, state: 'in_payout' }, true],
      [{ flat: true, state: 'submitted' }, false],
      [{ flat: true, state: 'under_review' }, false],
      [{ flat: true, state: 'payment_failed' }, false],
      [{ flat: false, state: 'paid' }, false],
      [{ flat: true, state: 'paid', topUps: ['rejected', 'draft'] }, true],
      [{ flat: true, state: 'paid', topUps: ['submitted'] }, false],
      [{ flat: true, state: 'paid', topUps: ['paid'] }, false],
    ] as const,
  )
})
