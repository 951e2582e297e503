// #/users: the account's users with its seats, a search over every user, and Add user (internal or invited).
import { api, enc, paged } from '../api.js';
import { announce, field, form, h, input, moreButton, newPassword, uid } from '../ui.js';

/** `freshMe` reads GET /me again (the seat count changes with each user added). */
export async function usersScreen(me, freshMe) {
  const list = await paged('/users', 50, u => u.userId);
  const users = list.items;
  const status = h('p', { role: 'status', class: 'announce' });
  const search = input('search', { type: 'search', autocomplete: 'off' });
  const body = h('tbody');
  const fill = () => {
    const q = search.value.trim().toLowerCase();
    const rows = users.filter(u => !q || [u.displayName, u.extension, u.email, u.username]
      .some(v => v && v.toLowerCase().includes(q)));
    body.replaceChildren(...(rows.length ? rows.map(u => h('tr', {},
      h('td', {}, h('a', { href: '#/users/' + enc(u.userId) }, u.displayName)),
      h('td', {}, u.extension || ''),
      h('td', {}, u.username || u.email || ''),
      h('td', {}, u.role.toLowerCase()),
      h('td', {}, u.suspended ? 'suspended' : u.status.toLowerCase()))) :
      [h('tr', {}, h('td', { colspan: 5 }, 'No user matches.'))]));
  };
  // a search covers every user: the pages not loaded yet are loaded first, once
  let loadingAll = null;
  search.addEventListener('input', async () => {
    if (search.value.trim() && list.next) {
      loadingAll = loadingAll || (async () => { while (list.next) await list.more(); })();
      try {
        await loadingAll;
      } catch (e) {
        status.textContent = 'Could not load every user to search: ' + e.message;
      }
      more.hidden = !list.next;
    }
    fill();
  });
  fill();
  const more = moreButton(list, 'users', fill, { status });
  const seatsText = () => (me.accountName || 'This account') + (me.seats
    ? ': ' + me.seatsUsed + ' of ' + me.seats + ' seats of the ' + me.plan.toLowerCase() + ' plan used.' : '.');
  const seats = h('p', {}, seatsText());
  const formId = uid('add-user');
  const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': formId }, 'Add user');
  const password = newPassword('Password');
  const passwordField = password.wrap;
  const kindId = uid('kind');
  const kinds = h('fieldset', { class: 'field kinds', 'data-field': 'kind' }, h('legend', {}, 'Kind of user'),
    h('div', { class: 'check' }, h('input', { type: 'radio', name: 'kind', value: 'INTERNAL', id: kindId + '-i', checked: true }),
      h('label', { for: kindId + '-i' }, 'Internal: you set a username and a first password')),
    h('div', { class: 'check' }, h('input', { type: 'radio', name: 'kind', value: 'INVITED', id: kindId + '-v' }),
      h('label', { for: kindId + '-v' }, 'Invited: they set their own password from an invitation to their email')));
  const usernameField = field('Username', input('username', { autocomplete: 'off' }));
  const emailField = field('Email', input('email', { type: 'email', autocomplete: 'off' }));
  const syncKind = () => {
    const invited = kinds.querySelector('input:checked').value === 'INVITED';
    usernameField.hidden = invited;
    passwordField.hidden = invited;
    emailField.hidden = !invited;
  };
  kinds.addEventListener('change', syncKind);
  const add = form({ id: formId, hidden: true, 'aria-label': 'Add user' }, [
    kinds,
    usernameField,
    emailField,
    field('Display name', input('displayName', { autocomplete: 'off' })),
    passwordField,
    field('Extension', input('extension', { inputmode: 'numeric', autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Save'),
  ], async (data, f) => {
    const body = { kind: data.get('kind') };
    const fields = body.kind === 'INVITED' ? ['email', 'displayName', 'extension'] : ['username', 'displayName', 'password', 'extension'];
    for (const k of fields) {
      const v = String(data.get(k) || '').trim();
      if (v) body[k] = k === 'password' ? data.get(k) : v;
    }
    const user = await api('POST', '/users', body);
    me = await freshMe();
    seats.textContent = seatsText();
    list.add(user);
    fill();
    f.reset();
    syncKind();
    password.check();
    f.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
    announce(status, user.kind === 'INVITED' ? user.displayName + ' is invited: they become active when they accept.'
      : 'Added ' + user.displayName + '.');
  });
  syncKind();
  toggle.addEventListener('click', () => {
    add.hidden = !add.hidden;
    toggle.setAttribute('aria-expanded', String(!add.hidden));
    if (!add.hidden) add.querySelector('input').focus();
  });
  return h('section', {},
    h('h1', {}, 'Users'),
    seats,
    h('div', { class: 'toolbar' }, field('Search users', search,
      { hint: 'By name, extension, username or email.' }), toggle),
    add,
    status,
    h('table', {}, h('caption', {}, 'Users of the account'),
      h('thead', {}, h('tr', {}, ['Display name', 'Extension', 'Username or email', 'Role', 'Status']
        .map(t => h('th', { scope: 'col' }, t)))), body),
    more);
}
