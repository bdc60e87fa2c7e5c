import type { SiteType } from './site-enums'

// The examples a site's form hints and the import template's grey row show (issue 14 §1), written for the
// organisation that keeps the sites: a Weifang bureau sees a Weifang number, address, point and 0536 phone,
// 开州's employment centre a 开州 workshop with a 023 phone. An example from the other side is worse than
// none: staff copy it. Invented street numbers and phone numbers; real area codes and plausible points.
// Data, not logic.

/** One organisation's example site: the number, name, address, WGS-84 point, office phone and type. */
export type SiteExample = {
  siteNumber: string
  type: SiteType
  name: string
  address: string
  lat: number
  lng: number
  contactPhone: string
}

/** By area code: the three Shandong cities keep workstations, the three Chongqing counties workshops. */
const EXAMPLES: Readonly<Record<string, SiteExample>> = {
  '370700': {
    siteNumber: 'WF-GZZ-01',
    type: 'workstation',
    name: '高新区劳务工作站',
    address: '潍坊市高新区健康东街 6888 号',
    lat: 36.706123,
    lng: 119.161234,
    contactPhone: '0536-8881234',
  },
  '371400': {
    siteNumber: 'DZ-GZZ-01',
    type: 'workstation',
    name: '德城区劳务工作站',
    address: '德州市德城区东风中路 1166 号',
    lat: 37.435512,
    lng: 116.359021,
    contactPhone: '0534-2681234',
  },
  '370400': {
    siteNumber: 'ZZ-GZZ-01',
    type: 'workstation',
    name: '薛城区劳务工作站',
    address: '枣庄市薛城区永福南路 2266 号',
    lat: 34.795103,
    lng: 117.263082,
    contactPhone: '0632-3311234',
  },
  '500154': {
    siteNumber: 'KZ-CJ-01',
    type: 'workshop',
    name: '汉丰街道就业帮扶车间',
    address: '开州区汉丰街道开州大道中段 168 号',
    lat: 31.160912,
    lng: 108.393301,
    contactPhone: '023-52221234',
  },
  '500241': {
    siteNumber: 'XS-CJ-01',
    type: 'workshop',
    name: '中和街道就业帮扶车间',
    address: '秀山县中和街道渝秀大道 55 号',
    lat: 28.448021,
    lng: 108.990143,
    contactPhone: '023-76661234',
  },
  '500230': {
    siteNumber: 'FD-CJ-01',
    type: 'workshop',
    name: '三合街道就业帮扶车间',
    address: '丰都县三合街道平都大道西段 276 号',
    lat: 29.863035,
    lng: 107.731012,
    contactPhone: '023-70601234',
  },
}

/**
 * The example site for the organisation whose area is `areaCode` (a city's or county's six-digit code).
 * Takes the code and the side that keeps the sites; returns that area's example, or for an area outside
 * the three pairs the first city's (east) or county's (west), so there is always one from the right province.
 */
export function siteExample(areaCode: string, side: 'east' | 'west'): SiteExample {
  return EXAMPLES[areaCode] ?? EXAMPLES[side === 'east' ? '370700' : '500154']
}
