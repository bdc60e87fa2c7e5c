import { parseIdNumber } from './id-number'
import { RegistryRowSchema } from './registry'
import { z } from './zod'

// The working-age rule (16–65 周岁, rules/id-number.ts parseLabourerIdNumber) is for taking a person into
// the ledger and for recommending them to a post. A row already in the ledger stays someone the county
// keeps: a person who has turned 66 can still be corrected and then archived (超龄退出), so the edit form
// checks the ID number without the age (issue 11 §2).

const anyAgeIdNumber = z.string({ error: () => '请填写身份证号码' }).transform((raw, ctx) => {
  const result = parseIdNumber(raw)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  }
  return result.value
})

/** The ledger edit form: RegistryRowSchema with the ID number checked for validity only, at any age. */
export const RegistryEditSchema = RegistryRowSchema.extend({ idNumber: anyAgeIdNumber })
