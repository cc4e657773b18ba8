import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { keepScrollersFocusable } from '../lib/scroll-focus';
import { startThemeChoice } from '../lib/theme-choice';
import { App } from './app';
import { ErrorBoundary } from './error-boundary';

// before the first render, so the first paint is already in the chosen theme
startThemeChoice();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
keepScrollersFocusable(root);

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
