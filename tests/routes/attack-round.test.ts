import { expect, test } from 'vitest'
import { listLedgerRowsWithoutAccount } from '~/models/account.server'
import { countEmployersForBureau, listEmployersForBureau } from '~/models/employer.server'
import { optionalText, requiredText } from '~/rules/fields'
import { createLedgerWorker, createTestEmployer } from '../factories'
import { actorFor } from '../lookups'

// What an attacker tried after issue 9 was built: searches made only of LIKE wildcards, and required text
// made only of invisible characters. Each input failed before its fix.

test.each(['%', '_', '\\', '%_%', ' % '])('只有通配符的搜索什么也找不到 / a search of only wildcards (%j) finds nothing, not everything', (q) => {
  createTestEmployer('weifang')
  createLedgerWorker('kaizhou')
  const bureau = actorFor('weifang')
  // The search itself works: the employer just made is found by its name.
  expect(countEmployersForBureau(bureau, { q: '测试用人单位' })).toBeGreaterThan(0)
  expect(countEmployersForBureau(bureau, { q })).toBe(0)
  expect(listEmployersForBureau(bureau, { q }, { limit: 20, offset: 0 })).toEqual([])
  expect(listLedgerRowsWithoutAccount(actorFor('kaizhou'), q)).toEqual([])
})

test.each(['\u3000 \u200b', '\u202e', '\u200b\u200d\ufeff', '\u2060 \u00ad'])(
  '只有不可见字符的必填文字算没填 / required text of only invisible characters (%j) is blank',
  (raw) => {
    expect(requiredText('原因', 200).safeParse(raw).success).toBe(false)
    expect(optionalText('原因', 200, { required: true }).safeParse(raw).success).toBe(false)
    expect(optionalText('备注', 200).parse(raw)).toBeNull()
    // Inside a value the invisible characters go; spaces stay where they were typed.
    expect(requiredText('单位名称', 50).parse(`潍坊${raw}测试有限公司`)).toBe(`潍坊${raw.replace(/[^ \u3000]/gu, '')}测试有限公司`)
  },
)
