/**
 * The Import… and Export… dialogs, loaded on first use: they bring the codec registry (the
 * format descriptions) and its zip reader, which the first screen does not need.
 */
import { lazy, Suspense } from 'react';

const ImportDialogChunk = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));
const ExportDialogChunk = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));

export function ImportDialog() {
  return (
    <Suspense fallback={null}>
      <ImportDialogChunk />
    </Suspense>
  );
}

export function ExportDialog() {
  return (
    <Suspense fallback={null}>
      <ExportDialogChunk />
    </Suspense>
  );
}
