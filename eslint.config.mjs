import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The house in code: imports flow app -> components -> lib, lib/gemini and lib/config are leaves,
// and no component feature folder imports another. A folder under components/ that is not listed
// here (components/ui, components/shared) is shared and importable by every feature.
const COMPONENT_FEATURES = ["balances", "treasury", "auth", "layout", "history", "audit"];

// Named zones for import/no-restricted-paths (paths relative to the repository root).
const ZONES = {
  "lib-is-the-bottom": {
    target: "./lib",
    from: ["./app", "./components"],
    message: "lib/ is the bottom layer: it never imports app/ or components/.",
  },
  "components-below-app": {
    target: "./components",
    from: "./app",
    message: "components/ never import app/: pass what they need as props.",
  },
  "gemini-is-a-leaf": {
    target: "./lib/gemini",
    from: ["./lib/balances", "./lib/treasury", "./lib/auth", "./lib/demo-exchange", "./lib/server"],
    message: "lib/gemini is a leaf vendor module: it owns its types and reshape* functions; wiring belongs in the composition root.",
  },
  "config-is-a-leaf": {
    target: ["./lib/config.ts", "./lib/config"],
    from: "./lib",
    except: ["./config.ts", "./config"],
    message: "lib/config is a leaf: it reads and validates the environment and imports nothing from lib/.",
  },
  ...Object.fromEntries(
    COMPONENT_FEATURES.map((feature) => [
      `components/${feature}-is-its-own-feature`,
      {
        target: `./components/${feature}`,
        from: COMPONENT_FEATURES.filter((other) => other !== feature).map((other) => `./components/${other}`),
        message: "A component feature folder never imports another feature: move what both use to a shared folder (components/shared, components/ui).",
      },
    ]),
  ),
};

/** The import-direction rule with every zone, some of them replaced. */
function importDirection({ replace = {} } = {}) {
  return ["error", { zones: Object.values({ ...ZONES, ...replace }) }];
}

// lib/gemini's tests may run against the demo exchange: a test is not bundled into the server.
const GEMINI_TESTS_ZONE = {
  ...ZONES["gemini-is-a-leaf"],
  from: ZONES["gemini-is-a-leaf"].from.filter((path) => path !== "./lib/demo-exchange"),
};

export default defineConfig([
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", ".test-results/**", "test-results/**", "playwright-report/**"]),

  ...nextVitals,
  ...nextTypescript,

  {
    name: "house/everywhere",
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-unused-expressions": "error",
      "import/no-restricted-paths": importDirection(),
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },

  {
    name: "house/lib",
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },

  {
    name: "house/lib-gemini-tests",
    files: ["lib/gemini/**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": importDirection({ replace: { "gemini-is-a-leaf": GEMINI_TESTS_ZONE } }),
    },
  },

  {
    // Node code that React never renders: Playwright's fixture callback is named `use`, which
    // the hooks rules would take for React's use().
    name: "house/tests-and-tools",
    files: ["e2e/**", "test/**", "testkit/**", "bench/**", "scripts/**", "bin/**", "**/*.test.ts", "*.config.{ts,mts,mjs}"],
    rules: {
      "react-hooks/rules-of-hooks": "off",
    },
  },
]);
