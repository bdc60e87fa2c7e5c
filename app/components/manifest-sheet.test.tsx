import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ManifestSheet, type SheetBatch, type SheetRow } from './manifest-sheet'

// The manifest's pages as rendered (issue 12 §5, §7): a title by date and route, the same columns on every
// bus of a batch, and the bureau's note beside a no-show.

const batch: SheetBatch = {
  id: 13,
  state: 'departed',
  departureDate: '2026-12-12',
  departureTime: '08:00',
  pickupName: '开州汽车站',
  pickupAddress: '汉丰街道开州大道1号',
  escortName: '王芳',
  escortPhone: '13996004321',
  cityName: '潍坊市',
  countyName: '开州区',
  employers: ['寿光绿源蔬菜产业有限公司'],
}

const row = (seatId: number, seatNo: number, more: Partial<SheetRow> = {}): SheetRow => ({
  seatId,
  order: seatId,
  seatNo,
  name: `人${seatId}`,
  sex: '女',
  idNumber: '500***********1234',
  phone: '139****4321',
  township: '汉丰街道',
  employer: null,
  boarding: null,
  arrival: null,
  linked: false,
  ...more,
})

const buses = [
  { vehicleId: 1, plate: '渝D12345', seats: 45, rows: [row(1, 1, { boarding: 'boarded' }), row(2, 2, { boarding: 'no_show' })] },
  { vehicleId: 2, plate: '渝D67890', seats: 45, rows: [row(3, 1)] },
]

/** Each bus's column headers, in order. */
function headersOf(html: string) {
  return [...html.matchAll(/<thead>(.*?)<\/thead>/g)].map((m) => [...m[1].matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((h) => h[1]))
}

test('名单标题按日期和线路，不用批次编号 / the manifest title reads by date and route, not by the database id', () => {
  const html = renderToStaticMarkup(<ManifestSheet batch={batch} buses={buses} preplan={null} full={false} />)
  expect(html).toContain('乘车名单 · 12月12日 开州区→潍坊市 · 渝D12345')
  expect(html).toContain('乘车名单 · 12月12日 开州区→潍坊市 · 渝D67890')
  expect(html).not.toContain('第 13 批')
})

test('同一批次每辆车的列相同：一辆车有登记，每辆车都有登记列 / every bus of a batch has the same columns: one bus with marks gives every bus the 登记 column', () => {
  const html = renderToStaticMarkup(<ManifestSheet batch={batch} buses={buses} preplan={null} full={false} />)
  const [first, second] = headersOf(html)
  expect(first).toEqual(['座位', '姓名', '性别', '身份证号码', '手机号码', '乡镇（街道）', '用人单位', '登记', '上车'])
  expect(second).toEqual(first)
  const unmarked = renderToStaticMarkup(<ManifestSheet batch={batch} buses={[buses[1]]} preplan={null} full={false} />)
  expect(headersOf(unmarked)[0]).not.toContain('登记')
})

test('接收方的勾选框和未上车说明 / the bureau’s tick box cell and the note beside a no-show', () => {
  const html = renderToStaticMarkup(
    <ManifestSheet
      batch={batch}
      buses={[buses[1]]}
      preplan={null}
      full={false}
      extras={{ cell: (r) => <input type="checkbox" name="seatIds" value={r.seatId} />, note: (r) => (r.seatId === 3 ? '未上车，不能确认到岗' : null) }}
    />,
  )
  expect(headersOf(html)[0].slice(0, 2)).toEqual(['选择', '座位'])
  expect(html).toContain('<td class="manifest__marks">—<span class="manifest__why">（未上车，不能确认到岗）</span></td>')
})
