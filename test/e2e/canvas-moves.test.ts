// Moving the canvas of a big flow (issue 12 §3), end to end in Chromium against `pipewright serve`: what
// keeps pan, zoom and drag inside a frame must not change what the user gets. A dragged node lands
// where it was dropped, as one undo step, and the document (hence the inspector, the status bar and
// autosave) hears of the drop only, not of every frame of the drag. Panning marks the canvas as
// moving while it moves; zoomed out too far to read, the nodes are shown as plain boxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, rpc, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

function bigFlow(count: number): unknown {
  const nodes = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
  for (let i = 1; i < count; i++) nodes.push({ id: `m${i}`, type: 'transform.map', position: [(i % 25) * 220, Math.floor(i / 25) * 120], config: { expression: `{ "step": ${i} }` } });
  return { format: 'pipewright/flow@1', id: 'big', name: 'Big', nodes, edges: nodes.slice(1).map((node, i) => ({ from: nodes[i]?.id ?? 'in', to: node.id })) };
}

describe.skipIf(!chromiumCheck.present).sequential('moving the canvas of a 1,000-node flow', () => {
  let session: E2eSession;
  let designer: DesignerPage;

  beforeAll(async () => {
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    await rpc(session.server, 'flows.save', { document: bigFlow(1000) });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  const pathOf = (from: string, to: string) => designer.edge(from, to).locator('path.react-flow__edge-path').getAttribute('d');
  const transformOf = (nodeId: string) => session.page.locator(`.react-flow__node[data-id="${nodeId}"]`).evaluate((element) => (element as HTMLElement).style.transform);

  it('drags a node to where it is dropped, telling the document only at the drop, as one undo step', async () => {
    await designer.open('big');
    const node = designer.node('m27');
    await node.waitFor();
    const before = await transformOf('m27');
    await designer.waitForEdge('m26', 'm27');
    const edgesBefore = { incoming: await pathOf('m26', 'm27'), outgoing: await pathOf('m27', 'm28') };
    const box = await node.boundingBox();
    if (!box) throw new Error('m27 is not on screen');
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.down();
    for (let i = 1; i <= 20; i++) await session.page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    // Mid-drag: the node follows the mouse, and so do its edges; the document is untouched (the status bar
    // still says Saved).
    await expect.poll(() => transformOf('m27')).not.toBe(before);
    await expect.poll(() => pathOf('m26', 'm27')).not.toBe(edgesBefore.incoming);
    await expect.poll(() => pathOf('m27', 'm28')).not.toBe(edgesBefore.outgoing);
    const dragged = { node: await transformOf('m27'), incoming: await pathOf('m26', 'm27'), outgoing: await pathOf('m27', 'm28') };
    expect(await designer.statusBar.innerText()).toMatch(/\bSaved\b/);
    await session.page.mouse.up();
    await expect.poll(() => designer.statusBar.innerText()).toMatch(/\bUnsaved\b/);
    const dropped = await transformOf('m27');
    expect(dropped).not.toBe(before);
    // What the drag showed (painted by the canvas, renderer/src/canvas/drag-painter.ts) is what React Flow
    // renders for the dropped position: the same node transform and the same edge paths.
    expect(dropped).toBe(dragged.node);
    await expect.poll(() => pathOf('m26', 'm27')).toBe(dragged.incoming);
    expect(await pathOf('m27', 'm28')).toBe(dragged.outgoing);

    await designer.canvas.click({ position: { x: 5, y: 5 } });
    await session.page.keyboard.press('Control+z');
    await expect.poll(() => transformOf('m27')).toBe(before);
    await expect.poll(() => designer.statusBar.innerText()).toMatch(/\bSaved\b/);
  });

  it('marks the canvas as moving while it pans, and not once it stopped', async () => {
    const area = session.page.locator('.canvas-area');
    const box = await designer.canvas.boundingBox();
    if (!box) throw new Error('the canvas is not on screen');
    // A spot of empty pane: below the last row of nodes there is none (40 rows at zoom 0.5 fill the canvas), so between two rows.
    const spot = await session.page.evaluate(() => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!pane) return undefined;
      for (let y = pane.top + 80; y < pane.bottom - 80; y += 7) {
        for (let x = pane.left + 80; x < pane.left + pane.width / 2; x += 11) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
      return undefined;
    });
    if (!spot) throw new Error('no empty spot of the pane');
    await session.page.mouse.move(spot.x, spot.y);
    await session.page.mouse.down();
    for (let i = 1; i <= 5; i++) await session.page.mouse.move(spot.x + i * 10, spot.y + i * 5);
    expect(await area.getAttribute('class')).toContain('is-moving');
    await session.page.mouse.up();
    await expect.poll(() => area.getAttribute('class')).not.toContain('is-moving');
  });

  // The pan and the wheel zoom move the viewport element themselves and tell React Flow at the end
  // (renderer/src/canvas/use-viewport-gestures.ts): what the user sees must be what React Flow goes on from.
  const nodeBox = async (nodeId: string) => {
    const box = await session.page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
    if (!box) throw new Error(`${nodeId} is not on screen`);
    return box;
  };
  /** Where the background's first column of dots is on screen, modulo their spacing: it moves with the view. */
  const dotsPhase = () => session.page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const svg = document.querySelector('.react-flow__background');
    const pattern = svg?.querySelector('pattern');
    if (!pane || !svg || !pattern) throw new Error('no background pattern');
    const size = Number(pattern.getAttribute('width'));
    const x = svg.getBoundingClientRect().left - pane.left + Number(pattern.getAttribute('x'));
    return { phase: ((x % size) + size) % size, size };
  });
  const samePhase = (a: number, b: number, size: number) => Math.min(Math.abs(a - b), size - Math.abs(a - b)) < 0.01;
  /** Zoom In then Zoom Out with the controls: React Flow's own moves, from the view it knows, back to it. */
  const zoomRoundTrip = async () => {
    await session.page.getByRole('button', { name: 'Zoom In' }).click();
    await session.page.getByRole('button', { name: 'Zoom Out' }).click();
  };
  const emptySpot = () => session.page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return undefined;
    // From the bottom up, left half: room above to pan upwards.
    for (let y = pane.bottom - 100; y > pane.top + 80; y -= 7) {
      for (let x = pane.left + 80; x < pane.left + pane.width / 2; x += 11) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    }
    return undefined;
  });

  it('pans by the mouse\'s movement, the background dots with it, and React Flow goes on from the panned view', async () => {
    const spot = await emptySpot();
    if (!spot) throw new Error('no empty spot of the pane');
    const before = await nodeBox('m27');
    const dotsBefore = await dotsPhase();
    await session.page.mouse.move(spot.x, spot.y);
    await session.page.mouse.down();
    for (let i = 1; i <= 6; i++) await session.page.mouse.move(spot.x + i * 10, spot.y + i * 7);
    await expect.poll(async () => { const box = await nodeBox('m27'); return [Math.round(box.x - before.x), Math.round(box.y - before.y)]; }).toEqual([60, 42]);
    const dotsPanned = await dotsPhase();
    expect(samePhase(dotsPanned.phase, (dotsBefore.phase + 60) % dotsBefore.size, dotsBefore.size)).toBe(true);
    await session.page.mouse.up();
    // Settled: the pattern is drawn for the new view, the dots stay where the pan left them.
    await expect.poll(async () => samePhase((await dotsPhase()).phase, dotsPanned.phase, dotsPanned.size)).toBe(true);
    const panned = await nodeBox('m27');
    await zoomRoundTrip();
    await expect.poll(async () => { const box = await nodeBox('m27'); return [Math.round(box.x), Math.round(box.y)]; }).toEqual([Math.round(panned.x), Math.round(panned.y)]);
  });

  it('zooms with the wheel about the pointer, and React Flow goes on from that zoom', async () => {
    const before = await nodeBox('m27');
    const center = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
    await session.page.mouse.move(center.x, center.y);
    for (let i = 0; i < 3; i++) await session.page.mouse.wheel(0, -100);
    // Three 100-pixel notches: 2^0.6 larger, the node's middle still under the pointer.
    await expect.poll(async () => Math.round((await nodeBox('m27')).width / before.width * 100)).toBe(Math.round(2 ** 0.6 * 100));
    const zoomed = await nodeBox('m27');
    expect(Math.abs(zoomed.x + zoomed.width / 2 - center.x)).toBeLessThan(2);
    expect(Math.abs(zoomed.y + zoomed.height / 2 - center.y)).toBeLessThan(2);
    await expect.poll(() => session.page.locator('.canvas-area').getAttribute('class')).not.toContain('is-moving');
    await zoomRoundTrip();
    await expect.poll(async () => { const box = await nodeBox('m27'); return [Math.round(box.x), Math.round(box.width)]; }).toEqual([Math.round(zoomed.x), Math.round(zoomed.width)]);
  });

  it('shows the nodes a pan brings into view while the pan lasts', async () => {
    // The first row of nodes wholly below the canvas: React Flow has not rendered it.
    const below = await session.page.evaluate(() => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      if (!pane || !viewport) return undefined;
      const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      for (let row = 0; row < 40; row++) {
        const top = pane.top + m.f + row * 120 * m.d;
        if (top > pane.bottom + 10) return { nodeId: `m${row * 25 + 1}`, distance: top - pane.bottom };
      }
      return undefined;
    });
    if (!below) throw new Error('every row is in view');
    expect(await session.page.locator(`.react-flow__node[data-id="${below.nodeId}"]`).count()).toBe(0);
    const spot = await emptySpot();
    if (!spot) throw new Error('no empty spot of the pane');
    const up = Math.ceil(below.distance + 80);
    await session.page.mouse.move(spot.x, spot.y);
    await session.page.mouse.down();
    for (let i = 1; i <= 10; i++) await session.page.mouse.move(spot.x, spot.y - (up * i) / 10);
    // The view is handed over at most every 100 ms while the gesture goes: a little later, one more move.
    await session.page.waitForTimeout(150);
    await session.page.mouse.move(spot.x, spot.y - up - 1);
    await expect.poll(() => session.page.locator(`.react-flow__node[data-id="${below.nodeId}"]`).count()).toBe(1);
    await session.page.mouse.up();
  });

  // React Flow's auto-pan is off; renderer/src/canvas/node-drag-pan.ts moves the view element instead and
  // corrects the positions React Flow computes through its own, lagging view.
  it('auto-pans while a dragged node is held at the canvas\'s edge: the node stays under the pointer, lands there, and React Flow goes on from there', async () => {
    await designer.reload();
    const pane = await designer.canvas.boundingBox();
    if (!pane) throw new Error('the canvas is not on screen');
    const start = await nodeBox('m27');
    const grab = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
    const edgeX = pane.x + pane.width - 10;
    const viewportTransform = () => session.page.locator('.react-flow__viewport').evaluate((element) => (element as HTMLElement).style.transform);
    /** Where the node's middle is from the pointer at (x, y), in whole pixels. */
    const fromPointer = async (x: number, y: number) => {
      const box = await nodeBox('m27');
      return [Math.round(box.x + box.width / 2 - x), Math.round(box.y + box.height / 2 - y)];
    };
    await session.page.mouse.move(grab.x, grab.y);
    await session.page.mouse.down();
    // Small moves first: the move that starts a drag is not applied, so the node keeps this offset from the pointer.
    for (let i = 1; i <= 4; i++) await session.page.mouse.move(grab.x + i * 2, grab.y);
    await expect.poll(async () => (await fromPointer(grab.x, grab.y))[0]).toBeGreaterThanOrEqual(6);
    const offset = await fromPointer(grab.x + 8, grab.y);
    for (let i = 1; i <= 10; i++) await session.page.mouse.move(grab.x + 8 + ((edgeX - grab.x - 8) * i) / 10, grab.y);
    const arrived = await viewportTransform();
    // The pointer stays put and the view goes on moving: more of the flow on the right comes into view,
    // until the place the node was dragged from has left the view (React Flow renders a node only where
    // it believes the node is in view, so the canvas must have told it where the node went).
    await expect.poll(viewportTransform).not.toBe(arrived);
    // Frame by frame the node stays put on screen, also in the frames where the view is handed to React
    // Flow and its render of older positions lands (the canvas paints the newer ones back).
    const frames = await session.page.evaluate(() => new Promise<number[]>((done) => {
      const xs: number[] = [];
      const node = document.querySelector('.react-flow__node[data-id="m27"]');
      const sample = () => {
        xs.push(Math.round(node?.getBoundingClientRect().x ?? Number.NaN));
        if (xs.length < 45) requestAnimationFrame(sample);
        else done(xs);
      };
      requestAnimationFrame(sample);
    }));
    expect(Math.max(...frames) - Math.min(...frames)).toBeLessThanOrEqual(1);
    const viewX = async () => Number(/translate\(([-\d.]+)px/.exec(await viewportTransform())?.[1]);
    const arrivedX = Number(/translate\(([-\d.]+)px/.exec(arrived)?.[1]);
    await expect.poll(viewX, { timeout: 10_000 }).toBeLessThan(arrivedX - (start.x + start.width - pane.x) - 50);
    await session.page.mouse.move(edgeX, grab.y + 1);
    const keptOffset = async () => (await fromPointer(edgeX, grab.y + 1)).every((d, i) => Math.abs(d - (offset[i] ?? 0)) <= 1);
    await expect.poll(keptOffset).toBe(true);
    await session.page.mouse.up();
    await expect.poll(() => designer.statusBar.innerText()).toMatch(/\bUnsaved\b/);
    const dropped = await nodeBox('m27');
    expect(await keptOffset()).toBe(true);
    // React Flow has both the panned view and the dropped position: its own moves keep the node where it is.
    await zoomRoundTrip();
    await expect.poll(async () => { const box = await nodeBox('m27'); return [Math.round(box.x), Math.round(box.y)]; }).toEqual([Math.round(dropped.x), Math.round(dropped.y)]);
    // In flow units the node went further than the pointer did: the view moved under it (zoom 0.5 at open).
    const flowX = (transform: string) => Number(/translate\(([-\d.]+)px/.exec(transform)?.[1]);
    expect(flowX(await transformOf('m27')) - 440).toBeGreaterThan((edgeX - grab.x) / 0.5 + 50);
  });

  it('shows the nodes as plain boxes when the whole flow is fitted, too small to read, and in full again when zoomed in', async () => {
    const area = session.page.locator('.canvas-area');
    const name = designer.node('m27').locator('.flow-node-name');
    expect(await area.getAttribute('class')).not.toContain('is-overview');
    await session.page.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => area.getAttribute('class')).toContain('is-overview');
    await expect.poll(() => name.evaluate((element) => getComputedStyle(element).visibility)).toBe('hidden');
    for (let i = 0; i < 8; i++) await session.page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(() => area.getAttribute('class')).not.toContain('is-overview');
  });

  // The canvas paints dragged nodes and their edges itself (renderer/src/canvas/drag-painter.ts): with
  // several nodes dragged, an edge between two of them, one to a node left in place, and the label of an
  // error edge must show what React Flow draws for the same positions once they are dropped.
  it('drags two selected nodes together, their edges and an edge label following as React Flow draws them after the drop', async () => {
    const small = {
      format: 'pipewright/flow@1', id: 'pair', name: 'Pair',
      nodes: [
        { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
        { id: 'a', type: 'transform.map', position: [300, 0], config: { expression: '$' } },
        { id: 'b', type: 'transform.map', position: [600, 0], config: { expression: '$' } },
        { id: 'c', type: 'transform.map', position: [600, 250], config: { expression: '$' } },
      ],
      edges: [{ from: 'in', to: 'a' }, { from: 'a', to: 'b' }, { from: 'a', port: 'error', to: 'c' }],
    };
    await rpc(session.server, 'flows.save', { document: small });
    await designer.open('pair');
    for (const [from, to, port] of [['in', 'a'], ['a', 'b'], ['a', 'c', 'error']] as const) await designer.waitForEdge(from, to, port);
    const label = designer.edge('a', 'c', 'error').locator('.react-flow__edge-textwrapper');
    const labelAt = async () => (await label.getAttribute('transform') ?? '').match(/-?[\d.]+/g)?.map(Number) ?? [];
    const drawn = async () => ({
      a: await transformOf('a'), b: await transformOf('b'), c: await transformOf('c'),
      inA: await designer.edge('in', 'a').locator('path.react-flow__edge-path').getAttribute('d'),
      ab: await pathOf('a', 'b'),
      ac: await designer.edge('a', 'c', 'error').locator('path.react-flow__edge-path').getAttribute('d'),
      label: await labelAt(),
    });
    const before = await drawn();
    await designer.node('a').click();
    await designer.node('b').click({ modifiers: ['Control'] });
    const box = await nodeBox('a');
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.down();
    for (let i = 1; i <= 10; i++) await session.page.mouse.move(box.x + box.width / 2 + i * 3, box.y + box.height / 2 + i * 5);
    await expect.poll(async () => (await drawn()).ac).not.toBe(before.ac);
    const during = await drawn();
    // Both selected nodes moved, the third did not; every edge with a moved end was redrawn.
    expect(during.a).not.toBe(before.a);
    expect(during.b).not.toBe(before.b);
    expect(during.c).toBe(before.c);
    expect(during.inA).not.toBe(before.inA);
    expect(during.ab).not.toBe(before.ab);
    expect(during.label).not.toEqual(before.label);
    await session.page.mouse.up();
    await expect.poll(() => designer.statusBar.innerText()).toMatch(/\bUnsaved\b/);
    const dropped = await drawn();
    expect({ a: dropped.a, b: dropped.b, c: dropped.c, inA: dropped.inA, ab: dropped.ab, ac: dropped.ac }).toEqual({ a: during.a, b: during.b, c: during.c, inA: during.inA, ab: during.ab, ac: during.ac });
    dropped.label.forEach((value, i) => expect(Math.abs(value - (during.label[i] ?? Number.NaN))).toBeLessThan(0.01));
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

