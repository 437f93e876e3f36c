// Frame times of the canvas while the user moves it (issue 12 §3): a pan (a mouse drag on the empty
// pane), a wheel zoom, a node drag and a node held at the canvas's edge (auto-pan), each scripted
// through playwright-core's mouse in Chromium.
//
// What is measured: the page records every requestAnimationFrame timestamp from the first input of a
// gesture to its last; the gaps between consecutive frames are the frame times. Chromium delivers
// mouse moves aligned to frames, so a frame that handles a move and renders its result in under
// 16.7 ms keeps the 60 fps cadence, and one that takes longer shows up as a longer gap. Moves are sent
// back to back (each waits for Chromium to take the previous one), so the page always has input to
// handle. `perMoveMs` is the whole gesture divided by the number of moves.
import type { Page } from 'playwright-core';

export interface GestureFigures {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  perMoveMs: number;
  frames: number;
}

/**
 * The little of the page's `window` these functions use inside the page. Typed here because this file
 * also compiles in the root project, which has no DOM types (main/ and shared/ must not see them).
 */
interface PageWindow {
  pwFrames: number[];
  pwRecording: boolean;
  requestAnimationFrame(callback: (at: number) => void): number;
  document: {
    querySelector(selector: string): { getBoundingClientRect(): { top: number; bottom: number; left: number; width: number } } | null;
    elementFromPoint(x: number, y: number): { classList: { contains(name: string): boolean } } | null;
  };
}

async function startFrames(page: Page): Promise<void> {
  // A string, not a function: the recursive frame callback needs a name, and the bundler would wrap a
  // named function in a helper the page does not have.
  await page.evaluate(`(() => {
    const w = window;
    w.pwFrames = [];
    w.pwRecording = true;
    const tick = (at) => {
      if (!w.pwRecording) return;
      w.pwFrames.push(at);
      window.requestAnimationFrame(tick);
    };
    window.requestAnimationFrame(tick);
  })()`);
}

/** Stops recording after two more frames (the last move's frame is then in) and returns the gaps. */
async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const w = globalThis as unknown as PageWindow;
        w.requestAnimationFrame(() =>
          w.requestAnimationFrame(() => {
            w.pwRecording = false;
            resolve(w.pwFrames.slice(1).map((at, i) => at - (w.pwFrames[i] ?? at)));
          }),
        );
      }),
  );
}

function figures(gaps: number[], elapsedMs: number, moves: number): GestureFigures {
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? Number.NaN, perMoveMs: elapsedMs / moves, frames: gaps.length };
}

/** Waits until two frames in a row took under 30 ms: work left over from the last gesture is done. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const w = globalThis as unknown as PageWindow;
        const t0 = performance.now();
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(performance.now() - t0 < 60)));
      }),
    undefined,
    { timeout: 30_000 },
  );
}

/** A point of the empty pane (no node, edge or panel under it) inside the canvas, searched on a grid. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return undefined;
    for (let y = pane.top + 80; y < pane.bottom - 80; y += 7) {
      for (let x = pane.left + 80; x < pane.left + pane.width / 2; x += 11) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return undefined;
  });
  if (!point) throw new Error('no empty spot of the pane to start a pan from');
  return point;
}

async function gesture(page: Page, moves: number, run: () => Promise<void>): Promise<GestureFigures> {
  await settle(page);
  await startFrames(page);
  const started = Date.now();
  await run();
  const elapsed = Date.now() - started;
  return figures(await stopFrames(page), elapsed, moves);
}

/** A pan: the pane dragged by the mouse, `moves` moves of 6 px right and 4 px down. */
export async function panFrames(page: Page, moves = 60): Promise<GestureFigures> {
  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const result = await gesture(page, moves, async () => {
    for (let i = 1; i <= moves; i++) await page.mouse.move(start.x + i * 6, start.y + i * 4);
  });
  await page.mouse.up();
  return result;
}

/** A wheel zoom over the middle of the canvas: `steps` wheel notches in, then as many out. */
export async function zoomFrames(page: Page, steps = 30): Promise<GestureFigures> {
  const box = await page.locator('.react-flow').boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
  return gesture(page, steps, async () => {
    for (let i = 0; i < steps; i++) await page.mouse.wheel(0, i < steps / 2 ? -60 : 60);
  });
}

/**
 * A Map node in view whose middle, and the whole way a drag of (dx, dy) takes it, keeps 80 px clear of
 * the canvas's edges. Near an edge the canvas auto-pans while a node is dragged: those frames are
 * measured apart (edgeDragFrames), and which node is near an edge depends on the pan and zoom run before.
 */
async function nodeClearOfEdges(page: Page, dx: number, dy: number): Promise<string> {
  const found = await page.evaluate(({ dx, dy }) => {
    const { document } = globalThis as unknown as PageWindow;
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return undefined;
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const [left, right, top, bottom] = [pane.left + 80, pane.left + pane.width - 80, pane.top + 80, pane.bottom - 80];
    for (const node of Array.from((document as unknown as { querySelectorAll(selector: string): ArrayLike<{ dataset: { id?: string }; getBoundingClientRect(): { left: number; top: number; width: number; height: number } }> }).querySelectorAll('.react-flow__node'))) {
      const box = node.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (node.dataset.id?.startsWith('m') && x > left && x + dx < right && y > top && y + dy < bottom) return node.dataset.id;
    }
    return undefined;
  }, { dx, dy });
  if (found === undefined) throw new Error(`no Map node in view can be dragged by (${dx}, ${dy}) clear of the canvas's edges`);
  return found;
}

/**
 * A node drag: a Map node whose drag keeps clear of the canvas's edges (nodeClearOfEdges) selected,
 * grabbed by its middle and moved `moves` times by 5 px right, 3 px down.
 */
export async function dragFrames(page: Page, moves = 60): Promise<GestureFigures> {
  const start = await pressSelectedNode(page, await nodeClearOfEdges(page, moves * 5, moves * 3));
  const result = await gesture(page, moves, async () => {
    for (let i = 1; i <= moves; i++) await page.mouse.move(start.x + i * 5, start.y + i * 3);
  });
  await page.mouse.up();
  return result;
}

/**
 * Selects the node, then presses the mouse on its middle, which it returns. Selected first: a drag
 * selects the node, and the inspector opening on it (its editors) is the click's cost, measured as
 * `interactiveMs`; a gesture's frames are the drag's own.
 */
async function pressSelectedNode(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.click(start.x, start.y);
  // The inspector opens on the click and loads its expression editor (Monaco) asynchronously: a drag
  // started before that is done timed Monaco's creation (a 200–500 ms frame) as one of its own.
  await page.getByRole('region', { name: 'Mapping editor' }).locator('.monaco-editor').waitFor({ timeout: 30_000 });
  await settle(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  return start;
}

/**
 * A node dragged to the canvas's right edge and held there, so that the canvas auto-pans: a Map node
 * clear of the edges (nodeClearOfEdges) is selected, grabbed by its middle, taken in 10 moves to 15 px
 * inside the right edge (within the 40 px where auto-pan starts), then held there for `holdMoves` moves
 * of a pixel up or down. The frames are the auto-pan's and the drag's together.
 */
export async function edgeDragFrames(page: Page, holdMoves = 50): Promise<GestureFigures> {
  const pane = await page.locator('.react-flow').boundingBox();
  if (!pane) throw new Error('the canvas is not on screen');
  const start = await pressSelectedNode(page, await nodeClearOfEdges(page, 0, 0));
  const edgeX = pane.x + pane.width - 15;
  const result = await gesture(page, 10 + holdMoves, async () => {
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + ((edgeX - start.x) * i) / 10, start.y);
    for (let i = 1; i <= holdMoves; i++) await page.mouse.move(edgeX, start.y + (i % 2));
  });
  await page.mouse.up();
  return result;
}

export interface CanvasFrames {
  pan: GestureFigures;
  zoom: GestureFigures;
  drag: GestureFigures;
  edgeDrag: GestureFigures;
}

/** Pan, zoom and drag in the view the page shows now; the drag takes a Map node clear of the edges, the edge drag holds one at the right edge. */
export async function canvasFrames(page: Page): Promise<CanvasFrames> {
  const pan = await panFrames(page);
  const zoom = await zoomFrames(page);
  const drag = await dragFrames(page);
  const edgeDrag = await edgeDragFrames(page);
  return { pan, zoom, drag, edgeDrag };
}
