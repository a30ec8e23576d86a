export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Field, TextAreaField, SelectField } from './field';
export { CodeBlock } from './code-block';
export { ByteMap, type ByteSegment, type ByteMapProps } from './byte-map';
export { ErrorExplainer, type ErrorExplainerProps } from './error-explainer';
export { InspectorDrawer, useInspectorEntries } from './inspector-drawer';
export { Spinner, Progress } from './spinner';
export { ThemeToggle, applyTheme, currentTheme, type Theme } from './theme-toggle';
export { formatMs } from './format';
