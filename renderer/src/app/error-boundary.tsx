import { Component, type ReactNode } from 'react';
import { ErrorPanel } from '../components/error-panel';

export interface ErrorBoundaryProps {
  children?: ReactNode;
  /** Defaults to reloading the window; injectable for tests. */
  onReload?(): void;
}

/**
 * Keeps a crashing page from blanking the whole window: the navigation and notices stay usable.
 * The shell keys it by route, so moving to another page clears the error. React itself reports
 * the caught error (console in development), so nothing more is logged here.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (this.state.error) {
      const reload = this.props.onReload ?? (() => window.location.reload());
      return <ErrorPanel error={this.state.error} onReload={reload} />;
    }
    return this.props.children;
  }
}
