import type { ReactNode } from 'react'

export type FigureItem = { label: string; value: ReactNode; hint?: ReactNode }

export function Figures({ items, label }: { items: FigureItem[]; label: string }) {
  return (
    <ul className="figures" aria-label={label}>
      {items.map((item) => (
        <li key={item.label} className="figure">
          <div className="figure__label">{item.label}</div>
          <div className="figure__value">{item.value}</div>
          {item.hint ? <div className="figure__hint">{item.hint}</div> : null}
        </li>
      ))}
    </ul>
  )
}
