// The background's dot pattern while a gesture moves the view (./viewport-mover.ts).
//
// Redrawing the pattern (new x/y attributes) repaints the whole canvas-sized SVG every frame: in software
// raster, with the rest of a frame's work, that alone took a pan or an auto-pan over a frame. The dots
// repeat every `size` pixels, so a view that only moves needs the drawn pattern shifted by the move
// modulo `size`: the SVG becomes its own composited layer, one `size` larger up and left, and moves by a
// CSS transform. A zoom changes `size`, and the pattern is redrawn as React Flow's <Background> would draw
// it (the same attribute strings, so its next render changes nothing).
import { dotPattern, type Viewport } from './viewport-math.js';

export interface BackgroundDots {
  /** Shows the dots for `view`: shifted when only the position changed, redrawn when the zoom did. */
  show(view: Viewport): void;
  /** Draws the pattern for `view`, unshifted: React Flow is about to render that view. */
  redraw(view: Viewport): void;
  /** The gesture ended at `view`: drawn for it, and the SVG back to its own size and layer. */
  settle(view: Viewport): void;
}

const mod = (value: number, period: number): number => ((value % period) + period) % period;

export function createBackgroundDots(root: HTMLElement, gap: number): BackgroundDots {
  /** The `size` the SVG was enlarged by, while it is. */
  let lifted: number | undefined;

  let found: { svg: SVGSVGElement | null; pattern: SVGPatternElement | null } = { svg: null, pattern: null };
  // Looked up again only when React has replaced them: a query over a big flow's DOM every frame adds up.
  const elements = () => {
    if (!found.svg?.isConnected || !found.pattern?.isConnected) {
      const svg = root.querySelector<SVGSVGElement>('.react-flow__background');
      found = { svg, pattern: svg?.querySelector<SVGPatternElement>('pattern') ?? null };
    }
    return found;
  };
  const lift = (svg: SVGSVGElement, size: number): void => {
    if (lifted === size) return;
    lifted = size;
    Object.assign(svg.style, { left: `${-size}px`, top: `${-size}px`, width: `calc(100% + ${size}px)`, height: `calc(100% + ${size}px)`, willChange: 'transform' });
  };
  const drop = (svg: SVGSVGElement): void => {
    if (lifted === undefined) return;
    lifted = undefined;
    for (const name of ['left', 'top', 'width', 'height', 'will-change', 'transform']) svg.style.removeProperty(name);
  };
  const draw = (pattern: SVGPatternElement, view: Viewport): void => {
    const dots = dotPattern(view, gap);
    pattern.setAttribute('x', String(dots.x));
    pattern.setAttribute('y', String(dots.y));
    pattern.setAttribute('width', String(dots.size));
    pattern.setAttribute('height', String(dots.size));
    pattern.setAttribute('patternTransform', `translate(-${dots.offset},-${dots.offset})`);
    const circle = pattern.querySelector('circle');
    if (circle) for (const name of ['cx', 'cy', 'r']) circle.setAttribute(name, String(dots.radius));
  };

  const redraw = (view: Viewport): void => {
    const { svg, pattern } = elements();
    if (!pattern) return;
    draw(pattern, view);
    // Drawn for the view now: no shift (the lift is one period, which leaves the dots where they are).
    if (svg && lifted !== undefined) svg.style.transform = '';
  };

  return {
    show(view) {
      const { svg, pattern } = elements();
      if (!svg || !pattern) return;
      const dots = dotPattern(view, gap);
      if (Math.abs(Number(pattern.getAttribute('width')) - dots.size) > 1e-9) {
        drop(svg);
        draw(pattern, view);
        return;
      }
      lift(svg, dots.size);
      const dx = mod(dots.x - Number(pattern.getAttribute('x')), dots.size);
      const dy = mod(dots.y - Number(pattern.getAttribute('y')), dots.size);
      svg.style.transform = `translate(${dx}px,${dy}px)`;
    },
    redraw,
    settle(view) {
      redraw(view);
      const { svg } = elements();
      if (svg) drop(svg);
    },
  };
}
