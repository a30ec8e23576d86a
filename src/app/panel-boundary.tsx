import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the Keys lab"). */
  name: string;
  children: ReactNode;
  /** Changing this resets the boundary (the route, say). */
  resetKey?: unknown;
}

interface State {
  error: Error | undefined;
  key: unknown;
}

/** One failing panel never blanks the page: it shows what failed and a way to try again. */
export class PanelBoundary extends Component<Props, State> {
  state: State = { error: undefined, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Shown in the page; nothing is logged (loading a page must log nothing).
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="rounded-xl border border-danger bg-danger-soft p-5">
        <h2 className="text-lg font-semibold text-danger">Something went wrong in {this.props.name}</h2>
        <p className="mt-2 font-mono text-sm break-words">
          {error.name}: {error.message}
        </p>
        <p className="mt-2">The rest of the lab still works. Try again, or reload the page.</p>
        <button
          type="button"
          onClick={() => this.setState({ error: undefined })}
          className="mt-3 rounded-lg border border-line bg-surface px-3 py-1.5 hover:bg-surface-2"
        >
          Try again
        </button>
      </div>
    );
  }
}
