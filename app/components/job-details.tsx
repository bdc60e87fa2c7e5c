import type { ReactNode } from 'react'
import { JobTags, type JobCardData } from '~/components/job-card'

/** A published post as its public page shows it: the card's words and figures, and the rest of the post. */
export type JobDetailsData = Omit<JobCardData, 'id' | 'notForYourCounty'> & {
  address: string
  contractMonths: number | null
  workingHours: string | null
  ages: string | null
  requirements: string | null
  benefits: string | null
  publishedOn: string | null
  targets: string
}

/**
 * The body of a post's public page (/jobs/:id): title, salary, employer and tags, then its facts and the
 * requirements and benefits. Facts a post leaves empty (working hours, contract, ages, published date)
 * are left out rather than shown as a dash.
 */
export function JobDetails({ job }: { job: JobDetailsData }) {
  return (
    <article className="card">
      <h1 className="job-page__title">{job.title}</h1>
      <p className="job-card__salary">{job.salary}</p>
      <p className="job-page__employer">{job.employerName}</p>
      <JobTags meals={job.meals} housing={job.housing} headcount={job.headcount} />
      <dl className="facts job-page__facts">
        <dt>工作城市</dt>
        <dd>{job.cityName}</dd>
        <dt>工作地点</dt>
        <dd>{job.address}</dd>
        <dt>行业</dt>
        <dd>{job.industry}</dd>
        <OptionalFact term="工作时间" value={job.workingHours} />
        <OptionalFact term="合同期限" value={job.contractMonths ? `${job.contractMonths} 个月` : null} />
        <OptionalFact term="年龄要求" value={job.ages} />
        <dt>面向区县</dt>
        <dd>{job.targets || '—'}</dd>
        <dt>报名截止</dt>
        <dd>{job.validUntil}</dd>
        <OptionalFact term="发布日期" value={job.publishedOn} />
      </dl>
      <TextSection title="岗位要求" text={job.requirements} />
      <TextSection title="福利待遇" text={job.benefits} />
    </article>
  )
}

/** A `dt`/`dd` pair, or nothing when the value is empty. */
function OptionalFact({ term, value }: { term: string; value: ReactNode }) {
  if (!value) return null
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
}

/** A titled paragraph of the post's own words (line breaks kept), or nothing when it has none. */
function TextSection({ title, text }: { title: string; text: string | null }) {
  if (!text) return null
  return (
    <section>
      <h2>{title}</h2>
      <p className="prewrap">{text}</p>
    </section>
  )
}
