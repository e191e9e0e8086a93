// Lint: typescript-eslint's recommended rules plus the layering of the house style, checked
// on every import (see README.md "Layout"):
//   - the domain core (electron/core) never reaches up into the API, the shells (cli, bridge,
//     main, preload), the renderer or Electron;
//   - core/parse never imports core/ledger (parsing is pure: a file in, a plan out);
//   - SQL (`.prepare(`, `.transaction(`, `.pragma(`, `.exec('…')`) and index names (INDEXED BY)
//     live in electron/core/ledger;
//   - the renderer takes only types from outside renderer/, and at run time only the pure
//     modules named `*.std.ts` (no zod, no node:*, no SQL: safe in the browser bundle);
//   - a `*.std.ts` module stays pure: at run time it imports only other `*.std.ts` modules,
//     so what the renderer may take can never pull the rest of the core in behind it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Repository-relative path an import names, or null for a package. */
function target(file, spec) {
  if (!spec.startsWith('.')) return null;
  return path
    .relative(ROOT, path.resolve(path.dirname(file), spec))
    .split(path.sep)
    .join('/');
}

const under = (p, dir) => p === dir || p.startsWith(dir + '/');

/** Every static import/export-from and dynamic import() of a file, with whether it is type-only. */
function onImport(context, check) {
  const file = context.filename;
  const report = (node, spec, typeOnly) => check({ node, spec, typeOnly, to: target(file, spec) });
  const typeOnlyDecl = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.specifiers?.length > 0 &&
      node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  return {
    ImportDeclaration: (node) => report(node, node.source.value, typeOnlyDecl(node)),
    ExportNamedDeclaration: (node) => node.source && report(node, node.source.value, typeOnlyDecl(node)),
    ExportAllDeclaration: (node) => report(node, node.source.value, node.exportKind === 'type'),
    ImportExpression: (node) =>
      node.source.type === 'Literal' && typeof node.source.value === 'string'
        ? report(node, node.source.value, false)
        : undefined,
  };
}

const SHELLS = [
  'electron/api',
  'electron/cli',
  'electron/bridge',
  'electron/main',
  'electron/preload',
  'renderer',
];

const layers = {
  rules: {
    'core-stays-down': {
      meta: { type: 'problem', schema: [] },
      create: (context) =>
        onImport(context, ({ node, spec, to }) => {
          if (spec === 'electron' || spec.startsWith('electron/'))
            context.report({
              node,
              message: 'electron/core 不得引用 Electron（核心须能在纯 Node 下运行）。',
            });
          const shell = to && SHELLS.find((d) => under(to, d));
          if (shell) context.report({ node, message: `electron/core 不得引用上层 ${shell}（${spec}）。` });
          if (to && under(rel(context.filename), 'electron/core/parse'))
            if (under(to, 'electron/core/ledger'))
              context.report({
                node,
                message: `core/parse 不得引用 core/ledger（${spec}）：解析只读文件、产出方案。`,
              });
        }),
    },
    'std-imports-std-only': {
      meta: { type: 'problem', schema: [] },
      create: (context) =>
        onImport(context, ({ node, spec, typeOnly, to }) => {
          if (typeOnly) return;
          if (!to || !/\.std(\.ts)?$/.test(to))
            context.report({
              node,
              message: `*.std.ts 纯模块在运行时只能引用其他 *.std.ts 模块（${spec}）；类型请用 import type。`,
            });
        }),
    },
    'renderer-types-and-std-only': {
      meta: { type: 'problem', schema: [] },
      create: (context) =>
        onImport(context, ({ node, spec, typeOnly, to }) => {
          if (spec === 'zod' || spec.startsWith('zod/'))
            return context.report({ node, message: '界面不打包 zod：校验在核心一侧完成。' });
          if (spec.startsWith('node:') || spec === 'electron')
            return context.report({ node, message: `界面运行在浏览器中，不得引用 ${spec}。` });
          if (typeOnly || !to || under(to, 'renderer')) return;
          if (!/\.std(\.ts)?$/.test(to))
            context.report({
              node,
              message: `界面只能引用 ${spec} 的类型（import type）；运行时只允许 *.std.ts 纯模块。`,
            });
        }),
    },
  },
};

const rel = (f) => path.relative(ROOT, f).split(path.sep).join('/');

/** Calls that run SQL on a better-sqlite3 handle. RegExp#exec takes a variable, SQL a literal. */
const SQL_CALLS = [
  "CallExpression[callee.property.name='prepare']",
  "CallExpression[callee.property.name='pragma']",
  "CallExpression[callee.property.name='transaction']",
  "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
].map((selector) => ({
  selector,
  message: 'SQL 只写在 electron/core/ledger/ 中：请在那里加一个具名的读/写函数并调用它。',
}));
/** An index named in a query (INDEXED BY …) ties the caller to the schema: ledger only. */
const INDEX_NAMES = [
  'Literal[value=/\\bINDEXED\\s+BY\\b/i]',
  'TemplateElement[value.raw=/\\bINDEXED\\s+BY\\b/i]',
].map((selector) => ({
  selector,
  message: '索引名只出现在 electron/core/ledger/ 中（INDEXED BY 属于台账的查询）。',
}));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/output/**',
      '.scratch/**',
      'test/fixtures/**',
      'seeds/**',
      'templates/**/*.docx',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      // `_name` marks a value deliberately left unused (a destructured-away field, a fixed callback slot)
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // U+3000 (全角空格) is part of the GB/T 9704 layout the bulletin and the ledger write
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['electron/core/**'],
    rules: { 'layers/core-stays-down': 'error' },
  },
  {
    files: ['renderer/src/**'],
    rules: { 'layers/renderer-types-and-std-only': 'error' },
  },
  {
    files: ['**/*.std.ts'],
    rules: { 'layers/std-imports-std-only': 'error' },
  },
  {
    files: ['electron/**', 'renderer/**'],
    ignores: ['electron/core/ledger/**'],
    rules: { 'no-restricted-syntax': ['error', ...SQL_CALLS, ...INDEX_NAMES] },
  },
);
