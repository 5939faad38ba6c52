/**
 * The dispatch table as one standalone HTML document for printing: A4 landscape, the table on the first page and
 * the attached page (附页) on the next. Used for the in-app print preview, for the browser's own print, and as the
 * source of the PDF (Chromium, or Electron's printToPDF). No scripts, no external resources: the document must
 * print the same inside a sandboxed iframe and from a file.
 *
 * Fonts follow the usual look of a government form: 黑体 for the 附件 label and column headings, 宋体 (bold) for the
 * title, 仿宋 for the rest; the free Noto CJK fonts stand in where the Windows fonts are missing (Debian, UOS, Kylin).
 */
import type { DispatchTableModel, HeaderCell } from '../domain/dispatch-table';
import { rowCells } from '../domain/dispatch-table';

const FONT_HEI = `"SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`;
const FONT_SONG = `"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const FONT_FANGSONG = `"FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`;

const STYLE = `
@page { size: A4 landscape; margin: 16mm 18mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_FANGSONG}; font-size: 14pt; line-height: 1.5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: 100%; }
.page + .page { break-before: page; page-break-before: always; }
.attachment-label { font-family: ${FONT_HEI}; font-size: 16pt; margin: 0 0 4mm; }
.title { font-family: ${FONT_SONG}; font-weight: 700; font-size: 22pt; text-align: center; margin: 0 0 8mm; letter-spacing: 0.5pt; }
.unit { font-size: 14pt; margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1pt solid #000; text-align: center; vertical-align: middle; padding: 2mm 1.5mm; }
th { font-family: ${FONT_HEI}; font-weight: 400; font-size: 13pt; line-height: 1.35; }
.figures td { font-size: 15pt; height: 18mm; }
.figures tr.total td { font-family: ${FONT_HEI}; }
.figures td.unit-name { text-align: center; }
/*
 * A province prints 13 cities + 合计 (up to 21 units + 合计 elsewhere): at 6.5mm a row, 14 rows fit one A4 landscape
 * page with the headings, note and signatures (test/db/rollup-print.test.ts); a longer table spills onto the next
 * page with the headings repeated (the thead).
 */
.figures.rollup td { height: 6.5mm; font-size: 12pt; line-height: 1.25; padding: 0.4mm 1.5mm; }
.main.rollup .attachment-label { margin-bottom: 2mm; }
.main.rollup .title { margin-bottom: 3mm; }
.main.rollup .note, .main.rollup .cutoff { margin-top: 1.5mm; }
.main.rollup .signatures { margin-top: 5mm; }
/* A sixth column leaves less room per heading: keep each heading on one line where it fits. */
.figures.rollup th { font-size: 11.5pt; padding: 1.5mm 1mm; }
.note, .cutoff { margin: 3mm 0 0; font-size: 13pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 13pt; }
.signatures span { min-width: 22%; }
.attached-title { font-family: ${FONT_HEI}; font-size: 16pt; margin: 0 0 4mm; }
.attached-heading { font-family: ${FONT_SONG}; font-weight: 700; font-size: 18pt; text-align: center; margin: 0 0 6mm; }
.attached-list td { font-size: 13pt; height: 10mm; }
.attached-list td.name { text-align: left; padding-left: 4mm; }
.empty { font-size: 13pt; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function headerRows(model: DispatchTableModel): string {
  const rows: HeaderCell[][] = Array.from({ length: model.headerRowCount }, () => []);
  for (const cell of model.header) rows[cell.row]!.push(cell);
  return rows
    .map((cells) => {
      const ths = [...cells]
        .sort((a, b) => a.col - b.col)
        .map((c) => `<th${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''} scope="${c.colSpan > 1 ? 'colgroup' : 'col'}">${escapeHtml(c.text)}</th>`)
        .join('');
      return `<tr>${ths}</tr>`;
    })
    .join('\n');
}

function bodyRows(model: DispatchTableModel): string {
  return model.rows
    .map((row) => {
      const cells = rowCells(model, row).map((text, index) => {
        const isUnit = model.variant === 'rollup' && index === 0;
        return `<td${isUnit ? ' class="unit-name"' : ''}>${escapeHtml(text)}</td>`;
      });
      return `<tr${row.isTotal ? ' class="total"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
}

function colgroup(model: DispatchTableModel): string {
  // The ※ column's heading is the longest; the unit column of a roll-up needs room for a county's name.
  const widths = model.columns.map((c) => (c.key === 'unit' ? 16 : c.key === 'nationalPlatforms' ? 24 : 18));
  const total = widths.reduce((a, b) => a + b, 0);
  return `<colgroup>${widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
}

function attachedPage(model: DispatchTableModel): string {
  const page = model.attachedPage;
  const list =
    page.rows.length === 0
      ? `<p class="empty">${escapeHtml(page.emptyText)}</p>`
      : `<table class="attached-list">
<thead><tr>${page.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${page.rows.map((cells) => `<tr>${cells.map((c, i) => `<td${i === 1 ? ' class="name"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  return `<section class="page attached" aria-label="${escapeHtml(page.title)}">
<p class="attached-title">${escapeHtml(page.title)}</p>
<h2 class="attached-heading">${escapeHtml(page.heading)}</h2>
${list}
</section>`;
}

/** A complete HTML document (UTF-8) for the model. */
export function renderTableHtml(model: DispatchTableModel): string {
  const signatures = model.signatures.map((s) => `<span>${escapeHtml(s.label)}${escapeHtml(s.value)}</span>`).join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${model.title}（${model.reportingUnit}，截止${model.cutoffText}）`)}</title>
<style>${STYLE}</style>
</head>
<body>
<section class="page main${model.variant === 'rollup' ? ' rollup' : ''}" aria-label="${escapeHtml(model.title)}">
<p class="attachment-label">${escapeHtml(model.attachmentLabel)}</p>
<h1 class="title">${escapeHtml(model.title)}</h1>
<p class="unit">${escapeHtml(model.reportingUnitLabel)}${escapeHtml(model.reportingUnit)}</p>
<table class="figures${model.variant === 'rollup' ? ' rollup' : ''}">
${colgroup(model)}
<thead>
${headerRows(model)}
</thead>
<tbody>
${bodyRows(model)}
</tbody>
</table>
<p class="note">${escapeHtml(model.note)}</p>
<p class="cutoff">${escapeHtml(model.cutoffLabel)}${escapeHtml(model.cutoffText)}</p>
<div class="signatures">${signatures}</div>
</section>
${attachedPage(model)}
</body>
</html>
`;
}
