/** Last line of defence: a rendering bug shows a message and a reload button, never a white window. */
import { Component, type ReactNode } from 'react';
import { ErrorPanel } from '../lib/error-panel';

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Cue renderer crashed:', error);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="page">
        <ErrorPanel error={this.state.error} onRetry={() => window.location.reload()} />
      </main>
    );
  }
}
