/**
 * The network drawing: one <canvas> (never a DOM node per element, so thousands of actors stay
 * responsive), role "img" with a sentence describing the network as its name. Hover a node to
 * see its name and edges, click to keep it selected (the edge table then lists its edges);
 * wheel zooms, dragging pans. By keyboard (the canvas is focusable): arrow keys walk the nodes
 * from the most active, Esc deselects, + / − zoom, 0 resets the view. The selected node is
 * announced in a live region.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Network } from '../../../shared/network/networks';
import { drawNetwork, neighboursOf, nodeAt, nodePoint, type ViewTransform } from './drawNetwork';
import type { DrawnEdges, Layout } from './networkLayout';

interface Props {
  network: Network;
  layout: Layout | null;
  edges: DrawnEdges;
  description: string;
  selected: number | null;
  onSelect(node: number | null): void;
  /** Shown over the drawing while the layout is still being computed. */
  busy?: string | null;
}

const IDENTITY: ViewTransform = { k: 1, tx: 0, ty: 0 };

export function NetworkCanvas({ network, layout, edges, description, selected, onSelect, busy }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 520 });
  const [view, setView] = useState<ViewTransform>(IDENTITY);
  const [hover, setHover] = useState<number | null>(null);
  const drag = useRef<{ x: number; y: number; view: ViewTransform; moved: boolean } | null>(null);

  // A new network starts with the whole drawing in view.
  useEffect(() => {
    setView(IDENTITY);
    setHover(null);
  }, [network]);

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) setSize({ width: Math.round(r.width), height: Math.round(r.height) });
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const focus = hover ?? selected;
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext?.('2d');
    if (!canvas || !ctx || !layout) return;
    const frame = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== size.width * dpr || canvas.height !== size.height * dpr) {
        canvas.width = size.width * dpr;
        canvas.height = size.height * dpr;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawNetwork(ctx, { network, layout, edges, width: size.width, height: size.height, view, focus, selected });
      performance.mark('network-drawn'); // read by bench/networkDrawBench.ts
    });
    return () => cancelAnimationFrame(frame);
  }, [network, layout, edges, size, view, focus, selected]);

  const params = layout ? { network, layout, width: size.width, height: size.height, view } : null;
  const pointerAt = (e: React.PointerEvent | React.WheelEvent) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  const zoom = useCallback(
    (factor: number, cx = size.width / 2, cy = size.height / 2) =>
      setView((v) => {
        const k = Math.min(40, Math.max(0.5, v.k * factor));
        const f = k / v.k;
        return { k, tx: cx - (cx - v.tx) * f, ty: cy - (cy - v.ty) * f };
      }),
    [size],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoom(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [zoom]);

  const walkOrder = () => [...network.nodes.keys()].sort((a, b) => network.nodes[b].statements - network.nodes[a].statements || a - b);

  const tip = focus !== null && params ? nodePoint(params, focus) : null;
  const tipNode = focus !== null ? network.nodes[focus] : null;
  const degree = focus !== null ? neighboursOf(network, edges, focus).size : 0;
  const selectedNode = selected !== null ? network.nodes[selected] : null;

  return (
    <>
      <div className="network-zoom" role="group" aria-label="Zoom">
        <button type="button" className="button small" aria-label="Zoom in" onClick={() => zoom(1.3)}>
          +
        </button>
        <button type="button" className="button small" aria-label="Zoom out" onClick={() => zoom(1 / 1.3)}>
          −
        </button>
        <button type="button" className="button small" onClick={() => setView(IDENTITY)}>
          Reset view
        </button>
      </div>
      <div className="network-canvas-wrap" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          className="network-canvas"
          role="img"
          aria-label={description}
          tabIndex={0}
          style={{ width: `${size.width}px`, height: `${size.height}px` }}
          onPointerDown={(e) => {
            if (!params) return;
            (e.target as Element).setPointerCapture?.(e.pointerId);
            drag.current = { x: e.clientX, y: e.clientY, view, moved: false };
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (d) {
              const dx = e.clientX - d.x;
              const dy = e.clientY - d.y;
              if (d.moved || Math.abs(dx) + Math.abs(dy) > 4) {
                d.moved = true;
                setView({ ...d.view, tx: d.view.tx + dx, ty: d.view.ty + dy });
                return;
              }
            }
            if (!params) return;
            const [x, y] = pointerAt(e);
            const hit = nodeAt(params, x, y);
            if (hit !== hover) setHover(hit);
          }}
          onPointerUp={(e) => {
            const d = drag.current;
            drag.current = null;
            if (!params || d?.moved) return;
            const [x, y] = pointerAt(e);
            onSelect(nodeAt(params, x, y));
          }}
          onPointerLeave={() => {
            if (!drag.current) setHover(null);
          }}
          onKeyDown={(e) => {
            const order = walkOrder();
            if (!order.length) return;
            const at = selected === null ? -1 : order.indexOf(selected);
            if (e.key === 'ArrowRight' || e.key === 'ArrowDown') onSelect(order[(at + 1) % order.length]);
            else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') onSelect(order[(at - 1 + order.length) % order.length]);
            else if (e.key === 'Escape') onSelect(null);
            else if (e.key === '+' || e.key === '=') zoom(1.3);
            else if (e.key === '-') zoom(1 / 1.3);
            else if (e.key === '0') setView(IDENTITY);
            else return;
            e.preventDefault();
          }}
        />
        {tip && tipNode && (
          <div className="network-tip" style={{ left: `${tip[0]}px`, top: `${tip[1]}px` }} aria-hidden="true">
            <strong dir="auto">{tipNode.label}</strong>
            <span>
              {tipNode.type === 'actor' ? 'Actor' : 'Concept'}
              {tipNode.actorType ? ` (${tipNode.actorType})` : ''} · {tipNode.statements} statement{tipNode.statements === 1 ? '' : 's'} ·{' '}
              {degree} link{degree === 1 ? '' : 's'}
            </span>
          </div>
        )}
        {busy && <div className="network-busy">{busy}</div>}
        {network.nodes.length === 0 && (
          <p className="network-empty" aria-hidden="true">
            No statements match the filters: widen the date range or tick more statuses and polarities.
          </p>
        )}
        <p className="visually-hidden" aria-live="polite">
          {selectedNode
            ? `Selected ${selectedNode.type} ${selectedNode.label}: ${selectedNode.statements} statements, ${neighboursOf(network, edges, selected!).size} links.`
            : ''}
        </p>
      </div>
    </>
  );
}
