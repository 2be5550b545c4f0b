// Fluent UI v9 MessageBar and friends need ResizeObserver, which jsdom lacks (docs/TOOLCHAIN.md, item 6).
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
