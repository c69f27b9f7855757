// ESLint flat config: typescript-eslint's recommended rules, plus the architecture rule
// that keeps the analysis core free of editor and protocol imports.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "test-results/**", "test/e2e/**", "test/vscode/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["server/src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-*", "vscode-languageserver*", "node:*", "fs", "path", "os", "child_process"],
              message: "The analysis core is pure: text in, ReleaseAnalysis out. No editor, protocol or I/O imports.",
            },
          ],
        },
      ],
    },
  },
);
