/**
 * One paragraph of the article. Memoised, and woken (through the ParagraphHub) only when its
 * own span bucket changes, or it gains or loses the caret or the selected span: creating a
 * span re-renders only the paragraphs it touches.
 */
import { memo, useMemo } from 'react';
import type { Label, Span } from '../../../shared/domain/model';
import { useWorkbenchStore } from '../store/StoreContext';
import { Caret } from './Caret';
import { highlightLook } from './highlightStyle';
import type { TextRange } from '../session/paragraphBuckets';
import { paragraphPieces } from './paragraphPieces';
import { useParagraphState, type ParagraphHub } from './paragraphSubscriptions';

interface ParagraphProps {
  hub: ParagraphHub;
  index: number;
  range: TextRange;
  text: string;
  /** The workspace's labels by id, one map shared by all paragraphs. */
  labelsById: ReadonlyMap<string, Label>;
  /** False while the paragraph's chunk is far from the viewport: its text only, no highlights (see chunkActivity). */
  active: boolean;
}

const FALLBACK_COLOR = '#6b7280';
const NO_SPANS: readonly Span[] = [];

export const Paragraph = memo(function Paragraph({ hub, index, range, text, labelsById, active }: ParagraphProps) {
  const { bucket, caret, selectedId } = useParagraphState(useWorkbenchStore(), hub, index, range);

  // Nothing per span while the paragraph draws no highlights: a 1 MB article has thousands
  // of paragraphs, and building their maps on open cost more than drawing the first screen.
  const drawn = active ? (bucket ?? NO_SPANS) : NO_SPANS;
  const spansById = useMemo(() => new Map(drawn.map((s) => [s.id, s])), [drawn]);
  const pieces = useMemo(() => paragraphPieces(range, drawn), [range, drawn]);
  const blank = range.end <= range.start;
  const selected = selectedId ? bucket?.find((s) => s.id === selectedId) : undefined;

  return (
    <p className={blank ? 'para is-blank' : 'para'} dir="auto" data-paragraph={index}>
      {blank && <span data-start={range.start} />}
      {pieces.map((piece) => {
        const content = text.slice(piece.start, piece.end);
        if (!piece.spanIds.length)
          return (
            <span key={piece.start} data-start={piece.start}>
              {content}
            </span>
          );
        const covering = piece.spanIds.map((id) => spansById.get(id)).filter((s): s is Span => !!s);
        const covLabels = covering.map((s) => labelsById.get(s.labelId));
        const look = highlightLook(covLabels.map((l) => l?.color ?? FALLBACK_COLOR));
        let className = look.className ? `hl ${look.className}` : 'hl';
        if (selected && piece.spanIds.includes(selected.id)) {
          className += ' is-selected';
          if (piece.start === selected.start || piece.start === range.start) className += ' sel-start';
          if (piece.end === selected.end || piece.end === range.end) className += ' sel-end';
        }
        return (
          <span
            key={piece.start}
            data-start={piece.start}
            data-span-ids={piece.spanIds.join(' ')}
            className={className}
            style={look.style}
            title={covLabels.map((l) => l?.name ?? '?').join(' › ')}
          >
            {content}
          </span>
        );
      })}
      {caret >= 0 && <Caret offset={caret} />}
    </p>
  );
});
