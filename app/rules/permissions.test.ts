import { expect, test } from 'vitest'
import { can, mayPayClaim, PERMISSIONS, ROLES, type Permission } from './permissions'

test('每项权限只属于列出的角色 / each permission belongs to exactly the roles listed', () => {
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    for (const role of ROLES) {
      expect(can({ role }, permission)).toBe((PERMISSIONS[permission] as readonly string[]).includes(role))
    }
  }
  expect(can({ role: 'east' }, 'manage:ledger')).toBe(false)
  expect(can({ role: 'worker' }, 'review:application')).toBe(false)
  expect(can({ role: 'admin' }, 'pay:claim')).toBe(false)
})

test('审批的人不能发放同一笔补助 / whoever approved a claim cannot pay it', () => {
  expect(mayPayClaim({ role: 'west', userId: 7 }, 8)).toBe(true)
  expect(mayPayClaim({ role: 'west', userId: 7 }, 7)).toBe(false)
  expect(mayPayClaim({ role: 'west', userId: 7 }, null)).toBe(false)
  expect(mayPayClaim({ role: 'east', userId: 7 }, 8)).toBe(false)
})
