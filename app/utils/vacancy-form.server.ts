import { parseWithZod } from '@conform-to/zod/v4'
import { checkValidUntil, parsePoint, VacancySchema, type VacancyValues } from '~/rules/vacancy'

export type VacancyFormContext = {
  /** The counties paired with the bureau's city: the only counties a post may target. */
  counties: { code: string }[]
  /** The city's centre, used when the form carries no map point (a browser without JavaScript). */
  city: { lat: number; lng: number }
}

/**
 * Parses the posting form (new and edit share it) with VacancySchema, then the rules that need the
 * bureau: target counties among its pairs (at least one), valid-until from today, and the map point —
 * the picked one, or the city's centre when none was picked. The employer is checked by the model.
 * Takes the form data and the bureau's form context (getVacancyFormContext in models/vacancy-form.server.ts);
 * returns conform's submission and, when everything holds, the values the model stores.
 */
export function parseVacancyForm(formData: FormData, { counties, city }: VacancyFormContext) {
  const allowed = new Set(counties.map((c) => c.code))
  const submission = parseWithZod(formData, {
    schema: VacancySchema.superRefine((v, ctx) => {
      const targets = v.targets ?? []
      if (targets.length === 0) ctx.addIssue({ code: 'custom', path: ['targets'], message: '请至少选择一个对口区县' })
      else if (targets.some((t) => !allowed.has(t))) ctx.addIssue({ code: 'custom', path: ['targets'], message: '只能选择本市的对口区县' })
      const dateProblem = v.validUntil ? checkValidUntil(v.validUntil) : null
      if (dateProblem) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: dateProblem })
      const typed = (v.lat ?? '').trim() !== '' || (v.lng ?? '').trim() !== ''
      if (typed && !parsePoint(v.lat, v.lng)) ctx.addIssue({ code: 'custom', path: ['lat'], message: '地图位置无效，请在地图上重新选择' })
    }),
  })
  if (submission.status !== 'success') return { submission, values: null }
  const v = submission.value
  const point = parsePoint(v.lat, v.lng) ?? city
  // Required fields are never null once the schema has passed; the checks keep TypeScript honest.
  if (
    v.employerId == null ||
    v.title == null ||
    v.headcount == null ||
    v.salaryMin == null ||
    v.salaryMax == null ||
    v.address == null ||
    v.contactName == null
  ) {
    return { submission, values: null }
  }
  const values: VacancyValues = {
    ...v,
    employerId: v.employerId,
    title: v.title,
    headcount: v.headcount,
    salaryMin: v.salaryMin,
    salaryMax: v.salaryMax,
    address: v.address,
    contactName: v.contactName,
    lat: point.lat,
    lng: point.lng,
    targets: [...new Set(v.targets ?? [])],
  }
  return { submission, values }
}
