// The canvas's own pan and wheel zoom (renderer/src/canvas/use-viewport-gestures.ts) must move the view
// as React Flow's did: the same wheel step, the flow point under the pointer kept there, the zoom bounds,
// the background's dots where <Background> draws them, and knowing when a view shows unrendered flow.
import { describe, expect, it } from 'vitest';
import { dotPattern, shownRect, wheelZoom, within } from '../../../renderer/src/canvas/viewport-math.js';

describe('wheelZoom', () => {
  it('zooms by 2^0.2 a 100-pixel notch, in for a negative delta and out for a positive one', () => {
    expect(wheelZoom({ x: 0, y: 0, zoom: 1 }, -100, 0, 0, 0, 0.1, 2).zoom).toBeCloseTo(2 ** 0.2, 10);
    expect(wheelZoom({ x: 0, y: 0, zoom: 1 }, 100, 0, 0, 0, 0.1, 2).zoom).toBeCloseTo(2 ** -0.2, 10);
    // Lines (deltaMode 1) and pages (2) step as React Flow's wheelDelta does.
    expect(wheelZoom({ x: 0, y: 0, zoom: 1 }, -3, 1, 0, 0, 0.1, 2).zoom).toBeCloseTo(2 ** 0.15, 10);
    expect(wheelZoom({ x: 0, y: 0, zoom: 0.5 }, -1, 2, 0, 0, 0.1, 2).zoom).toBeCloseTo(1, 10);
  });

  it('keeps the flow point under the pointer where it was', () => {
    const before = { x: -130, y: 45, zoom: 0.7 };
    const [px, py] = [400, 250];
    const flowPoint = { x: (px - before.x) / before.zoom, y: (py - before.y) / before.zoom };
    const after = wheelZoom(before, -240, 0, px, py, 0.1, 2);
    expect(after.zoom).toBeGreaterThan(before.zoom);
    expect(flowPoint.x * after.zoom + after.x).toBeCloseTo(px, 9);
    expect(flowPoint.y * after.zoom + after.y).toBeCloseTo(py, 9);
  });

  it('stays within the zoom bounds, the view then not moving', () => {
    expect(wheelZoom({ x: 10, y: 20, zoom: 1.9 }, -1000, 0, 300, 300, 0.1, 2)).toMatchObject({ zoom: 2 });
    expect(wheelZoom({ x: 10, y: 20, zoom: 0.1 }, 1000, 0, 300, 300, 0.1, 2)).toEqual({ x: 10, y: 20, zoom: 0.1 });
  });
});

describe('dotPattern', () => {
  it('draws the dots as <Background gap={16}> does for the viewport', () => {
    // <Background>: x = tx % (gap·zoom), width = gap·zoom, patternTransform translate(-width/2), dot radius zoom/2.
    expect(dotPattern({ x: 100, y: -37, zoom: 0.5 }, 16)).toEqual({ x: 100 % 8, y: -37 % 8, size: 8, offset: 4, radius: 0.25 });
  });
});

describe('shownRect and within', () => {
  it('gives the flow area a viewport shows', () => {
    expect(shownRect({ x: -200, y: 100, zoom: 0.5 }, 800, 600)).toEqual({ x: 400, y: -200, width: 1600, height: 1200 });
  });

  it('knows a zoom in stays within the view it started from and a pan or a zoom out leaves it', () => {
    const start = { x: -200, y: 100, zoom: 0.5 };
    const known = shownRect(start, 800, 600);
    expect(within(shownRect(wheelZoom(start, -300, 0, 400, 300, 0.1, 2), 800, 600), known)).toBe(true);
    expect(within(shownRect({ ...start, x: start.x + 30 }, 800, 600), known)).toBe(false);
    expect(within(shownRect(wheelZoom(start, 300, 0, 400, 300, 0.1, 2), 800, 600), known)).toBe(false);
    // Zoomed in and back out to where it started: within, rounding forgiven.
    const back = wheelZoom(wheelZoom(start, -300, 0, 123, 456, 0.1, 2), 300, 0, 123, 456, 0.1, 2);
    expect(within(shownRect(back, 800, 600), known)).toBe(true);
  });
});
