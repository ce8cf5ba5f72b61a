/**
 * The page data tree as Taro sends it through `setData`, and how WeChat would draw it.
 *
 * Taro keeps a DOM of its own and mirrors it into the page's data: `root.cn` holds the nodes,
 * each `{nn, sid, uid?, cn?, v?, cl?, st?, p0…pN}` (`nn` a template number, `v` a text node's
 * text, `pN` an attribute). Which element and which attributes a number stands for is written in
 * the build's `base.wxml` (`<template name="tmpl_0_<nn>"><input value="{{i.p25}}" bindinput="eh">`):
 * {@link readTemplates} reads that, so the runtime knows a node's tag, its attributes by their
 * WXML names, and which events WeChat would deliver to it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A node of the data tree, as Taro sends it. */
export interface DataNode {
  nn?: string | number;
  sid?: string;
  uid?: string;
  cn?: DataNode[];
  v?: string;
  [prop: string]: unknown;
}

/** One element kind of the build: its tag, its attributes (WXML name → data key), the events bound. */
export interface Template {
  tag: string;
  attrs: Record<string, string>;
  binds: Set<string>;
}

/** nn → template, read from `base.wxml` (the templates of level 0 name every kind). */
export function readTemplates(distDir: string): Map<string, Template> {
  const wxml = fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8');
  const templates = new Map<string, Template>();
  for (const m of wxml.matchAll(/<template name="tmpl_0_([^"_]+)(?:_focus|_blur)?">\s*<([a-z-]+)([^>]*)>/g)) {
    const [, nn, tag, attrText] = m;
    // `tmpl_0_<input>` only picks its _focus / _blur variant: the element is in those.
    if (templates.has(nn) || tag === 'template') continue;
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="\{\{[^}]*?\bi\.(\w+)/g)) attrs[a[1]] = a[2];
    const binds = new Set([...attrText.matchAll(/(?:bind|catch)(\w+)="eh"/g)].map((b) => b[1]));
    templates.set(nn, { tag, attrs, binds });
  }
  if (templates.size < 5) throw new Error(`base.wxml: found only ${templates.size} templates, is ${distDir} a Taro weapp build?`);
  return templates;
}

/** `root.cn.[0].cn.[2].v` or `list[3].name` → path tokens (strings and numbers). */
export function parseDataPath(key: string): (string | number)[] {
  const tokens: (string | number)[] = [];
  for (const m of key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) tokens.push(m[1] !== undefined ? Number(m[1]) : m[2]);
  if (tokens.length === 0) throw new Error(`setData: empty path "${key}"`);
  return tokens;
}

/** Applies one `setData` payload the way WeChat does: each key a path, values copied (JSON). */
export function applySetData(data: Record<string, unknown>, payload: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(payload)) {
    const tokens = parseDataPath(key);
    let target: Record<string | number, unknown> = data as Record<string, unknown>;
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i];
      const nextIsIndex = typeof tokens[i + 1] === 'number';
      if (target[t] === undefined || target[t] === null || typeof target[t] !== 'object') target[t] = nextIsIndex ? [] : {};
      target = target[t] as Record<string | number, unknown>;
    }
    // WeChat serialises setData across its bridge: nothing the logic layer keeps is shared.
    target[tokens[tokens.length - 1]] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }
}

/** A node of the drawn page with what a test needs: tag, attributes by name, text, ancestry. */
export interface Element {
  node: DataNode;
  id: string;
  tag: string;
  attrs: Record<string, unknown>;
  parent: Element | null;
  children: Element[];
  template: Template | undefined;
  /** The text a person would read in it (its text nodes, in order). */
  text: string;
}

/** The element tree of a page's data (`data.root.cn`). */
export function elementsOf(data: Record<string, unknown>, templates: Map<string, Template>): Element[] {
  const root = (data.root as DataNode | undefined)?.cn ?? [];
  const all: Element[] = [];
  const build = (node: DataNode, parent: Element | null): Element => {
    const template = node.nn === undefined ? undefined : templates.get(String(node.nn));
    const attrs: Record<string, unknown> = {};
    if (template) for (const [name, key] of Object.entries(template.attrs)) if (node[key] !== undefined) attrs[name] = node[key];
    const el: Element = {
      node,
      id: String(node.uid ?? node.sid ?? ''),
      tag: node.v !== undefined ? '#text' : (template?.tag ?? `nn:${String(node.nn)}`),
      attrs,
      parent,
      children: [],
      template,
      text: '',
    };
    all.push(el);
    el.children = (node.cn ?? []).filter(Boolean).map((c) => build(c, el));
    el.text = node.v !== undefined ? String(node.v) : el.children.map((c) => c.text).join('');
    return el;
  };
  for (const n of root) if (n) build(n, null);
  return all;
}

/** What a person sees of an element: its text, or an input's value / placeholder. */
export function visibleText(el: Element): string {
  if (el.tag === 'input' || el.tag === 'textarea') return String(el.attrs.value ?? '') || String(el.attrs.placeholder ?? '');
  return el.text;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Elements whose text is `text` (exactly, spaces squashed) or matches the pattern, innermost first:
 * an element counts only when none of its children carries the same text alone.
 */
export function byText(elements: Element[], text: string | RegExp): Element[] {
  const matches = (el: Element) => {
    const t = squash(visibleText(el));
    return typeof text === 'string' ? t === squash(text) : text.test(t);
  };
  const hits = elements.filter((el) => el.tag !== '#text' && matches(el));
  return hits.filter((el) => !el.children.some((c) => c.tag !== '#text' && hits.includes(c)));
}

/** The element and its ancestors that WeChat would deliver a bubbling `type` event to, innermost first. */
export function bubblePath(el: Element, type: string): Element[] {
  const pathUp: Element[] = [];
  for (let e: Element | null = el; e; e = e.parent) if (e.template?.binds.has(type)) pathUp.push(e);
  return pathUp;
}

/** The page's text as lines, for failure messages. */
export function outline(elements: Element[]): string {
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    if (el.tag === '#text') {
      const t = squash(el.text);
      if (t) lines.push(`${'  '.repeat(depth)}${t}`);
      return;
    }
    const label = el.tag === 'input' || el.tag === 'textarea' ? `[${el.tag} ${JSON.stringify(visibleText(el))}]` : el.tag === 'button' ? '[button]' : '';
    if (label) lines.push(`${'  '.repeat(depth)}${label}`);
    for (const c of el.children) walk(c, depth + (label ? 1 : 0));
  };
  for (const el of elements.filter((e) => e.parent === null)) walk(el, 0);
  return lines.join('\n');
}
