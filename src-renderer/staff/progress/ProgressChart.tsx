import type { Progress } from '../../../src-shared/staff-api';
import { formatCount } from '../shared/format';
import { tickStep } from './chart-scale';

const WIDTH = 800;
const HEIGHT = 300;
const PAD = { left: 64, right: 24, top: 16, bottom: 40 };

/**
 * Registered person-times at each period's cutoff against the target, as plain SVG: a handful of points
 * needs no chart library, and nothing here runs script or loads anything the CSP would have to allow.
 */
export function ProgressChart({ series, target }: { series: Progress['series']; target: number }) {
  const top = Math.max(target, ...series.map((p) => p.registered)) * 1.05;
  const step = tickStep(top);
  const yMax = Math.ceil(top / step) * step;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (series.length <= 1 ? plotW / 2 : (i * plotW) / (series.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const ticks = Array.from({ length: Math.floor(yMax / step) + 1 }, (_, i) => i * step);
  const labelEvery = Math.max(1, Math.ceil(series.length / 8));
  const last = series.at(-1);
  const summary = last ? `截至 ${last.cutoffDate} 累计实名注册 ${formatCount(last.registered)} 人次，目标 ${formatCount(target)} 人次` : '还没有期次';
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`培训进度折线图：${summary}`} data-testid="progress-chart" style={{ maxWidth: WIDTH, fontSize: 12 }}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#f0f0f0" />
          <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" fill="#8c8c8c">
            {formatCount(t)}
          </text>
        </g>
      ))}
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target)} y2={y(target)} stroke="#cf1322" strokeDasharray="6 4" />
      <text x={WIDTH - PAD.right} y={y(target) - 6} textAnchor="end" fill="#cf1322">
        目标 {formatCount(target)} 人次
      </text>
      <polyline fill="none" stroke="#1f5fa8" strokeWidth={2} points={series.map((p, i) => `${x(i)},${y(p.registered)}`).join(' ')} />
      {series.map((p, i) => (
        <g key={p.cutoffDate}>
          <circle cx={x(i)} cy={y(p.registered)} r={4} fill="#1f5fa8">
            <title>{`第 ${p.seq} 期（截至 ${p.cutoffDate}）：${formatCount(p.registered)} 人次，完成 ${(p.share * 100).toFixed(1)}%`}</title>
          </circle>
          {i % labelEvery === 0 && (
            <text x={x(i)} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" fill="#595959">
              {p.cutoffDate.slice(5)}
            </text>
          )}
        </g>
      ))}
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#bfbfbf" />
      <text x={PAD.left + plotW / 2} y={HEIGHT - 4} textAnchor="middle" fill="#8c8c8c">
        各期截止日期
      </text>
    </svg>
  );
}
