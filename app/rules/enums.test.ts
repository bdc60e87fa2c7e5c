import { expect, test } from 'vitest'
import { ARRIVAL_LABELS, BATCH_STATE, BOARDING_LABELS, SEAT_STATUS } from './batch'
import { ARRIVAL_MARKS, BATCH_STATES, BOARDING_MARKS, SEAT_STATUSES } from './batch-enums'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from './registry'
import { EMPLOYMENT_NEEDS, EMPLOYMENT_STATUSES, HOUSEHOLD_STATUSES, SEXES, SKILL_LEVELS } from './registry-enums'
import { APPLICATION_SOURCE_LABELS, INDUSTRY_LABELS, REPORT_REASON_LABELS } from './vacancy'
import { APPLICATION_SOURCES, INDUSTRIES, REPORT_REASONS } from './vacancy-enums'

// The stored codes (app/rules/*-enums.ts, also CHECKs in the database) and the labels people read are
// one list: the same codes, in the order forms, filters and exports offer them.

test.each([
  ['industries', INDUSTRY_LABELS, INDUSTRIES],
  ['report reasons', REPORT_REASON_LABELS, REPORT_REASONS],
  ['application sources', APPLICATION_SOURCE_LABELS, APPLICATION_SOURCES],
  ['sexes', SEX_LABELS, SEXES],
  ['household statuses', HOUSEHOLD_LABELS, HOUSEHOLD_STATUSES],
  ['employment statuses', EMPLOYMENT_STATUS_LABELS, EMPLOYMENT_STATUSES],
  ['employment needs', EMPLOYMENT_NEED_LABELS, EMPLOYMENT_NEEDS],
  ['skill levels', SKILL_LEVEL_LABELS, SKILL_LEVELS],
  ['boarding marks', BOARDING_LABELS, BOARDING_MARKS],
  ['arrival marks', ARRIVAL_LABELS, ARRIVAL_MARKS],
] as const)('标签与存储的代码一一对应 / labels match the stored codes: %s', (_name, labels, codes) => {
  expect(Object.keys(labels)).toEqual([...codes])
  for (const label of Object.values(labels)) expect(label.trim()).not.toBe('')
})

test('状态表与存储的代码一一对应 / status tables match the stored codes: batches and seats', () => {
  expect(Object.keys(BATCH_STATE)).toEqual([...BATCH_STATES])
  expect(Object.keys(SEAT_STATUS)).toEqual([...SEAT_STATUSES])
  for (const { label } of [...Object.values(BATCH_STATE), ...Object.values(SEAT_STATUS)]) expect(label.trim()).not.toBe('')
})
