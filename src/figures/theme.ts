/**
 * How figures look, as one stylesheet embedded in every figure. Embedding keeps a figure self-contained: it
 * themes itself wherever its markup lands (a lesson page, a test report, a standalone file). Colours come
 * from Starlight's custom properties, so figures follow its light and dark themes; the fallbacks apply
 * outside Starlight. Starlight's plain hues are bright (good strokes on its dark background) and its
 * `-high` hues are dark in the light theme, so the light theme swaps to `-high` to keep 3:1 contrast.
 *
 * The CSS avoids `<`, `>` and `&`: inside inline SVG a <style> element's text is parsed as markup.
 */
export const FIGURE_STYLE = [
  `.sdl-fig{max-width:100%;height:auto;font-family:var(--sl-font,-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif);` +
    `--fig-text:var(--sl-color-white,#1b1d22);--fig-soft:var(--sl-color-gray-2,#3b3f48);--fig-muted:var(--sl-color-gray-3,#5a5f6b);` +
    `--fig-line:var(--sl-color-gray-4,#8a8f99);--fig-grid:var(--sl-color-gray-5,#d0d3d9);--fig-bg:var(--sl-color-bg,#fff);` +
    `--fig-blue:var(--sl-color-accent,#2f4ad0);--fig-red:var(--sl-color-red,#b3164f);--fig-orange:var(--sl-color-orange,#7a5409);` +
    `--fig-green:var(--sl-color-green,#2c6b10);--fig-purple:var(--sl-color-purple,#7a14a8);` +
    `--fig-red-low:var(--sl-color-red-low,#f9d9e4);--fig-orange-low:var(--sl-color-orange-low,#fbe8c4);` +
    `--fig-green-low:var(--sl-color-green-low,#dcf5d0);--fig-gray-low:var(--sl-color-gray-6,#eceef2)}`,
  `:root[data-theme='light'] .sdl-fig{--fig-blue:var(--sl-color-accent-high);--fig-red:var(--sl-color-red-high);` +
    `--fig-orange:var(--sl-color-orange-high);--fig-green:var(--sl-color-green-high);--fig-purple:var(--sl-color-purple-high)}`,
  `.sdl-fig text{fill:var(--fig-soft);font-size:12px}`,
  `.sdl-fig .label-strong{fill:var(--fig-text);font-weight:600;font-size:13px}`,
  `.sdl-fig .axis-title{fill:var(--fig-text);font-weight:600}`,
  `.sdl-fig .label-small{font-size:11px;fill:var(--fig-muted)}`,
  // A halo in the page colour keeps labels legible where they cross lines.
  `.sdl-fig .halo{paint-order:stroke;stroke:var(--fig-bg);stroke-width:3px;stroke-linejoin:round}`,
  `.sdl-fig .axis,.sdl-fig .tick{stroke:var(--fig-line);stroke-width:1}`,
  `.sdl-fig .grid{stroke:var(--fig-grid);stroke-width:1}`,
  `.sdl-fig .lane{stroke:var(--fig-line);stroke-width:1.5}`,
  `.sdl-fig .lane-down{stroke:var(--fig-line);stroke-width:1.5;stroke-dasharray:2 4;opacity:.6}`,
  `.sdl-fig .lane-paused{stroke:var(--fig-orange);stroke-width:6;stroke-opacity:.45}`,
  `.sdl-fig .band-partition{fill:var(--fig-red-low);opacity:.75}`,
  `.sdl-fig .band-network{fill:var(--fig-orange-low);opacity:.75}`,
  `.sdl-fig .band-label-partition{fill:var(--fig-red);font-weight:600}`,
  `.sdl-fig .band-label-network{fill:var(--fig-orange);font-weight:600}`,
  `.sdl-fig .band-edge{stroke:var(--fig-red);stroke-width:1;stroke-dasharray:3 3}`,
  `.sdl-fig .msg{stroke:var(--fig-blue);stroke-width:1.3;fill:none}`,
  `.sdl-fig .msg-head{fill:var(--fig-blue)}`,
  `.sdl-fig .msg-client{stroke:var(--fig-purple)}`,
  `.sdl-fig .msg-head.msg-client{fill:var(--fig-purple);stroke:none}`,
  `.sdl-fig .msg-drop{stroke:var(--fig-red);stroke-dasharray:4 3}`,
  `.sdl-fig .drop-mark{stroke:var(--fig-red);stroke-width:2;fill:none}`,
  `.sdl-fig .mark-crash{stroke:var(--fig-red);stroke-width:2.5;fill:none}`,
  `.sdl-fig .mark-restart{fill:var(--fig-green)}`,
  `.sdl-fig .mark-pause{fill:var(--fig-orange)}`,
  `.sdl-fig .mark-local{fill:var(--fig-text)}`,
  `.sdl-fig .mark-label-crash{fill:var(--fig-red);font-weight:600}`,
  `.sdl-fig .mark-label-restart{fill:var(--fig-green);font-weight:600}`,
  `.sdl-fig .mark-label-pause{fill:var(--fig-orange);font-weight:600}`,
  `.sdl-fig .op{stroke-width:1.5}`,
  `.sdl-fig .op-ok{fill:var(--fig-green-low);stroke:var(--fig-green)}`,
  `.sdl-fig .op-fail{fill:var(--fig-red-low);stroke:var(--fig-red)}`,
  `.sdl-fig .op-unknown{fill:var(--fig-orange-low);stroke:var(--fig-orange);stroke-dasharray:4 2}`,
  `.sdl-fig .op-pending{fill:var(--fig-gray-low);stroke:var(--fig-line);stroke-dasharray:2 2}`,
  // With a highlight, everything else steps back.
  `.sdl-fig .dim{opacity:.22}`,
  `.sdl-fig .hl.msg{stroke-width:2.6}`,
  `.sdl-fig .hl-ring{fill:none;stroke:var(--fig-text);stroke-width:1.5}`,
  `.sdl-fig .series{fill:none;stroke-width:2;stroke-linejoin:round}`,
  `.sdl-fig .s0{stroke:var(--fig-blue);fill:var(--fig-blue)}`,
  `.sdl-fig .s1{stroke:var(--fig-orange);fill:var(--fig-orange)}`,
  `.sdl-fig .s2{stroke:var(--fig-green);fill:var(--fig-green)}`,
  `.sdl-fig .s3{stroke:var(--fig-purple);fill:var(--fig-purple)}`,
  `.sdl-fig .s4{stroke:var(--fig-red);fill:var(--fig-red)}`,
  `.sdl-fig .s5{stroke:var(--fig-text);fill:var(--fig-text)}`,
  `.sdl-fig .series.s0,.sdl-fig .series.s1,.sdl-fig .series.s2,.sdl-fig .series.s3,.sdl-fig .series.s4,.sdl-fig .series.s5{fill:none}`,
  `.sdl-fig .bar{stroke:none;fill-opacity:.85}`,
  `.sdl-fig .reference{stroke:var(--fig-muted);stroke-width:1.5;stroke-dasharray:6 4}`,
  `.sdl-fig .note{font-style:italic;fill:var(--fig-muted)}`,
].join('');

/**
 * Series are told apart by colour, dash pattern and marker shape together, so a reader who cannot tell the
 * colours apart (or prints in grey) still can.
 */
const SERIES_STYLES = [
  { className: 's0', dash: undefined, marker: 'circle' },
  { className: 's1', dash: '7 4', marker: 'square' },
  { className: 's2', dash: '2 3', marker: 'triangle' },
  { className: 's3', dash: '10 3 2 3', marker: 'diamond' },
  { className: 's4', dash: '4 2', marker: 'circle' },
  { className: 's5', dash: '1 4', marker: 'square' },
] as const;

export type MarkerShape = (typeof SERIES_STYLES)[number]['marker'];

export function seriesStyle(index: number): (typeof SERIES_STYLES)[number] {
  return SERIES_STYLES[index % SERIES_STYLES.length] as (typeof SERIES_STYLES)[number];
}
