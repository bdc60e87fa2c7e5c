import { Link } from '@remix-run/react'
import { formatSalaryRange, INDUSTRY_LABELS } from '~/rules/vacancy-labels'

/**
 * What every list and page of a published post shows first, ready to print: the industry's label, the
 * salary range in yuan, board and lodging, how many are wanted and the last day to apply.
 */
export type PostSummary = {
  title: string
  employerName: string
  cityName: string
  industry: string
  salary: string
  meals: boolean
  housing: boolean
  headcount: number
  validUntil: string
}

/** One card of the board: the post's summary, its id for the link, and whether it is closed to the reader. */
export type JobCardData = PostSummary & {
  id: number
  /** Signed-in worker only: the post does not take people from their county. */
  notForYourCounty: boolean
}

/** A published post's row as the board reads it: money in fen, the industry as its code. */
export type PublicPostRow = {
  id: number
  title: string
  employerName: string
  cityName: string
  industry: keyof typeof INDUSTRY_LABELS
  salaryMinFen: number
  salaryMaxFen: number
  providesMeals: boolean
  providesHousing: boolean
  headcount: number
  validUntil: string
}

/**
 * What a list of posts shows of one post (the public board's cards, the county's 对口岗位): the row's
 * words and figures ready to print — the industry's label, the salary range in yuan. Takes the board's row.
 */
export function jobCardFields(r: PublicPostRow): Omit<JobCardData, 'notForYourCounty'> {
  const { id, title, employerName, cityName, headcount, validUntil } = r
  const industry = INDUSTRY_LABELS[r.industry] ?? r.industry
  return {
    id,
    title,
    employerName,
    cityName,
    headcount,
    validUntil,
    industry,
    salary: formatSalaryRange(r.salaryMinFen, r.salaryMaxFen),
    meals: r.providesMeals,
    housing: r.providesHousing,
  }
}

/** Board tags: what a worker weighs first after the pay — board, lodging, how many are wanted. */
export function JobTags({ meals, housing, headcount }: { meals: boolean; housing: boolean; headcount: number }) {
  return (
    <ul className="job-tags" aria-label="待遇">
      {/* "Not provided" is said outright: where to sleep decides whether a worker can go at all. */}
      <li className={meals ? 'job-tag job-tag--yes' : 'job-tag job-tag--no'}>{meals ? '包吃' : '不包吃'}</li>
      <li className={housing ? 'job-tag job-tag--yes' : 'job-tag job-tag--no'}>{housing ? '包住' : '不包住'}</li>
      <li className="job-tag">招 {headcount} 人</li>
    </ul>
  )
}

/**
 * One post in the board's list; the salary is the largest line. The whole card opens the post: its one
 * link is the title (the link's name), stretched over the card by CSS (.job-card__link), so a tap anywhere
 * on the card follows it, with or without JavaScript. Nothing else in the card may be interactive.
 */
export function JobCard({ job }: { job: JobCardData }) {
  return (
    <li className="job-card">
      <h2 className="job-card__title">
        <Link to={`/jobs/${job.id}`} className="job-card__link">
          {job.title}
        </Link>
      </h2>
      <p className="job-card__salary">{job.salary}</p>
      <p className="job-card__employer">{job.employerName}</p>
      <p className="job-card__place muted small">
        {job.cityName} · {job.industry}
      </p>
      <JobTags meals={job.meals} housing={job.housing} headcount={job.headcount} />
      <p className="job-card__until muted small">
        报名截止 {job.validUntil}
        {job.notForYourCounty ? <span className="badge badge--off job-card__not-yours">不面向您的区县</span> : null}
      </p>
    </li>
  )
}
