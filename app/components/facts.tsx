import { Fragment, type ReactNode } from 'react'

/** One line of a record's facts: the term and what it is; `prewrap` keeps a note's line breaks. */
export type Fact = { term: string; value: ReactNode; prewrap?: boolean }

/** A record's facts as a definition list (`dl.facts`): a `dt`/`dd` pair for each item, in the order given. */
export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="facts">
      {items.map((fact) => (
        <Fragment key={fact.term}>
          <dt>{fact.term}</dt>
          <dd className={fact.prewrap ? 'prewrap' : undefined}>{fact.value}</dd>
        </Fragment>
      ))}
    </dl>
  )
}

/** A card of facts: a `section.card` with its `h2`, the Facts, and anything after them (a note, say). */
export function FactsCard({ title, items, children }: { title: string; items: Fact[]; children?: ReactNode }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <Facts items={items} />
      {children}
    </section>
  )
}
