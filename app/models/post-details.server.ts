import type { vacancies } from '../../db/schema'
import { formatDate } from '~/rules/dates'
import { postAgeRange } from '~/rules/recommend'
import { formatSalaryRange, INDUSTRY_LABELS } from '~/rules/vacancy'
import type { getPublicVacancy } from './vacancy-board.server'

// A post's details as the pages that show it read them (the public page, the county's pages, the bureau's
// own page): one place for how the industry, the salary and the ages are put into words.

/** A post that is not a draft, with its employer, city and targets (vacancy-board.server.ts getPublicVacancy). */
export type PublicPost = NonNullable<ReturnType<typeof getPublicVacancy>>

/**
 * What every page of a post shows the same way: id, title, employer, industry (its label), salary (yuan,
 * formatSalaryRange from the stored fen), headcount, address, requirements, benefits and the valid-until day.
 */
export function postBasics(v: typeof vacancies.$inferSelect, employerName: string) {
  return {
    id: v.id,
    title: v.title,
    employerName,
    industry: INDUSTRY_LABELS[v.industry] ?? v.industry,
    salary: formatSalaryRange(v.salaryMinFen, v.salaryMaxFen),
    headcount: v.headcount,
    address: v.address,
    requirements: v.requirements,
    benefits: v.benefits,
    validUntil: v.validUntil,
  }
}

/**
 * The post as JobDetails shows it (components/job-details.tsx JobDetailsData, with its id): the basics, the
 * city, meals and housing, contract months, working hours, the age range (postAgeRange; null when open),
 * the published day (Shanghai date, null when never published) and the target counties' names joined by 、.
 * The recruitment contact is not in it: each page decides who may see it.
 */
export function postDetails(post: PublicPost) {
  const v = post.vacancy
  return {
    ...postBasics(v, post.employerName),
    cityName: post.cityName,
    meals: v.providesMeals,
    housing: v.providesHousing,
    contractMonths: v.contractMonths,
    workingHours: v.workingHours,
    ages: postAgeRange(v),
    publishedOn: v.publishedAt ? formatDate(v.publishedAt) : null,
    targets: post.targets.map((t) => t.name).join('、'),
  }
}
