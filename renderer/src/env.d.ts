// Vite's client types: CSS side-effect imports, import.meta.env. (tsconfig sets `types: []`.)
/// <reference types="vite/client" />
