import { expect, test } from 'vitest'
import { makeIdNumber } from './id-number'
import { maskNumbers, withMaskedNumbers } from './masked-numbers'

const idNumber = makeIdNumber({ areaCode: '500154', birthDate: '1990-05-01', sequence: 7 })

test('号码打码：同名字段与改名字段两种形式 / numbers masked under the same keys, or renamed with the full ones dropped', () => {
  const row = { id: 1, name: '冉秀英', idNumber, phone: '13988001234' }
  const masked = maskNumbers(row)
  expect(masked).toEqual({ id: 1, name: '冉秀英', idNumber: `${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(14)}`, phone: '139****1234' })
  expect(row.phone, 'the input is left as it was').toBe('13988001234')
  const renamed = withMaskedNumbers(row)
  expect(renamed).toEqual({ id: 1, name: '冉秀英', idNumberMasked: masked.idNumber, phoneMasked: masked.phone })
  expect(Object.keys(renamed)).not.toContain('idNumber')
  expect(Object.keys(renamed)).not.toContain('phone')
  // No phone, or an empty one, is null.
  expect(maskNumbers({ idNumber, phone: null }).phone).toBeNull()
  expect(withMaskedNumbers({ idNumber, phone: '' }).phoneMasked).toBeNull()
})
