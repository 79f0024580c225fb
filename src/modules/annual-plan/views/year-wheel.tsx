import { da } from '../../../platform/i18n/da';
import type { YearPlan } from '../topics';
import { wheelColors, wheelSegments, wheelSize } from '../year-plan';
import { monthName } from './shared';

const a = da.annualPlan;

/** The drawn wheel: twelve month segments with their topic counts; the list is its text twin. */
export function YearWheel(props: { plan: YearPlan }) {
  const { plan } = props;
  const counts = plan.months.map((month) => month.topics.length);
  const segments = wheelSegments(counts);
  const summary = plan.months
    .map(({ month, topics }) => `${monthName(month)} ${a.topicCount(topics.length)}`)
    .join(', ');
  const center = wheelSize.size / 2;
  return (
    <svg
      class="annual-wheel"
      viewBox={`0 0 ${wheelSize.size} ${wheelSize.size}`}
      width={wheelSize.size}
      height={wheelSize.size}
      role="img"
      aria-labelledby="aarshjul-titel aarshjul-beskrivelse"
    >
      <title id="aarshjul-titel">{a.wheelTitle(plan.organization.name, plan.year)}</title>
      <desc id="aarshjul-beskrivelse">{a.wheelDesc(summary)}</desc>
      <circle cx={center} cy={center} r={wheelSize.outer + 4} fill={wheelColors.background} />
      {segments.map((segment, index) => {
        const topics = plan.months[index]?.topics ?? [];
        return (
          <g key={segment.month} data-month={segment.month} data-count={topics.length}>
            {/* A tooltip for pointer users; the list below carries the same for everyone. */}
            <title>
              {`${monthName(segment.month)}: ${
                topics.map((topic) => topic.title).join('; ') || a.noTopics
              }`}
            </title>
            <path
              d={segment.path}
              fill={segment.fill}
              stroke={wheelColors.stroke}
              stroke-width="2"
            />
            <text
              x={segment.labelX}
              y={segment.labelY - 4}
              text-anchor="middle"
              font-size="14"
              font-weight="600"
              fill={segment.textColor}
            >
              {a.monthsShort[index]}
            </text>
            <text
              x={segment.labelX}
              y={segment.labelY + 13}
              text-anchor="middle"
              font-size="13"
              fill={segment.textColor}
            >
              {topics.length > 0 ? String(topics.length) : '–'}
            </text>
          </g>
        );
      })}
      <text
        x={center}
        y={center + 8}
        text-anchor="middle"
        font-size="24"
        font-weight="700"
        fill={wheelColors.centerText}
      >
        {String(plan.year)}
      </text>
    </svg>
  );
}
