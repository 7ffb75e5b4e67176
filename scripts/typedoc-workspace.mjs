// TypeDoc plugin for this workspace, configured in typedoc.json:
// - `entryPointNames`: names each entry-point module after the import path users write
//   (`@corskit/server/node`), not its source path (`server/src/adapters/node`). An entry point
//   without a name is an error, so a new entry cannot slip in under its source path.
// - `workspacePackages` / `workspaceInternalTypes`: TypeDoc's own `notExported` check only looks at
//   types of the root package.json's package (`corskit-monorepo`), so it never fires here. This
//   repeats it for the workspace packages: a type from one of them that the docs reference but no
//   entry point exports is a validation warning, unless `workspaceInternalTypes` lists it as
//   "<file path suffix>:<name>" (an entry nothing matches is a warning too).
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Application, Converter, makeRecursiveVisitor, ParameterType, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'entryPointNames',
    help: 'Module name per entry point file: { "path/to/entry.ts": "@scope/package/subpath" }.',
    type: ParameterType.Mixed,
    defaultValue: {},
  });
  app.options.addDeclaration({
    name: 'workspacePackages',
    help: 'Packages whose referenced types must be exported by some entry point.',
    type: ParameterType.Array,
    defaultValue: [],
  });
  app.options.addDeclaration({
    name: 'workspaceInternalTypes',
    help: 'Types of workspacePackages that may be referenced without being exported: "file/suffix.ts:Name".',
    type: ParameterType.Array,
    defaultValue: [],
  });

  /** Source file of each entry-point module, recorded as modules are created. */
  const files = new Map();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module) || reflection.parent !== context.project) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    if (file !== undefined) files.set(reflection, resolve(file));
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, () => {
    const names = new Map(
      Object.entries(app.options.getValue('entryPointNames')).map(([file, name]) => [
        resolve(configDir(app), file),
        name,
      ]),
    );
    for (const [reflection, file] of files) {
      const name = names.get(file);
      if (name === undefined) {
        app.logger.error(`entryPointNames in typedoc.json has no name for the entry point ${file}.`);
      } else {
        reflection.name = name;
      }
    }
  });

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    if (!app.options.getValue('validation').notExported) return;
    const packages = new Set(app.options.getValue('workspacePackages'));
    const internal = app.options.getValue('workspaceInternalTypes').map((entry) => {
      const colon = entry.lastIndexOf(':');
      return { entry, file: entry.slice(0, colon), name: entry.slice(colon + 1), used: false };
    });
    const warned = new Set();
    for (const reflection of Object.values(project.reflections)) {
      const visitor = makeRecursiveVisitor({
        reference(type) {
          if (type.reflection || type.externalUrl || type.isIntentionallyBroken()) return;
          if (!packages.has(type.package) || type.symbolId === undefined) return;
          const file = `${type.symbolId.packageName}/${type.symbolId.packagePath}`;
          const allowed = internal.find((i) => i.name === type.qualifiedName && file.endsWith(i.file));
          if (allowed !== undefined) {
            allowed.used = true;
            return;
          }
          const key = `${file}:${type.qualifiedName}`;
          if (warned.has(key)) return;
          warned.add(key);
          app.logger.validationWarning(
            `${type.qualifiedName}, defined in ${file}, is referenced by ${reflection.getFriendlyFullName()} but not exported by any entry point (export it, or list "${key}" in workspaceInternalTypes).`,
          );
        },
      });
      reflection.type?.visit(visitor);
      reflection.default?.visit(visitor);
      for (const type of reflection.implementedTypes ?? []) type.visit(visitor);
    }
    for (const { entry, used } of internal) {
      if (!used)
        app.logger.validationWarning(`workspaceInternalTypes lists ${entry}, which nothing references.`);
    }
  });
}

/** The directory of the options file, against which typedoc.json's paths resolve. */
function configDir(app) {
  const options = app.options.getValue('options');
  return existsSync(options) && statSync(options).isDirectory() ? options : dirname(options);
}
