/** True in builds made for the end-to-end tests (see wxt.config.ts). */
declare const __BACKSTORY_E2E__: boolean;

declare module '*.css?inline' {
  const css: string;
  export default css;
}
