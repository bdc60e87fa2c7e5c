import { requiredText, usccField } from './fields'
import { VacancySchema } from './vacancy'
import { z } from './zod'

/** An employer. Industry and phone follow the posting form's rules; the code is checked against GB 32100. */
export const EmployerSchema = z.object({
  name: requiredText('单位名称', 60),
  uscc: usccField,
  industry: VacancySchema.shape.industry,
  address: requiredText('单位地址', 100),
  contactName: requiredText('联系人', 20),
  contactPhone: VacancySchema.shape.contactPhone,
})
