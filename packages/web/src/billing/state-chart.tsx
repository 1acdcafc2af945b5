/** Claims by state as a small bar chart (plain SVG), with the clean-claim rate. */
import { CLAIM_STATES, type ClaimSummary } from '../api/claim-types.ts';
import { percent, STATE_LABEL } from '../components/billing-format.ts';

const W = 320;
const BAR_H = 16;
const GAP = 5;
const LABEL_W = 96;

export function StateChart({ summary }: { summary: ClaimSummary }) {
  const max = Math.max(1, ...CLAIM_STATES.map((s) => summary.counts[s] ?? 0));
  const h = CLAIM_STATES.length * (BAR_H + GAP);
  const room = W - LABEL_W - 40;
  return (
    <figure className="state-chart">
      <svg viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-labelledby="state-chart-title">
        <title id="state-chart-title">
          Claims by state: {CLAIM_STATES.map((s) => `${STATE_LABEL[s]} ${summary.counts[s] ?? 0}`).join(', ')}
        </title>
        {CLAIM_STATES.map((s, i) => {
          const n = summary.counts[s] ?? 0;
          const y = i * (BAR_H + GAP);
          const w = n ? Math.max(2, (n / max) * room) : 0;
          return (
            <g key={s} className={`bar bar-${s}`}>
              <text x={LABEL_W - 6} y={y + BAR_H - 4} textAnchor="end" className="bar-label">
                {STATE_LABEL[s]}
              </text>
              <rect x={LABEL_W} y={y} width={w} height={BAR_H} rx={2} />
              <text x={LABEL_W + w + 4} y={y + BAR_H - 4} className="bar-value">
                {n}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="kpi" data-testid="clean-claim-rate">
          {percent(summary.cleanClaimRate)}
        </span>{' '}
        clean-claim rate
        <span className="muted">
          {' '}
          ({summary.cleanAtFirstScrub} of {summary.scrubbed} clean at first scrub; goal ≥ 95%)
        </span>
      </figcaption>
    </figure>
  );
}
