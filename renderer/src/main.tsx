/** Renderer entry: pick the transport, create the store, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createTransportApi } from './api/transport';
import { downloadBlob, downloadExport } from './library/download';
import { createWorkbenchStore, initializeStore } from './store/createWorkbenchStore';
import { StoreProvider } from './store/StoreContext';
import './styles/app.css';

const store = createWorkbenchStore({ api: createTransportApi(), download: downloadExport, saveFile: downloadBlob });
void initializeStore(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
