// wasm/pactcheck.d.ts must declare exactly what wasm/bindings.cpp exports, and the built module must have it:
// the same free functions, the same classes, the same methods and class functions, with the same arity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { importModuleFactory, SOURCE_DIR } from './support.mjs';

// Methods every Embind class has; the .d.ts may declare them, the bindings never do.
const EMBIND_BUILTINS = new Set(['delete', 'isDeleted', 'clone', 'isAliasOf', 'deleteLater']);

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

// {functions: Map(name -> arity), classes: Map(name -> {methods: Map, classFunctions: Map})}
export function parseBindings(cpp) {
  const source = stripComments(cpp);
  const block = /EMSCRIPTEN_BINDINGS\s*\(\s*\w+\s*\)\s*\{([\s\S]*)\}\s*$/.exec(source.trim());
  assert.ok(block, 'no EMSCRIPTEN_BINDINGS block in bindings.cpp');
  const body = block[1];
  // Arity of a C++ function defined in the file, from its parameter list.
  const arityOf = (qualified) => {
    const name = qualified.split('::').pop();
    const definition = new RegExp(`\\b${name}\\s*\\(([^)]*)\\)\\s*(?:const\\s*)?(?:noexcept\\s*)?\\{`).exec(source);
    assert.ok(definition, `cannot find the definition of ${qualified} in bindings.cpp`);
    const params = definition[1].trim();
    return params === '' || params === 'void' ? 0 : params.split(',').length;
  };
  const functions = new Map();
  for (const m of body.matchAll(/emscripten::function\(\s*"(\w+)"\s*,\s*&([\w:]+)/g)) functions.set(m[1], arityOf(m[2]));
  const classes = new Map();
  for (const m of body.matchAll(/emscripten::class_<\s*([\w:]+)\s*>\(\s*"(\w+)"\s*\)([\s\S]*?);/g)) {
    const methods = new Map();
    const classFunctions = new Map();
    for (const f of m[3].matchAll(/\.(function|class_function)\(\s*"(\w+)"\s*,\s*&([\w:]+)/g)) {
      (f[1] === 'function' ? methods : classFunctions).set(f[2], arityOf(f[3]));
    }
    classes.set(m[2], { methods, classFunctions });
  }
  return { functions, classes };
}

// Members of an `export interface Name { ... }`: methods as Map(name -> {arity, returns}), properties as
// Map(name -> type).
function interfaceMembers(dts, name) {
  const m = new RegExp(`export interface ${name}\\s*\\{([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(m, `pactcheck.d.ts has no interface ${name}`);
  const methods = new Map();
  const properties = new Map();
  for (const member of m[1].matchAll(/^\s*(\w+)\s*(\(([^)]*)\))?\s*\??\s*:\s*([^;]+);/gm)) {
    if (member[2] !== undefined) {
      const params = member[3].trim();
      methods.set(member[1], { arity: params === '' ? 0 : params.split(',').length, returns: member[4].trim() });
    } else {
      properties.set(member[1], member[4].trim());
    }
  }
  return { methods, properties };
}

const arities = (methods) => new Map([...methods].map(([name, { arity }]) => [name, arity]));

// The module interface's methods are the free functions; each property whose type is an interface with class
// functions is a class, and the type those class functions return is its instance interface.
export function parseDeclarations(text) {
  const dts = stripComments(text);
  const moduleInterface = interfaceMembers(dts, 'PactcheckModule');
  const classes = new Map();
  for (const [name, type] of moduleInterface.properties) {
    const ctor = interfaceMembers(dts, type);
    const instanceTypes = new Set([...ctor.methods.values()].map((m) => m.returns));
    assert.equal(instanceTypes.size, 1, `the class functions of ${type} should all return the instance type`);
    const instance = interfaceMembers(dts, [...instanceTypes][0]);
    const methods = new Map([...arities(instance.methods)].filter(([m]) => !EMBIND_BUILTINS.has(m)));
    classes.set(name, { methods, classFunctions: arities(ctor.methods) });
  }
  assert.match(dts, /export default function createPactcheckModule\(/, 'the default export (the factory) is not declared');
  return { functions: arities(moduleInterface.methods), classes };
}

const bindings = parseBindings(readFileSync(join(SOURCE_DIR, 'wasm', 'bindings.cpp'), 'utf8'));
const declared = parseDeclarations(readFileSync(join(SOURCE_DIR, 'wasm', 'pactcheck.d.ts'), 'utf8'));

const sorted = (map) => [...map].sort(([a], [b]) => a.localeCompare(b));

test('the bindings export something', () => {
  assert.ok(bindings.functions.size >= 3, `only ${bindings.functions.size} functions found in bindings.cpp`);
  assert.ok(bindings.classes.size >= 1, 'no class found in bindings.cpp');
});

test('the .d.ts declares exactly the bound functions, with their arity', () => {
  assert.deepEqual(sorted(declared.functions), sorted(bindings.functions));
});

test('the .d.ts declares exactly the bound classes, methods and class functions', () => {
  assert.deepEqual([...declared.classes.keys()].sort(), [...bindings.classes.keys()].sort());
  for (const [name, bound] of bindings.classes) {
    const decl = declared.classes.get(name);
    assert.deepEqual(sorted(decl.methods), sorted(bound.methods), `methods of ${name}`);
    assert.deepEqual(sorted(decl.classFunctions), sorted(bound.classFunctions), `class functions of ${name}`);
  }
});

test('the built module has what the .d.ts declares', async () => {
  const create = await importModuleFactory();
  const module = await create();
  for (const [name, arity] of declared.functions) {
    assert.equal(typeof module[name], 'function', `module.${name}`);
    assert.equal(module[name].argCount ?? arity, arity, `module.${name} arity`);
  }
  for (const [name, { methods, classFunctions }] of declared.classes) {
    assert.equal(typeof module[name], 'function', `module.${name}`);
    for (const [fn] of classFunctions) assert.equal(typeof module[name][fn], 'function', `${name}.${fn}`);
    for (const [method] of methods) assert.equal(typeof module[name].prototype[method], 'function', `${name}.prototype.${method}`);
    for (const builtin of ['delete', 'isDeleted']) {
      assert.equal(typeof module[name].prototype[builtin], 'function', `${name}.prototype.${builtin}`);
    }
  }
});
