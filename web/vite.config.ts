// The dashboard is plain Preact: Vite's own transformer (oxc) compiles its JSX with Preact's automatic runtime, so no plugin
// is needed. Built into web/dist, which the service serves at / (see src/common/dashboard.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: true },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
