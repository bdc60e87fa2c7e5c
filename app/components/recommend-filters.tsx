import { postAgeFilter, postAgeRange } from '~/rules/recommend'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { FilterActions, FilterForm, FilterSearch, FilterSelect } from './list-filters'

/** The recommend page's filter values as the loader hands them back (rules in utils/recommend-filters.server.ts). */
export type RecommendFilterFormValues = {
  q: string
  township: string | null
  employmentStatus: string | null
  employmentNeed: string | null
  skill: string | null
  skillLevel: string | null
  ageFrom: number | null
  ageTo: number | null
  /** The user cleared the age range (no age filter, not even the post's). */
  allAges: boolean
}

/**
 * The recommend page's filter form (/west/jobs/:jobId/recommend), posted with intent `search` so a typed
 * phone or ID tail stays out of the URL: person, skill, skill level, age range, township, 就业状态 and
 * 就业需求. The age range starts as the post's own (the loader fills it) and says so; clearing both ages
 * and querying lists every age, and 清除条件 clears it too. Takes the post, the values, the county's
 * townships and whether a filter is set.
 */
export function RecommendFilters({
  post,
  filters: f,
  townships,
  filtered,
}: {
  post: { id: number; ageMin: number | null; ageMax: number | null }
  filters: RecommendFilterFormValues
  townships: { code: string; name: string }[]
  filtered: boolean
}) {
  const postRange = postAgeRange(post)
  const fromPost = postAgeFilter(post)
  const prefilled = postRange != null && f.ageFrom === fromPost.ageFrom && f.ageTo === fromPost.ageTo
  return (
    <FilterForm method="post" values={f} className="filters--recommend">
      <input type="hidden" name="intent" value="search" />
      <FilterSearch label="查找人员" value={f.q} placeholder="姓名、身份证后几位或手机号" />
      <FilterSearch name="skill" label="技能" value={f.skill ?? ''} placeholder="如：电焊、叉车、缝纫" maxLength={20} />
      <FilterSelect name="skillLevel" label="技能等级" labels={SKILL_LEVEL_LABELS} value={f.skillLevel} />
      <div className="field">
        <span className="field__label" id="age-label">
          年龄（周岁）
        </span>
        <div className="age-range" role="group" aria-labelledby="age-label">
          <input
            name="ageFrom"
            type="number"
            min={16}
            max={65}
            inputMode="numeric"
            defaultValue={f.ageFrom ?? ''}
            placeholder={String(post.ageMin ?? 16)}
            aria-label="最小年龄"
          />
          <span aria-hidden="true">–</span>
          <input
            name="ageTo"
            type="number"
            min={16}
            max={65}
            inputMode="numeric"
            defaultValue={f.ageTo ?? ''}
            placeholder={String(post.ageMax ?? 65)}
            aria-label="最大年龄"
          />
        </div>
      </div>
      <FilterSelect name="township" label="乡镇（街道）" labels={townships} value={f.township} />
      <FilterSelect name="employmentStatus" label="就业状态" labels={EMPLOYMENT_STATUS_LABELS} value={f.employmentStatus} />
      <FilterSelect name="employmentNeed" label="就业需求" labels={EMPLOYMENT_NEED_LABELS} value={f.employmentNeed} />
      <FilterActions filtered={filtered} clearTo={`/west/jobs/${post.id}/recommend${postRange ? '?ages=all' : ''}`} secondary intent="search">
        {prefilled ? <span className="muted small">年龄已按岗位要求（{postRange}）预填，清空年龄再查询可列出所有年龄。</span> : null}
      </FilterActions>
    </FilterForm>
  )
}
