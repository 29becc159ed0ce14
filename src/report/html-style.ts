// The html report's stylesheet, inlined in the page: system fonts only, a
// light screen theme, and a print sheet with no dark backgrounds where the
// outcome labels and the diff's -/+ marks carry the meaning without colour.
export const HTML_CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --bg: #ffffff;
  --passed: #1a7f37; --passed-bg: #dafbe1;
  --drifted: #9a6700; --drifted-bg: #fff8c5;
  --errored: #cf222e; --errored-bg: #ffebe9;
  --blocked: #8250df; --blocked-bg: #fbefff;
  --skipped: #59636e; --skipped-bg: #eef1f4;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 4rem;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif;
}
code, pre { font-family: var(--mono); font-size: 13px; }
a { color: #0969da; }
h1, h2, h3 { line-height: 1.25; }

.report-head { border: 1px solid var(--line); border-top: 6px solid var(--passed); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 2rem; }
.report-head.o-drifted { border-top-color: var(--drifted); }
.report-head.o-errored { border-top-color: var(--errored); }
.report-head.o-blocked { border-top-color: var(--blocked); }
.report-head h1 { margin: 0 0 .5rem; font-size: 1rem; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
.summary { margin: 0; font-size: 1.6rem; font-weight: 700; }
.breakdown { margin: .2rem 0 0; font-weight: 600; color: var(--errored); }
.meta { margin: .5rem 0 0; color: var(--muted); font-size: .85rem; }
.toc ol { margin: .75rem 0 0; padding-left: 1.25rem; }
.toc li { margin: .2rem 0; }

.badge {
  display: inline-block; padding: 0 .5em; border: 1px solid currentColor; border-radius: 1em;
  font: 600 11px/1.7 var(--mono); text-transform: uppercase; letter-spacing: .04em; white-space: nowrap; vertical-align: 1px;
}
.badge.o-passed { color: var(--passed); background: var(--passed-bg); }
.badge.o-drifted { color: var(--drifted); background: var(--drifted-bg); }
.badge.o-errored { color: var(--errored); background: var(--errored-bg); }
.badge.o-blocked { color: var(--blocked); background: var(--blocked-bg); }
.badge.o-skipped { color: var(--skipped); background: var(--skipped-bg); }
.counts .badge { margin-right: .35rem; }

.runbook { margin-top: 2.5rem; }
.runbook-file { font-family: var(--mono); font-size: 1.25rem; padding-bottom: .4rem; border-bottom: 1px solid var(--line); }
.runbook-file .badge { vertical-align: 3px; }
.runbook-meta { color: var(--muted); font-size: .9rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; }
.interrupted { color: var(--errored); font-weight: 600; }
.doc h1 { font-size: 1.6rem; } .doc h2 { font-size: 1.3rem; } .doc h3 { font-size: 1.1rem; }
.doc blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--line); }
.doc table { border-collapse: collapse; }
.doc :not(pre) > code:not(.cmd) { background: var(--soft); padding: .1em .35em; border-radius: 4px; }

.annotation { margin: 1rem 0 -.6rem; }
.annotation code { font-size: 12px; color: var(--muted); background: none !important; padding: 0 !important; }
.annotation code::before { content: "<!-- "; } .annotation code::after { content: " -->"; }

figure.block { margin: 1rem 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
figure.block.has-steps { border-left-width: 5px; }
figure.block.o-passed { border-left-color: var(--passed); }
figure.block.o-drifted { border-left-color: var(--drifted); }
figure.block.o-errored { border-left-color: var(--errored); }
figure.block.o-blocked { border-left-color: var(--blocked); }
figure.block.o-skipped { border-left-color: #afb8c1; }
figure.block figcaption {
  display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center;
  padding: .35rem .75rem; background: var(--soft); border-bottom: 1px solid var(--line); font-size: .8rem; color: var(--muted);
}
figcaption .where, figcaption .info { font-family: var(--mono); font-size: 12px; }
figcaption .info { margin-left: auto; }
pre.code { margin: 0; padding: .6rem 0; overflow-x: auto; background: var(--bg); }
pre.code .line { display: block; padding: 0 .75rem 0 0; white-space: pre; }
pre.code .line::before {
  content: attr(data-line); display: inline-block; width: 3.2em; margin-right: .9em; padding-right: .5em;
  text-align: right; color: #8c959f; border-right: 3px solid transparent; user-select: none;
}
pre.code .line.prompt { font-weight: 600; }
pre.code .line.prompt.o-passed::before { border-right-color: var(--passed); }
pre.code .line.prompt.o-drifted::before { border-right-color: var(--drifted); }
pre.code .line.prompt.o-errored::before { border-right-color: var(--errored); }
pre.code .line.prompt.o-blocked::before { border-right-color: var(--blocked); }
pre.code .line.prompt.o-skipped::before { border-right-color: var(--skipped); }

ol.steps { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); font-size: .85rem; }
ol.steps > li { padding: .4rem .75rem; border-top: 1px solid var(--line); }
ol.steps > li:first-child { border-top: 0; }
.step-head { display: flex; flex-wrap: wrap; gap: .2rem .7rem; align-items: baseline; }
.step-head .where { color: var(--muted); font-family: var(--mono); font-size: 12px; min-width: 4.5em; }
.step-head .target { color: var(--muted); font-size: 12px; }
.step-head .target::before { content: "on "; }
.step-head .cmd { flex: 1 1 12rem; overflow-wrap: anywhere; }
.step-head .time { color: var(--muted); font-size: 12px; margin-left: auto; white-space: nowrap; }
.reason { color: var(--muted); margin: .15rem 0 0 .25rem; }
.detail { margin-top: .35rem; }
.field { display: grid; grid-template-columns: 7.5rem 1fr; gap: .75rem; margin: .3rem 0; }
.field > .name { color: var(--muted); font-size: 12px; text-align: right; padding-top: .15rem; }
.field > .value { min-width: 0; }
.field pre { margin: 0; padding: .4rem .6rem; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.field pre.message { background: none; border: 0; padding: .1rem 0; font-family: inherit; font-size: inherit; }
.legend { color: var(--muted); font-size: 12px; margin-bottom: .2rem; }
pre.diff { padding: .3rem 0; }
pre.diff .dl { display: block; padding: 0 .6rem; white-space: pre-wrap; }
pre.diff .hunk { color: var(--muted); font-style: italic; }
pre.diff .del { background: #ffebe9; color: #82071e; }
pre.diff .add { background: #dafbe1; color: #116329; font-weight: 600; }
ul.subs { margin: 0; padding-left: 1.1rem; }
.output-of { margin: 0; padding: .4rem .75rem; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }

.bindings-title { font-size: 1rem; margin-top: 2rem; }
table.bindings { border-collapse: collapse; width: 100%; font-size: .85rem; }
table.bindings th, table.bindings td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.bindings th { color: var(--muted); font-weight: 600; border-bottom-width: 2px; }
table.bindings td code { overflow-wrap: anywhere; }
.none { color: var(--muted); font-size: .85rem; }

@media print {
  @page { margin: 16mm 14mm; }
  html, body { background: #fff !important; color: #000 !important; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: #000; text-decoration: underline; }
  * { box-shadow: none !important; text-shadow: none !important; }
  .report-head, figure.block, .field pre { border-color: #888 !important; }
  .report-head { border-top-color: #000 !important; }
  figure.block figcaption, pre.code, .field pre, .doc :not(pre) > code { background: #fff !important; }
  figure.block.has-steps { border-left-color: #000 !important; }
  figure.block.o-skipped { border-left-color: #999 !important; border-left-style: dashed !important; }
  .badge { background: #fff !important; color: #000 !important; border-color: #000 !important; }
  .badge.o-drifted, .badge.o-errored, .badge.o-blocked { font-weight: 800; border-width: 2px; }
  .breakdown, .interrupted { color: #000 !important; }
  .runbook-meta, .meta, .step-head .where, .step-head .target, .step-head .time, .field > .name, .legend, .reason, .output-of, pre.code .line::before { color: #333 !important; }
  pre.code .line.prompt::before { border-right-color: #000 !important; }
  pre.diff .dl { background: #fff !important; color: #000 !important; }
  pre.diff .del { text-decoration: none; }
  pre.diff .add { font-weight: 700; }
  pre, pre.code .line { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  .runbook { break-before: auto; }
  figure.block figcaption, .field > .name { break-after: avoid; }
  ol.steps > li, pre.diff, tr { break-inside: avoid; }
}
`;
