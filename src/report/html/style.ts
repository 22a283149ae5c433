/**
 * The report's stylesheet, as data: inlined by the HTML renderer and allowed by its SHA-256 hash in the
 * Content-Security-Policy. System fonts only (the report loads nothing). Basis colours match graph.ts.
 */
export const REPORT_CSS = `
:root {
  --ink: #1f2328; --muted: #5d6570; --line: #d9dde3; --paper: #ffffff; --wash: #f5f6f8;
  --own: #4a5d75; --named: #1d7a55; --anon: #c0392b; --unnamed: #b26a00; --hedge: #a33c8f;
  --cue: #5b3fa0; --tech: #d97706; --focus: #1a56db;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "DejaVu Serif", serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink); font: 15px/1.5 var(--sans); }
a { color: var(--focus); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.top { background: var(--paper); border-bottom: 1px solid var(--line); }
.wrap { max-width: 1000px; margin: 0 auto; padding: 0 20px; }
.top .wrap { padding-top: 22px; padding-bottom: 18px; }
.kicker { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.kicker b { color: var(--ink); letter-spacing: .04em; }
h1 { font: 600 26px/1.25 var(--serif); margin: 6px 0 6px; }
.meta { margin: 0; color: var(--muted); }
.summary { margin: 12px 0 0; font-size: 15px; }
.summary .n { font-weight: 700; }
nav.toc { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); }
nav.toc ul { list-style: none; margin: 0 auto; padding: 0 14px; max-width: 1000px; display: flex; gap: 4px; overflow-x: auto; }
nav.toc a { display: block; padding: 9px 8px; text-decoration: none; color: var(--muted); font-size: 13px; font-weight: 600; white-space: nowrap; }
nav.toc a:hover { color: var(--ink); }
main { padding: 8px 0 40px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 18px 20px; }
h2 { font-size: 18px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
.lede { margin: 0 0 12px; color: var(--muted); font-size: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 8px 0 12px; padding: 0; border: 0; font-size: 13px; color: var(--muted); }
.legend legend { padding: 0; margin-bottom: 4px; font-weight: 600; color: var(--ink); }
.legend label, .legend span.item { display: inline-flex; align-items: center; gap: 6px; }
.sw { display: inline-block; min-width: 30px; height: 14px; border-radius: 3px; vertical-align: -2px; }
.sw.line { height: 0; border-top: 3px solid; border-radius: 0; }
.sw.line.dashed { border-top-style: dashed; }
.sw.b-own-voice { background: #e1e6ee; border-color: var(--own); }
.sw.b-named { background: #d3eee2; border-color: var(--named); }
.sw.b-anonymous { background: #f8d9d5; border-color: var(--anon); }
.sw.b-unnamed { background: #fbe7c6; border-color: var(--unnamed); }
.sw.line { background: none; }
.sw.k-content { background: #e8f0fb; }
.sw.k-cue { background: none; border-bottom: 2px solid var(--cue); border-radius: 0; height: 10px; }
.sw.k-hedge { background: none; border-bottom: 2px dotted var(--hedge); border-radius: 0; height: 10px; }
.sw.k-technique { background: none; border-bottom: 3px double var(--tech); border-radius: 0; height: 10px; }
.sw.k-entity { background: none; border-bottom: 1px dashed #6b7280; border-radius: 0; height: 10px; }
.sw.t-state { background: #dbe7f3; border: 1px solid #3b5b7f; }
.sw.t-organization { background: #ebe3f5; border: 1px solid #5e4a86; border-radius: 0; }
.sw.t-armed_group { background: #f7dcd7; border: 1px solid #9b2f22; }
.sw.t-person { background: #fbefcf; border: 1px solid #8a6a12; border-radius: 7px; }
.sw.t-place { background: #dcefdc; border: 1px solid #3d7040; }
.sw.t-other { background: #eeeeee; border: 1px solid #666666; border-radius: 7px; }

.chart { width: 100%; max-width: 480px; height: auto; display: block; }
.profile-grid { display: grid; grid-template-columns: minmax(0, 460px) minmax(0, 1fr); gap: 8px 40px; align-items: start; }
.profile-grid h3:first-child { margin-top: 0; }
ul.origins { list-style: none; margin: 6px 0 0; padding: 0; }
ul.origins li { margin: 4px 0; }
ul.origins .sw { min-width: 14px; }
.muted { color: var(--muted); font-size: 13px; }
.chart text { font: 13px var(--sans); fill: var(--ink); }
.chart .count { font-weight: 700; }
.chart .track { fill: #eef0f3; }

.graph { overflow-x: auto; margin: 6px -4px 0; padding: 4px; }
.graph svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
/* Graphviz sized the labels with Helvetica metrics: draw them in Helvetica or a metric-compatible face. */
.graph svg text { font-family: Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif; }
.graph g[data-f] { cursor: help; }
.graph g[data-f]:focus { outline: none; }
.graph g[data-f]:focus-visible > path, .graph g[data-f]:focus-visible > polygon, .graph g[data-f]:focus-visible > ellipse,
.graph g[data-f].active > path, .graph g[data-f].active > polygon, .graph g[data-f].active > ellipse { stroke-width: 3.5; }
.graph g.active text, .graph g[data-f]:focus-visible text { font-weight: 700; }
.empty { color: var(--muted); font-style: italic; margin: 8px 0; }

.article-text { font: 17px/1.7 var(--serif); white-space: pre-wrap; overflow-wrap: break-word; max-width: 68ch; margin: 0; }
.article-text .r-headline { font-weight: 700; font-size: 1.15em; }
.article-text .r-byline, .article-text .r-dateline { color: var(--muted); }
.article-text .r-furniture { color: #6b7280; font-size: .9em; }
mark { background: none; color: inherit; border-radius: 2px; cursor: help; }
mark.k-content { background: #e8f0fb; }
mark.k-content.stance { background: #f1f1f4; }
mark.k-source { font-weight: 600; padding: 0 1px; }
mark.k-source.b-own-voice { background: #e1e6ee; }
mark.k-source.b-named { background: #d3eee2; }
mark.k-source.b-anonymous { background: #f8d9d5; }
mark.k-source.b-unnamed { background: #fbe7c6; }
mark.k-cue { color: #3d2a7a; text-decoration: underline 2px var(--cue); text-underline-offset: 3px; }
mark.k-hedge { text-decoration: underline dotted 2px var(--hedge); text-underline-offset: 4px; color: #7a1f68; font-style: italic; }
mark.k-technique { border-bottom: 3px double var(--tech); }
mark.k-entity { box-shadow: inset 0 -1px 0 #6b7280; }
mark.active, mark:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
mark:focus { outline: 2px solid var(--focus); }
.hide-content mark.k-content, .hide-source mark.k-source, .hide-cue mark.k-cue, .hide-hedge mark.k-hedge,
.hide-technique mark.k-technique, .hide-entity mark.k-entity {
  background: none; text-decoration: none; border-bottom: 0; box-shadow: none; font-weight: inherit; font-style: inherit; color: inherit;
}
a.claim-no { display: inline-block; font: 700 10px/16px var(--sans); min-width: 16px; height: 16px; padding: 0 3px; margin: 0 3px 0 0; border-radius: 8px; background: var(--ink); color: #fff; text-align: center; text-decoration: none; vertical-align: 3px; }
a.claim-no.b-named { background: var(--named); }
a.claim-no.b-anonymous { background: var(--anon); }
a.claim-no.b-unnamed { background: var(--unnamed); }
a.claim-no.b-own-voice { background: var(--own); }

ol.claims { list-style: none; margin: 0; padding: 0; }
li.claim { border-left: 4px solid var(--own); padding: 10px 0 10px 14px; margin: 0 0 12px; }
li.claim.b-named { border-left-color: var(--named); }
li.claim.b-anonymous { border-left-color: var(--anon); }
li.claim.b-unnamed { border-left-color: var(--unnamed); }
li.claim:target { background: #fffbe6; }
.claim-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; font-size: 13px; color: var(--muted); }
.claim-head .no { font-weight: 700; color: var(--ink); }
.claim-head .cw { font-variant-numeric: tabular-nums; }
.claim-head .basis { font-weight: 600; }
.claim-head .basis.b-named { color: var(--named); }
.claim-head .basis.b-anonymous { color: var(--anon); }
.claim-head .basis.b-unnamed { color: var(--unnamed); }
.claim-head .basis.b-own-voice { color: var(--own); }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; font-size: 12px; }
.tag.hedge { border-color: var(--hedge); color: #7a1f68; }
.tag.technique { border-color: var(--tech); color: #8a4b00; }
.claim-text { margin: 6px 0 8px; font: 16px/1.55 var(--serif); }
.claim-text .hedge-word { text-decoration: underline dotted 2px var(--hedge); text-underline-offset: 4px; color: #7a1f68; font-style: italic; }
details.table-details { margin: 10px 0 0; font-size: 14px; }
details.table-details summary { cursor: pointer; font-weight: 600; color: var(--muted); }
details.table-details .sw.line { min-width: 18px; vertical-align: middle; }
ol.chain { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 0; margin: 0; padding: 0; }
ol.chain li { display: inline-flex; align-items: center; }
ol.chain li + li::before { content: ""; width: 26px; height: 2px; background: #9aa1a9; margin: 0 0 0 2px; }
ol.chain li + li .hop { position: relative; margin-left: 8px; }
ol.chain li + li .hop::before { content: ""; position: absolute; left: -9px; top: 50%; margin-top: -5px; border: 5px solid transparent; border-left: 7px solid #9aa1a9; border-right: 0; }
.hop { display: inline-flex; flex-direction: column; border: 1.5px solid var(--own); background: #eef1f5; border-radius: 6px; padding: 2px 9px; font-size: 13px; line-height: 1.3; }
.hop small { font-size: 10.5px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.hop.b-named { border-color: var(--named); background: #e6f4ed; }
.hop.b-anonymous { border-color: var(--anon); background: #fbe9e7; border-style: dashed; }
.hop.b-unnamed { border-color: var(--unnamed); background: #fdf1dd; }
.rels { margin: 8px 0 0; padding: 0; list-style: none; font-size: 13px; }
.rels li { margin: 2px 0; }
.pred { font-weight: 700; }

table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.table-wrap { overflow-x: auto; }

details.all summary { cursor: pointer; font-weight: 600; }
.fd { border-top: 1px solid var(--line); padding: 8px 0; }
.fd-kind { margin: 0; font: 700 11px/1.4 var(--sans); text-transform: uppercase; letter-spacing: .07em; color: var(--muted); }
.fd-main { margin: 2px 0 4px; font-weight: 600; }
.fd dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
.fd dt { color: var(--muted); }
.fd dd { margin: 0; overflow-wrap: anywhere; }
#tip { position: fixed; z-index: 20; max-width: min(420px, calc(100vw - 16px)); max-height: 60vh; overflow: auto; background: #fff; border: 1px solid #b9c0c8; border-radius: 8px; box-shadow: 0 8px 28px rgba(20,30,40,.18); padding: 4px 12px; font-size: 14px; }
#tip .fd:first-child { border-top: 0; }
#tip[hidden] { display: none; }
footer { color: var(--muted); font-size: 12px; padding: 0 0 30px; }

@media (max-width: 640px) {
  body { font-size: 14px; }
  .wrap { padding: 0 12px; }
  h1 { font-size: 21px; }
  section { padding: 14px 12px; margin: 12px 0; border-radius: 6px; }
  .article-text { font-size: 16px; }
  .profile-grid { grid-template-columns: minmax(0, 1fr); }
  .profile-grid h3:first-child { margin-top: 16px; }
  .graph svg { min-width: 680px; }
  #tip { left: 8px !important; right: 8px; top: auto !important; bottom: 8px; max-width: none; max-height: 45vh; }
}
@media print {
  nav.toc, #tip { display: none; }
  body { background: #fff; }
  section { border: 0; }
}
`;
