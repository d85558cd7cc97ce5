/** The report's inline stylesheet. */
export const REPORT_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-top:1px solid #ddd;padding-top:12px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.plots{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.chart{background:#fafafa;border:1px solid #eee}.chart .title{font-weight:600;font-size:12px}
.chart .tick,.chart .label,.chart .value,.chart .na{font-size:11px;fill:#444}
.bar{fill:#4a7bd0}.ci{stroke:#111;stroke-width:1.5;fill:none}.grid{stroke:#e4e4e4}.axis{stroke:#999}
.bin{fill:#6aa56a}.frame{fill:none;stroke:#ccc}.diagonal{stroke:#bbb;stroke-dasharray:4 3}
.reliability{fill:none;stroke:#d0704a;stroke-width:1.5}.cal-point{fill:#d0704a;fill-opacity:.8}
.images{display:flex;gap:4px}figure{margin:0;text-align:center}figure img{max-width:128px;max-height:128px;display:block}
figcaption{font-size:11px;color:#555}.na{color:#888}
.confusion td{text-align:right}.confusion td.hit{background:#e3f1e3;font-weight:600}.confusion caption{font-size:12px;text-align:left}
`;
