// A very small DOM for the unit tests of the page modules (forms.js, scenario.js, player.js):
// elements with attributes, children, events and the selectors the runtime uses (tag, #id,
// .class, [attr], [attr="v"], [attr^="v"], descendant and child combinators, lists). Not a test.
'use strict';

function parseCompound(text) {
  const c = { tag: null, id: null, classes: [], attrs: [] };
  const re = /^([a-zA-Z0-9]+)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:(\^?=)"([^"]*)")?\]/g;
  let m, pos = 0;
  while ((m = re.exec(text)) !== null && m.index === pos) {
    pos = re.lastIndex;
    if (m[1]) c.tag = m[1].toUpperCase();
    else if (m[2]) c.id = m[2];
    else if (m[3]) c.classes.push(m[3]);
    else c.attrs.push({ name: m[4], op: m[5] || null, value: m[6] });
    re.lastIndex = pos;
    if (pos >= text.length) break;
  }
  if (pos !== text.length) throw new Error('fakedom: selector not understood: ' + text);
  return c;
}
function parse(selector) {
  return selector.split(',').map((part) => {
    const tokens = part.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
    const steps = [];
    let comb = ' ';
    for (const t of tokens) {
      if (t === '>') { comb = '>'; continue; }
      steps.push({ comb, c: parseCompound(t) });
      comb = ' ';
    }
    return steps;
  });
}
function matchesCompound(el, c) {
  if (c.tag && el.tagName !== c.tag) return false;
  if (c.id && el.getAttribute('id') !== c.id) return false;
  for (const k of c.classes) if (!el.classList.contains(k)) return false;
  for (const a of c.attrs) {
    if (!el.hasAttribute(a.name)) return false;
    const v = el.getAttribute(a.name);
    if (a.op === '=' && v !== a.value) return false;
    if (a.op === '^=' && !v.startsWith(a.value)) return false;
  }
  return true;
}
function matchesSteps(el, steps, i, root) {
  if (!matchesCompound(el, steps[i].c)) return false;
  if (i === 0) return true;
  let p = el.parentNode;
  if (steps[i].comb === '>') return !!p && p !== root.parentNode && p.nodeType === 1 && matchesSteps(p, steps, i - 1, root);
  for (; p && p.nodeType === 1; p = p.parentNode) if (matchesSteps(p, steps, i - 1, root)) return true;
  return false;
}

class Element {
  constructor(tag, doc) {
    this.tagName = tag.toUpperCase(); this.ownerDocument = doc; this.nodeType = 1;
    this.attrs = {}; this.children = []; this.parentNode = null; this.listeners = {};
    this.hidden = false; this.disabled = false; this.checked = false; this.value = ''; this._text = '';
    this.innerHTML = ''; this.className = ''; this.tabIndex = 0; this.type = '';
    const self = this;
    this.classList = {
      add: (k) => { if (!self.classList.contains(k)) self.className = (self.className + ' ' + k).trim(); },
      contains: (k) => self.className.split(/\s+/).includes(k)
    };
  }
  get textContent() { return this._text + this.children.map((c) => c.textContent).join(''); }
  set textContent(t) { this._text = String(t); this.children.forEach((c) => { c.parentNode = null; }); this.children = []; }
  setAttribute(k, v) { this.attrs[k] = String(v); if (k === 'class') this.className = String(v); }
  getAttribute(k) { if (k === 'class') return this.className; return k in this.attrs ? this.attrs[k] : null; }
  hasAttribute(k) { return k in this.attrs || (k === 'class' && !!this.className); }
  removeAttribute(k) { delete this.attrs[k]; }
  appendChild(c) { return this.insertBefore(c, null); }
  remove() { if (this.parentNode) { this.parentNode.children.splice(this.parentNode.children.indexOf(this), 1); this.parentNode = null; } }
  insertBefore(c, ref) {
    if (c.parentNode) c.parentNode.children.splice(c.parentNode.children.indexOf(c), 1);
    const at = ref ? this.children.indexOf(ref) : -1;
    if (at < 0) this.children.push(c); else this.children.splice(at, 0, c);
    c.parentNode = this;
    return c;
  }
  get previousElementSibling() { const s = this.parentNode && this.parentNode.children; return s ? s[s.indexOf(this) - 1] || null : null; }
  get nextElementSibling() { const s = this.parentNode && this.parentNode.children; return s ? s[s.indexOf(this) + 1] || null : null; }
  contains(el) { for (let p = el; p; p = p.parentNode) if (p === this) return true; return false; }
  descendants() { const out = []; const walk = (e) => e.children.forEach((c) => { out.push(c); walk(c); }); walk(this); return out; }
  querySelectorAll(sel) {
    const lists = parse(sel);
    return this.descendants().filter((el) => lists.some((steps) => matchesSteps(el, steps, steps.length - 1, this)));
  }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
  matches(sel) { return parse(sel).some((steps) => matchesSteps(this, steps, steps.length - 1, { parentNode: null })); }
  closest(sel) { for (let p = this; p && p.nodeType === 1; p = p.parentNode) if (p.matches(sel)) return p; return null; }
  addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); }
  focus() { this.ownerDocument.activeElement = this; }
  scrollIntoView() { this.ownerDocument.scrolledTo = this; }
  dispatch(type, extra) { // bubbles to the document
    const ev = Object.assign({ type, target: this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } }, extra || {});
    for (let p = this; p; p = p.parentNode) (p.listeners[type] || []).forEach((f) => f(ev));
    return ev;
  }
  click() { return this.dispatch('click'); }
}
class Document {
  constructor() {
    this.nodeType = 9; this.listeners = {}; this.readyState = 'complete'; this.visibilityState = 'visible';
    this.documentElement = new Element('html', this);
    this.documentElement.parentNode = this;
    this.body = this.el('body');
    this.documentElement.appendChild(this.body);
    this.children = [this.documentElement];
  }
  createElement(tag) { return new Element(tag, this); }
  // el('div', {attr: value}, [children] | 'text')
  el(tag, attrs, kids) {
    const e = this.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'value' || k === 'type') e[k] = v; else e.setAttribute(k, v);
    });
    if (typeof kids === 'string') e.textContent = kids; else (kids || []).forEach((c) => e.appendChild(c));
    return e;
  }
  getElementById(id) { return this.documentElement.querySelector('#' + id); }
  querySelectorAll(sel) { return this.documentElement.querySelectorAll(sel); }
  querySelector(sel) { return this.documentElement.querySelector(sel); }
  addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); }
}
module.exports = { Document, Element };
