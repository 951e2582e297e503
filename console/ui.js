// Small DOM helpers. Text always goes in as text nodes, never as HTML.
let ids = 0;

export function uid(prefix) {
  ids += 1;
  return prefix + '-' + ids;
}

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** A labelled input (or select) with a slot for its error, tied together for screen readers. */
export function field(label, control, { hint, name } = {}) {
  const id = control.id || uid('f');
  control.id = id;
  if (name) control.name = name;
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const described = [];
  let hintEl = null;
  if (hint) {
    hintEl = h('p', { class: 'hint', id: id + '-hint' }, hint);
    described.push(hintEl.id);
  }
  described.push(error.id);
  control.setAttribute('aria-describedby', described.join(' '));
  const wrap = h('div', { class: 'field', 'data-field': control.name || '' },
    h('label', { for: id }, label), hintEl, control, error);
  return wrap;
}

/** A single checkbox with its label, an optional hint and a slot for its error. */
export function checkbox(name, text, checked, hint) {
  const id = uid('cb');
  const hintEl = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  return h('div', { class: 'field check', 'data-field': name },
    h('input', { type: 'checkbox', id, name, checked, 'aria-describedby': (hint ? id + '-hint ' : '') + id + '-error' }),
    h('label', { for: id }, text), hintEl, error);
}

/** A fieldset of checkboxes, one per [value, text] option, all sent under `name`. */
export function checkboxes(legend, name, options) {
  const error = h('p', { class: 'field-error', hidden: true, id: uid('err') });
  return h('fieldset', { class: 'field', 'data-field': name, 'aria-describedby': error.id },
    h('legend', {}, legend),
    options.length ? options.map(([value, text]) => {
      const id = uid('cb');
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name, value }), h('label', { for: id }, text));
    }) : h('p', {}, 'None to choose from.'),
    error);
}

const POLICY = 'At least 8 characters, with a digit, a lower-case and an upper-case letter. ';

/** A new-password field whose hint says, as they type, what the password policy still needs. */
export function newPassword(label, name = 'password') {
  const control = input(name, { type: 'password', autocomplete: 'new-password' });
  const policy = h('span');
  const check = () => {
    const v = control.value;
    const missing = [v.length >= 8 ? null : '8 characters', /\d/.test(v) ? null : 'a digit',
      /[a-z]/.test(v) ? null : 'a lower-case letter', /[A-Z]/.test(v) ? null : 'an upper-case letter'].filter(Boolean);
    policy.textContent = missing.length ? 'Still needs: ' + missing.join(', ') + '.' : 'The password meets the policy.';
  };
  control.addEventListener('input', check);
  check();
  const wrap = field(label, control, { hint: POLICY });
  wrap.querySelector('.hint').append(policy);
  return { wrap, control, check };
}

export function input(name, attrs = {}) {
  return h('input', { name, type: 'text', ...attrs });
}

export function select(name, options, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map(([value, text]) => h('option', { value }, text)));
}

/** Clears the errors a form shows. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(p => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(c => c.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-error');
  if (summary) { summary.hidden = true; summary.textContent = ''; }
}

/**
 * Shows an API error in words: each detail next to the field it names (a field's name, or the start of one, as
 * in "callflows[cf_1].targetCallflowId"), the rest in the form's summary. Focus goes to the first bad field.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const leftover = [];
  let first = null;
  for (const detail of error.details || []) {
    const target = detail && detail.field ? findField(form, detail.field) : null;
    if (!target) {
      leftover.push(describe(detail));
      continue;
    }
    const control = target.querySelector('input, select, textarea');
    const slot = target.querySelector('.field-error');
    slot.hidden = false;
    slot.textContent = slot.textContent ? slot.textContent + '; ' + detail.message : fieldLabel(target) + ' ' + detail.message;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    }
  }
  const summary = form.querySelector('.form-error');
  const lines = [error.message, ...leftover].filter(Boolean);
  if (summary) {
    summary.hidden = false;
    summary.textContent = lines.join(' ');
  }
  (first || summary)?.focus?.();
}

function fieldLabel(target) {
  const label = target.querySelector(':scope > legend') || target.querySelector('label');
  return label ? label.textContent + ':' : '';
}

function findField(form, name) {
  const all = [...form.querySelectorAll('[data-field]')].filter(el => el.dataset.field);
  return all.find(el => el.dataset.field === name)
    || all.filter(el => name.startsWith(el.dataset.field)).sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0]
    || null;
}

function describe(detail) {
  if (!detail) return '';
  if (detail.field) return detail.field + ': ' + detail.message + '.';
  if (detail.type === 'DEVICE') return 'Logged in on ' + detail.name + ' (' + kindName(detail.kind) + ').';
  if (detail.name) return detail.type + ' ' + detail.name + '.';
  if (detail.number) return detail.type + ' ' + detail.number + '.';
  return detail.message || '';
}

export function kindName(kind) {
  return { SOFTPHONE: 'softphone', DESK_PHONE: 'desk phone', DIRECT: 'direct line', GROUP: 'group' }[kind] || kind;
}

export function roleName(role) {
  return { AGENCY_ADMIN: 'agency admin', ADMIN: 'admin', USER: 'user' }[role] || String(role).toLowerCase();
}

/** A screen that could not be drawn: the error in words, in place of the screen. */
export function errorSection(error) {
  return h('section', {}, h('h1', {}, 'Something went wrong'),
    h('p', { role: 'alert' }, error && error.message ? error.message : String(error)));
}

/** Says `text` in a live region; emptied first, so the same words twice are read twice. */
export function announce(region, text) {
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

const FLASH = 'cloudphone.flash';

/** Keeps a message for the next screen drawn in this tab (most actions draw their screen again). */
export function flash(text) {
  sessionStorage.setItem(FLASH, text);
}

/** Announces in `region` the message kept by `flash`, once. */
export function showFlash(region) {
  const text = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  if (text) announce(region, text);
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
}

/** Runs an action with its button disabled and marked busy, and always gives the button back. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A form whose submit runs `action`; an ApiError is shown in the form, anything else is rethrown. */
export function form(attrs, children, action) {
  const f = h('form', { novalidate: true, ...attrs }, children, formError());
  f.addEventListener('submit', async event => {
    event.preventDefault();
    const button = event.submitter || f.querySelector('button[type=submit]');
    clearErrors(f);
    await busy(button, async () => {
      try {
        await action(new FormData(f), f);
      } catch (e) {
        if (e && e.details !== undefined) {
          showErrors(f, e);
        } else {
          throw e;
        }
      }
    });
  });
  return f;
}

export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function table(caption, headers, rows) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length }, 'None yet.'))));
}

/**
 * "Load more" under a paged list (see api.js `paged`): shown while the list has a next page; a click loads it,
 * calls `shown` to draw the rows again, says how many came in `status` (or its own polite live region), and keeps
 * the keyboard focus on the button, or on `after` once the end is reached.
 */
export function moreButton(list, noun, shown, { status, after } = {}) {
  const region = status || h('p', { 'aria-live': 'polite', class: 'announce' });
  const button = h('button', { type: 'button', class: 'secondary more' }, 'Load more ' + noun);
  const sync = () => { button.hidden = !list.next; };
  button.addEventListener('click', () => busy(button, async () => {
    const added = await list.more();
    shown();
    sync();
    region.textContent = added.length + ' more ' + noun + ' loaded, ' + list.items.length + ' shown'
      + (list.next ? '.' : '; that is all of them.');
    if (button.hidden && after) after.focus();
  }));
  sync();
  return status ? button : h('div', { class: 'more' }, button, region);
}

/** A table of a paged list with its "Load more" button; `row` draws one item. */
export function pagedTable(caption, headers, list, row, noun, options = {}) {
  const body = h('tbody');
  const tableEl = h('table', { tabindex: '-1' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
    body);
  const fill = () => body.replaceChildren(...(list.items.length ? list.items.map(row)
    : [h('tr', {}, h('td', { colspan: headers.length }, options.empty || 'None yet.'))]));
  fill();
  return h('div', {}, tableEl, moreButton(list, noun, fill, { ...options, after: tableEl }));
}
