import { describe, expect, it } from 'vitest'
import { normaliseSiteNumber, siteFieldsSchema, storedServices } from './site'

const good = {
  type: 'workstation',
  siteNumber: ' wf-gzz-01 ',
  name: '潍坊高新区劳务工作站',
  address: '潍坊市高新区健康东街 6888 号',
  lat: '36.7066',
  lng: '119.1617',
  contactName: '王敏',
  contactPhone: '0536 8888888',
  openingHours: '周一至周五 8:30-17:30',
  services: ['training', 'job_referral'],
  workersHelped: '1,200',
}

function errorsOf(input: object) {
  const r = siteFieldsSchema.safeParse(input)
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('站点字段 / site fields', () => {
  it('规范站点编号 / normalises a site number', () => {
    expect(normaliseSiteNumber('ｗｆ－ｇｚｚ－０１')).toBe('WF-GZZ-01')
    expect(normaliseSiteNumber(' kz 01 ')).toBe('KZ01')
  })

  it('合格的表单得到存储值 / a good form yields the stored values', () => {
    expect(siteFieldsSchema.parse(good)).toEqual({
      type: 'workstation',
      siteNumber: 'WF-GZZ-01',
      name: '潍坊高新区劳务工作站',
      address: '潍坊市高新区健康东街 6888 号',
      lat: 36.7066,
      lng: 119.1617,
      contactName: '王敏',
      contactPhone: '0536-8888888',
      openingHours: '周一至周五 8:30-17:30',
      services: ['job_referral', 'training'],
      workersHelped: 1200,
    })
    // The import passes numbers and a mobile; one ticked checkbox arrives as a string.
    expect(siteFieldsSchema.parse({ ...good, lat: 29.9, lng: 108.4, workersHelped: 0, contactPhone: '139 9600 0001', services: 'training' })).toMatchObject({
      lat: 29.9,
      lng: 108.4,
      workersHelped: 0,
      contactPhone: '13996000001',
      services: ['training'],
    })
  })

  it('每个字段的错误写在字段旁 / each problem is beside its field', () => {
    expect(errorsOf({ ...good, siteNumber: 'W', contactPhone: '8888888', lat: '', services: undefined, workersHelped: '-3', type: 'x' })).toEqual({
      siteNumber: '站点编号应为 2 到 32 位字母、数字或短横线',
      contactPhone: '联系电话应为 11 位手机号，或带区号的固定电话（区号和号码之间可加短横线）',
      lat: '请在地图上选点，或填写中国境内的纬度和经度',
      services: '请至少选择一项服务内容',
      workersHelped: '服务人数应为 0 到 10,000,000 之间的整数',
      type: '请选择站点类型',
    })
    expect(errorsOf({ ...good, lat: '51.5', lng: '-0.12' })).toEqual({ lng: '经度应为 73 到 136 之间的数（中国境内）' })
    expect(errorsOf({ ...good, openingHours: 'x'.repeat(61), services: ['training', 'flying'] })).toEqual({
      openingHours: '开放时间不能超过 60 个字',
      services: '服务内容只能从列出的项目中选择',
    })
    expect(errorsOf({ ...good, workersHelped: '10000001' })).toHaveProperty('workersHelped')
  })
})

it('存储的服务内容按表单的顺序读回，认不得的丢掉 / stored services read back in the form’s order, unknown codes dropped', () => {
  expect(storedServices('["gig_work","policy_advice","job_referral"]')).toEqual(['job_referral', 'policy_advice', 'gig_work'])
  expect(storedServices('["job_referral","__proto__",1]')).toEqual(['job_referral'])
  expect(storedServices('{"a":1}')).toEqual([])
  expect(storedServices('not json')).toEqual([])
})
