import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApiRuntime } from './api';
import { App } from './app/app';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const { api, connection } = getApiRuntime();
createRoot(root).render(
  <StrictMode>
    <App api={api} connection={connection} />
  </StrictMode>,
);
