import { all, api, claims, devRoutes, enc, paged, setToken, token, whenSessionExpires } from './api.js';
import { busy, date, field, form, h, input, kindName, moreButton, pagedTable, select, table, uid } from './ui.js';
import { deletionWizard } from './wizard.js';
import { jobsScreen } from './jobs.js';
import { accountPicker, accountSwitcher, invitationScreen, myAccountScreen, switchScreen } from './account.js';
import { agencyScreen } from './agency.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let signInReason = '';
let renderCount = 0;
let me = null;
let meToken = null;

/** GET /me, once per token: who is signed in, in which account, and its seats. */
async function whoAmI() {
  if (meToken !== token()) {
    me = await api('GET', '/me');
    meToken = token();
  }
  return me;
}

whenSessionExpires(reason => {
  signInReason = reason;
  location.hash = '#/sign-in';
  render();
});

document.getElementById('sign-out').addEventListener('click', () => {
  setToken(null);
  signInReason = 'You have signed out.';
  location.hash = '#/sign-in';
});

/** Signed out by the console itself (a changed password): back to sign-in, saying why. */
function signOutWith(reason) {
  setToken(null);
  signInReason = reason;
  if (location.hash === '#/sign-in') render(); else location.hash = '#/sign-in';
}

/** A new token (another account, an accepted invitation): go to `hash` with the header redone. */
function signedInTo(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

window.addEventListener('hashchange', render);
render();

/** Which screen the hash names; every screen gets a fresh page and the focus on its heading. */
async function render() {
  const mine = ++renderCount;
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/users';
  const signedIn = Boolean(token()) && !(claims()?.exp * 1000 < Date.now());
  nav.hidden = !signedIn;
  who.hidden = !signedIn;
  if (path === '/invitation') return show(mine, invitationScreen(signedInTo));
  if (!signedIn) {
    if (token()) {
      setToken(null);
      signInReason = 'Your session has expired. Sign in again.';
    }
    return show(mine, await signInScreen());
  }
  if (path === '/sign-in') {
    location.hash = '#/users';
    return;
  }
  try {
    await whoAmI();
  } catch (e) {
    if (e && e.status === 401) return;
    return show(mine, h('section', {}, h('h1', {}, 'Something went wrong'), h('p', { role: 'alert' }, e.message || String(e))));
  }
  document.getElementById('who-text').textContent = me.user.displayName + ', ' + me.user.role.toLowerCase().replace('_', ' ')
    + ' of ' + (me.accountName || me.accountId);
  accountSwitcher(document.getElementById('account-slot'), me);
  document.getElementById('nav-agency').hidden = me.user.role !== 'AGENCY_ADMIN';
  for (const link of document.querySelectorAll('header a[href^="#/"]')) {
    const current = path.startsWith(link.getAttribute('href').slice(1));
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (path === '/account') return show(mine, myAccountScreen(me, signOutWith));
  const switching = path.match(/^\/switch\/([\w-]+)$/);
  if (switching) return show(mine, switchScreen(me, switching[1], signedInTo));
  if (me.user.role === 'USER') {
    nav.hidden = true;
    return show(mine, h('section', { class: 'narrow' }, h('h1', {}, 'Admins only'),
      h('p', {}, 'You are signed in as ' + me.user.displayName + ', a user of ' + (me.accountName || me.accountId)
        + '. This console manages users, numbers, queues and callflows, which only admins may do: ask an admin of the'
        + ' account for admin access.'),
      h('p', {}, 'Your own email and password are on ', h('a', { href: '#/account' }, 'My account'), '.')));
  }
  const screens = [
    [/^\/users\/([\w-]+)\/delete$/, id => deletionWizard(id, () => mine === renderCount)],
    [/^\/users\/([\w-]+)$/, userScreen],
    [/^\/users$/, usersScreen],
    [/^\/numbers$/, numbersScreen],
    [/^\/queues$/, queuesScreen],
    [/^\/callflows$/, callflowsScreen],
    [/^\/calls$/, callsScreen],
    [/^\/jobs$/, () => jobsScreen(() => mine === renderCount)],
    [/^\/agency$/, () => agencyScreen(me, () => mine === renderCount, render)],
  ];
  let node;
  try {
    const match = screens.map(([re, fn]) => [path.match(re), fn]).find(([m]) => m);
    node = match ? await match[1](...match[0].slice(1)) : notFound();
  } catch (e) {
    if (e && e.status === 401) return;
    node = h('section', {}, h('h1', { tabindex: '-1' }, 'Something went wrong'),
      h('p', { role: 'alert' }, e && e.message ? e.message : String(e)));
  }
  show(mine, node);
}

function show(mine, node) {
  if (mine !== renderCount) return;
  main.replaceChildren(node);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    document.title = heading.textContent + ' · Cloud phone console';
    heading.focus({ preventScroll: true });
  }
}

function notFound() {
  return h('section', {}, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/users' }, 'Go to Users')));
}

/** The sign-in form; on the local stack also a way to open a test account (POST /dev/accounts). */
async function signInScreen() {
  const reason = signInReason;
  signInReason = '';
  const accountSlot = h('div');
  const signIn = form({ 'aria-labelledby': 'sign-in-title' }, [
    field('Username', input('username', { autocomplete: 'username', required: true }), {
      hint: 'Your username, or the email address you were invited with.' }),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    accountSlot,
    h('button', { type: 'submit' }, 'Sign in'),
  ], async data => {
    const login = String(data.get('username') || '').trim();
    const body = { password: String(data.get('password') || '') };
    body[login.includes('@') ? 'email' : 'username'] = login;
    if (data.get('accountId')) body.accountId = data.get('accountId');
    try {
      const session = await api('POST', '/sessions', body);
      setToken(session.token);
    } catch (e) {
      throw accountPicker(accountSlot, e);
    }
    location.hash = '#/users';
    render();
  });
  const page = h('section', { class: 'narrow' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    reason ? h('p', { class: 'notice', role: 'status' }, reason) : null,
    signIn);
  // the local stack opens test accounts (POST /dev/accounts); AWS has no such route
  if (devRoutes) page.append(localAccountForm());
  return page;
}

function localAccountForm() {
  const f = form({}, [
    h('p', {}, 'The local stack can open a fresh account for you to try the console with.'),
    field('Account name', input('name', { value: 'Acme' })),
    field('Plan', select('plan', [['TEAM', 'Team (up to 25 users)'], ['SOLO', 'Solo (owner and one user)'],
      ['FREE', 'Free (owner only)']])),
    field('Owner username', input('ownerUsername', { autocomplete: 'off' })),
    field('Owner password', input('ownerPassword', { type: 'password', autocomplete: 'new-password' }), {
      hint: 'At least 8 characters, with a digit, a lower-case and an upper-case letter.' }),
    h('button', { type: 'submit' }, 'Open account'),
  ], async data => {
    const answer = await api('POST', '/dev/accounts', {
      name: data.get('name'), plan: data.get('plan'), paid: data.get('plan') !== 'FREE',
      ownerUsername: data.get('ownerUsername'), ownerPassword: data.get('ownerPassword'),
    });
    setToken(answer.token);
    location.hash = '#/users';
    render();
  });
  return h('details', { class: 'local' }, h('summary', {}, 'No account yet? Open a test account (local stack only)'), f);
}

/** Every user of the account (all pages), for the choices other screens offer. */
async function usersList() {
  return all('/users');
}

function announce(region, text) {
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

async function usersScreen() {
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
  const password = input('password', { type: 'password', autocomplete: 'new-password' });
  const policy = h('span');
  const checkPolicy = () => {
    const v = password.value;
    const missing = [v.length >= 8 ? null : '8 characters', /\d/.test(v) ? null : 'a digit',
      /[a-z]/.test(v) ? null : 'a lower-case letter', /[A-Z]/.test(v) ? null : 'an upper-case letter'].filter(Boolean);
    policy.textContent = missing.length ? 'Still needs: ' + missing.join(', ') + '.' : 'The password meets the policy.';
  };
  password.addEventListener('input', checkPolicy);
  checkPolicy();
  const passwordField = field('Password', password, { hint: 'At least 8 characters, with a digit, a lower-case and an upper-case letter. ' });
  passwordField.querySelector('.hint').append(policy);
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
    meToken = null;
    await whoAmI();
    seats.textContent = seatsText();
    list.add(user);
    fill();
    f.reset();
    syncKind();
    checkPolicy();
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

async function userScreen(userId) {
  const [user, devices, numbers, contacts] = await Promise.all([
    api('GET', '/users/' + enc(userId)),
    api('GET', '/users/' + enc(userId) + '/devices').then(d => d.devices),
    all('/numbers?state=ASSIGNED').then(n => n.filter(x => x.assigneeUserId === userId)),
    api('GET', '/users/' + enc(userId) + '/contacts').then(c => c.contacts),
  ]);
  const status = h('p', { role: 'status', class: 'announce' });
  const deviceList = h('ul', { class: 'plain' });
  const fillDevices = () => deviceList.replaceChildren(...(devices.length ? devices.map(d => h('li', {},
    d.name + ' (' + kindName(d.kind) + '), logged in ' + date(d.loggedInAt) + ' ',
    h('button', { type: 'button', class: 'secondary', onclick: async e => {
      await busy(e.currentTarget, async () => {
        try {
          await api('DELETE', '/users/' + enc(userId) + '/devices/' + enc(d.deviceId));
          devices.splice(devices.indexOf(d), 1);
          announce(status, d.name + ' is logged out.');
        } catch (err) {
          announce(status, err.message);
        }
      });
      fillDevices();
    } }, 'Log out ' + d.name))) : [h('li', {}, 'No device is logged in.')]));
  fillDevices();
  const login = form({ 'aria-labelledby': 'log-in-title' }, [
    h('h3', { id: 'log-in-title' }, 'Log a device in'),
    field('Device kind', select('kind', [['SOFTPHONE', 'Softphone'], ['DESK_PHONE', 'Desk phone']])),
    field('Device name', input('name', { autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Log in device'),
  ], async (data, f) => {
    const device = await api('POST', '/users/' + enc(userId) + '/devices', { kind: data.get('kind'), name: data.get('name') });
    devices.push(device);
    fillDevices();
    f.reset();
    announce(status, device.name + ' is logged in.');
  });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zone = zones.length
    ? select('timezone', [['', 'Not set'], ...zones.map(z => [z, z.replace(/_/g, ' ')])])
    : input('timezone', { autocomplete: 'off' });
  zone.value = user.timezone || '';
  const checkbox = (name, text, checked, hint) => {
    const id = uid('cb');
    const hintEl = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
    const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
    return h('div', { class: 'field check', 'data-field': name },
      h('input', { type: 'checkbox', id, name, checked, 'aria-describedby': (hint ? id + '-hint ' : '') + id + '-error' }),
      h('label', { for: id }, text), hintEl, error);
  };
  const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  const dayName = d => d.charAt(0) + d.slice(1).toLowerCase();
  const hours = user.businessHours || {};
  const dayRows = DAYS.map(day => {
    const id = uid('day');
    const open = h('input', { type: 'time', id: id + '-open', name: day + '.open', value: hours[day] ? hours[day].open : '09:00' });
    const close = h('input', { type: 'time', id: id + '-close', name: day + '.close', value: hours[day] ? hours[day].close : '17:00' });
    const on = h('input', { type: 'checkbox', id: id + '-on', name: day + '.on', checked: Boolean(hours[day]) });
    const sync = () => { open.disabled = !on.checked; close.disabled = !on.checked; };
    on.addEventListener('change', sync);
    sync();
    const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
    [on, open, close].forEach(c => c.setAttribute('aria-describedby', error.id));
    return h('div', { class: 'field day', 'data-field': 'businessHours.' + day },
      h('span', { class: 'check' }, on, h('label', { for: on.id }, 'Open on ' + dayName(day))),
      h('label', { for: open.id }, h('span', { class: 'sr-only' }, dayName(day) + ' '), 'opens at'), open,
      h('label', { for: close.id }, h('span', { class: 'sr-only' }, dayName(day) + ' '), 'closes at'), close, error);
  });
  const hoursOf = data => {
    const out = {};
    for (const day of DAYS) {
      if (data.get(day + '.on') === 'on') out[day] = { open: String(data.get(day + '.open')), close: String(data.get(day + '.close')) };
    }
    return out;
  };
  const sameHours = (a, b) => DAYS.every(d => JSON.stringify(a[d] || null) === JSON.stringify(b[d] || null));
  const team = me.plan === 'TEAM';
  const leadRouting = checkbox('leadRouting', 'Lead routing', user.leadRouting, team
    ? 'Puts them in the round-robin lead router and call broadcast.'
    : 'The round-robin lead router and call broadcast need the Team plan; this account is on the '
      + me.plan.toLowerCase() + ' plan.');
  if (!team) leadRouting.querySelector('input').disabled = true;
  const settingsStatus = h('p', { role: 'status', class: 'announce' });
  const settings = form({ 'aria-label': 'Settings of ' + user.displayName, class: 'settings' }, [
    h('h2', {}, 'Settings'),
    field('Display name', input('displayName', { value: user.displayName, autocomplete: 'off' })),
    field('Extension', input('extension', { value: user.extension || '', inputmode: 'numeric', autocomplete: 'off' })),
    field('Timezone', zone, { name: 'timezone', hint: 'Decides when automated texts go out.' }),
    checkbox('suspended', 'Suspended', user.suspended, 'A suspended user cannot sign in or use the API.'),
    checkbox('admin', 'Admin access', user.admin, 'Admins manage users, numbers, queues and callflows.'),
    leadRouting,
    h('fieldset', { class: 'field hours', 'data-field': 'businessHours' }, h('legend', {}, 'Business hours'),
      h('p', { class: 'hint' }, 'Automated texts go out only in these hours, in their timezone. A day left unticked is closed.'),
      dayRows, h('p', { class: 'field-error', hidden: true })),
    h('button', { type: 'submit' }, 'Save settings'),
    settingsStatus,
  ], async data => {
    const patch = {};
    const text = k => String(data.get(k) || '').trim();
    if (text('displayName') !== user.displayName) patch.displayName = text('displayName');
    if (text('extension') !== (user.extension || '')) patch.extension = text('extension');
    if (text('timezone') && text('timezone') !== (user.timezone || '')) patch.timezone = text('timezone');
    if ((data.get('suspended') === 'on') !== Boolean(user.suspended)) patch.suspended = data.get('suspended') === 'on';
    if ((data.get('admin') === 'on') !== Boolean(user.admin)) patch.admin = data.get('admin') === 'on';
    if (team && (data.get('leadRouting') === 'on') !== Boolean(user.leadRouting)) patch.leadRouting = data.get('leadRouting') === 'on';
    if (!sameHours(hoursOf(data), user.businessHours || {})) patch.businessHours = hoursOf(data);
    if (!Object.keys(patch).length) {
      announce(settingsStatus, 'Nothing to save: no setting was changed.');
      return;
    }
    const saved = await api('PATCH', '/users/' + enc(userId), patch);
    Object.assign(user, saved);
    main.querySelector('h1').textContent = saved.displayName;
    announce(settingsStatus, 'Settings of ' + saved.displayName + ' saved.');
  });
  const details = [['Username', user.username], ['Email', user.email],
    ['Role', user.role && user.role.toLowerCase()], ['Status', user.suspended ? 'suspended' : user.status.toLowerCase()],
    ['Added', date(user.createdAt)]].filter(([, v]) => v);
  return h('section', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users')),
    h('h1', {}, user.displayName),
    h('dl', { class: 'facts' }, details.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    settings,
    h('h2', {}, 'Numbers'),
    h('ul', { class: 'plain' }, numbers.length ? numbers.map(n => h('li', {}, n.number)) : h('li', {}, 'No number is assigned.')),
    h('h2', {}, 'Contacts'),
    h('p', {}, 'The leads and conversations of their numbers; they follow a number when it is reassigned.'),
    table('Contacts of ' + user.displayName, ['Name', 'Phone', 'On number'], contacts.map(c => h('tr', {},
      h('td', {}, c.name), h('td', {}, c.phone), h('td', {}, c.number)))),
    h('h2', {}, 'Logged-in devices'),
    deviceList,
    login,
    status,
    h('h2', {}, 'Take this user out'),
    h('p', {}, 'Deleting checks first what still depends on ' + user.displayName + ' and lets you decide what happens to it.'),
    h('button', { type: 'button', class: 'danger', onclick: () => { location.hash = '#/users/' + enc(userId) + '/delete'; } },
      'Delete user'));
}

async function numbersScreen() {
  const [list, users] = await Promise.all([paged('/numbers'), usersList()]);
  const numbers = list.items;
  const names = Object.fromEntries(users.map(u => [u.userId, u.displayName]));
  const status = h('p', { role: 'status', class: 'announce' });
  const add = form({ 'aria-label': 'Add a number' }, [
    field('Number', input('number', { autocomplete: 'off', inputmode: 'tel' }), { hint: 'In E.164 form, such as +14155550100.' }),
    h('button', { type: 'submit' }, 'Add number'),
  ], async data => {
    const n = await api('POST', '/numbers', { number: String(data.get('number') || '').trim() });
    sessionStorage.setItem('cloudphone.flash', n.number + ' was added and is available.');
    render();
  });
  const flash = sessionStorage.getItem('cloudphone.flash');
  sessionStorage.removeItem('cloudphone.flash');
  if (flash) announce(status, flash);
  const assignForm = n => form({ class: 'inline', 'aria-label': 'Assign ' + n.number }, [
    field((n.state === 'ASSIGNED' ? 'Reassign ' : 'Assign ') + n.number + ' to',
      select('userId', users.filter(u => u.userId !== n.assigneeUserId).map(u => [u.userId, u.displayName])), {
        name: 'userId', hint: n.state === 'ASSIGNED' ? 'Its contacts and future calls follow the number.' : null }),
    h('button', { type: 'submit', class: 'secondary', 'aria-label': (n.state === 'ASSIGNED' ? 'Reassign ' : 'Assign ') + n.number },
      n.state === 'ASSIGNED' ? 'Reassign' : 'Assign'),
  ], async data => {
    await api('PUT', '/numbers/' + enc(n.number) + '/assignee', { userId: data.get('userId') });
    sessionStorage.setItem('cloudphone.flash', n.number + ' is now assigned to ' + names[data.get('userId')] + '.');
    render();
  });
  const recycle = n => h('button', { type: 'button', class: 'secondary', onclick: async e => {
    await busy(e.currentTarget, async () => {
      try {
        await api('POST', '/numbers/' + enc(n.number) + '/recycle');
        sessionStorage.setItem('cloudphone.flash', n.number + ' is available again, still owned by the account.');
        render();
      } catch (err) {
        announce(status, err.message);
      }
    });
  } }, 'Recycle ' + n.number);
  const heirs = n => numbers.filter(o => o.number !== n.number && o.state !== 'RELEASED').map(o => [o.number, o.number]);
  const releaseForm = n => heirs(n).length ? form({ class: 'inline', 'aria-label': 'Release ' + n.number }, [
    field('Contacts of ' + n.number + ' go to', select('contactsHeir', heirs(n)), {
      name: 'contactsHeir', hint: 'Releasing puts the number out of service for good: it cannot be undone.' }),
    h('button', { type: 'submit', class: 'secondary' }, 'Release ' + n.number),
  ], async data => {
    await api('POST', '/numbers/' + enc(n.number) + '/release', { contactsHeir: data.get('contactsHeir') });
    sessionStorage.setItem('cloudphone.flash', n.number + ' was released; its contacts went to ' + data.get('contactsHeir') + '.');
    render();
  }) : null;
  const column = (state, title, cells) => {
    const rows = numbers.filter(n => n.state === state);
    return h('section', { class: 'column', 'aria-labelledby': 'numbers-' + state },
      h('h2', { id: 'numbers-' + state }, title + ' (' + rows.length + ')'),
      h('ul', { class: 'cards' }, rows.length ? rows.map(n => h('li', {}, h('strong', {}, n.number), cells(n))) : h('li', {}, 'None.')));
  };
  const columns = h('div', { class: 'columns' });
  const fill = () => columns.replaceChildren(
    column('AVAILABLE', 'Available', n => [users.length ? assignForm(n) : null, releaseForm(n)]),
    column('ASSIGNED', 'Assigned', n => [h('p', {}, 'Assigned to ' + (names[n.assigneeUserId] || n.assigneeUserId)),
      assignForm(n), h('p', {}, recycle(n)), releaseForm(n)]),
    column('RELEASED', 'Released', () => h('p', {}, 'Out of service for good.')));
  fill();
  return h('section', {},
    h('h1', {}, 'Numbers'),
    add, status,
    list.next ? h('p', { class: 'hint' }, 'The counts are of the numbers loaded so far.') : null,
    columns,
    moreButton(list, 'numbers', fill, { status }));
}

function checkboxes(legend, name, options) {
  const error = h('p', { class: 'field-error', hidden: true, id: uid('err') });
  return h('fieldset', { class: 'field', 'data-field': name, 'aria-describedby': error.id },
    h('legend', {}, legend),
    options.length ? options.map(([value, text]) => {
      const id = uid('cb');
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name, value }), h('label', { for: id }, text));
    }) : h('p', {}, 'None to choose from.'),
    error);
}

async function queuesScreen() {
  const [queues, users] = await Promise.all([paged('/queues'), usersList()]);
  const f = form({ 'aria-label': 'Create a queue' }, [
    h('h2', {}, 'New queue'),
    field('Queue name', input('name', { autocomplete: 'off' })),
    checkboxes('Members', 'memberUserIds', users.map(u => [u.userId, u.displayName + (u.extension ? ' (' + u.extension + ')' : '')])),
    h('button', { type: 'submit' }, 'Create queue'),
  ], async data => {
    await api('POST', '/queues', { name: String(data.get('name') || '').trim(), memberUserIds: data.getAll('memberUserIds') });
    render();
  });
  const status = h('p', { role: 'status', class: 'announce' });
  const remove = (q, m) => h('button', { type: 'button', class: 'link', onclick: e => busy(e.currentTarget, async () => {
    try {
      await api('DELETE', '/queues/' + enc(q.queueId) + '/members/' + enc(m.userId));
      sessionStorage.setItem('cloudphone.flash', m.displayName + ' left the queue ' + q.name + '.');
      render();
    } catch (err) {
      announce(status, err.message);
    }
  }) }, 'Remove ' + m.displayName + ' from ' + q.name);
  const flash = sessionStorage.getItem('cloudphone.flash');
  sessionStorage.removeItem('cloudphone.flash');
  if (flash) announce(status, flash);
  return h('section', {},
    h('h1', {}, 'Queues'),
    status,
    pagedTable('Call queues', ['Queue', 'Members (extension)'], queues, q => h('tr', {},
      h('td', {}, q.name),
      h('td', {}, q.members.length ? h('ul', { class: 'plain' }, q.members.map(m => h('li', {},
        m.displayName + (m.extension ? ' (' + m.extension + ') ' : ' '), remove(q, m)))) : 'No members')),
      'queues', { status }),
    f);
}

async function callflowsScreen() {
  const [list, users, numbers] = await Promise.all([paged('/callflows'), usersList(), all('/numbers')]);
  const callflows = list.items;
  const names = Object.fromEntries(users.map(u => [u.userId, u.displayName]));
  const routed = new Set(callflows.flatMap(c => c.numbers));
  const kind = select('kind', [['DIRECT', 'Direct line (to one user)'], ['GROUP', 'Group (rings several users)']]);
  const direct = field('User', select('userId', users.map(u => [u.userId, u.displayName])), { name: 'userId' });
  const group = checkboxes('Users to dial', 'dialUserIds', users.map(u => [u.userId, u.displayName]));
  const sync = () => { direct.hidden = kind.value !== 'DIRECT'; group.hidden = kind.value !== 'GROUP'; };
  kind.addEventListener('change', sync);
  sync();
  const f = form({ 'aria-label': 'Create a callflow' }, [
    h('h2', {}, 'New callflow'),
    field('Callflow name', input('name', { autocomplete: 'off' })),
    field('Kind', kind, { name: 'kind' }),
    checkboxes('Numbers it routes', 'numbers', numbers.filter(n => n.state !== 'RELEASED' && !n.callflowId && !routed.has(n.number))
      .map(n => [n.number, n.number])),
    direct, group,
    h('button', { type: 'submit' }, 'Create callflow'),
  ], async data => {
    const body = { name: String(data.get('name') || '').trim(), kind: data.get('kind'), numbers: data.getAll('numbers') };
    if (body.kind === 'DIRECT') body.userId = data.get('userId'); else body.dialUserIds = data.getAll('dialUserIds');
    await api('POST', '/callflows', body);
    render();
  });
  const versionText = (c, v) => 'v' + v.version + ' ' + v.status.toLowerCase() + ': ' + (c.kind === 'DIRECT'
    ? 'to ' + (names[v.userId] || v.userId) : 'dials ' + (v.dialUserIds.map(id => names[id] || id).join(', ') || 'nobody'));
  const status = h('p', { role: 'status', class: 'announce' });
  const flash = sessionStorage.getItem('cloudphone.flash');
  sessionStorage.removeItem('cloudphone.flash');
  if (flash) announce(status, flash);
  const act = (text, method, path, done) => h('button', { type: 'button', class: 'link', onclick: e => busy(e.currentTarget, async () => {
    try {
      await api(method, path);
      sessionStorage.setItem('cloudphone.flash', done);
      render();
    } catch (err) {
      announce(status, err.message);
    }
  }) }, text);
  const reassign = c => {
    const targets = callflows.filter(o => o.callflowId !== c.callflowId).map(o => [o.callflowId, o.name]);
    return c.numbers.length && targets.length ? form({ class: 'inline', 'aria-label': 'Reassign ' + c.name }, [
      field('Move the numbers of ' + c.name + ' to', select('targetCallflowId', targets), { name: 'targetCallflowId' }),
      h('button', { type: 'submit', class: 'secondary' }, 'Reassign ' + c.name),
    ], async data => {
      await api('POST', '/callflows/' + enc(c.callflowId) + '/reassign', { targetCallflowId: data.get('targetCallflowId') });
      sessionStorage.setItem('cloudphone.flash', 'The numbers of ' + c.name + ' moved; it is available now.');
      render();
    }) : null;
  };
  const groupEdit = c => {
    const active = c.versions.find(v => v.status === 'ACTIVE') || c.versions[c.versions.length - 1];
    const box = checkboxes('Users the group ' + c.name + ' dials', 'dialUserIds', users.map(u => [u.userId, u.displayName]));
    box.querySelectorAll('input').forEach(i => { i.checked = active.dialUserIds.includes(i.value); });
    return h('details', { class: 'group-edit' }, h('summary', {}, 'Edit the dial list of ' + c.name),
      form({ 'aria-label': 'Dial list of ' + c.name }, [
        box,
        h('p', { class: 'hint' }, 'Saving makes a new active version; the current one stays, available, until you delete it.'),
        h('button', { type: 'submit', class: 'secondary' }, 'Save the dial list of ' + c.name),
      ], async data => {
        const saved = await api('POST', '/callflows/' + enc(c.callflowId) + '/versions', { dialUserIds: data.getAll('dialUserIds') });
        const version = saved && saved.versions ? Math.max(...saved.versions.map(v => v.version)) : null;
        sessionStorage.setItem('cloudphone.flash', 'The dial list of ' + c.name + ' is saved' + (version ? ' as version ' + version : '') + '.');
        render();
      }));
  };
  return h('section', {},
    h('h1', {}, 'Callflows'),
    status,
    pagedTable('Callflows and their versions', ['Callflow', 'Kind', 'Status', 'Numbers', 'Versions'], list, c => h('tr', {},
      h('td', {}, c.name, c.status === 'AVAILABLE'
        ? h('p', {}, act('Delete ' + c.name, 'DELETE', '/callflows/' + enc(c.callflowId), c.name + ' was deleted.')) : null),
      h('td', {}, kindName(c.kind)), h('td', {}, c.status.toLowerCase()),
      h('td', {}, c.numbers.join(', ') || 'none', reassign(c)),
      h('td', {}, h('ul', { class: 'plain' }, c.versions.map(v => h('li', {}, versionText(c, v), ' ',
        v.status === 'AVAILABLE' && c.versions.length > 1
          ? act('Delete version ' + v.version + ' of ' + c.name, 'DELETE', '/callflows/' + enc(c.callflowId) + '/versions/' + v.version,
            'Version ' + v.version + ' of ' + c.name + ' was deleted.') : null))),
        c.kind === 'GROUP' ? groupEdit(c) : null)), 'callflows', { status }),
    f);
}

async function callsScreen() {
  const userId = new URLSearchParams(location.hash.split('?')[1] || '').get('userId') || '';
  const users = await usersList();
  const known = users.some(u => u.userId === userId);
  const calls = await paged('/calls' + (known ? '?userId=' + enc(userId) : ''));
  const names = Object.fromEntries(users.map(u => [u.userId, u.displayName]));
  const who = c => names[c.userId] || c.userLabel || (c.userName ? c.userName + ' (no longer a user)' : '');
  const filter = select('userId', [['', 'All users'], ...users.map(u => [u.userId, u.displayName])]);
  filter.value = known ? userId : '';
  filter.addEventListener('change', () => {
    location.hash = '#/calls' + (filter.value ? '?userId=' + enc(filter.value) : '');
  });
  return h('section', {},
    h('h1', {}, 'Calls'),
    h('p', {}, 'Call history stays when a user is deleted; removed users are not in the filter.'),
    field('Show calls of', filter),
    pagedTable('Call log', ['Started', 'From', 'To', 'User', 'Duration'], calls, c => h('tr', {},
      h('td', {}, date(c.startedAt)), h('td', {}, c.from), h('td', {}, c.to),
      h('td', {}, who(c)), h('td', {}, c.durationSeconds + ' s')), 'calls', { empty: 'No calls.' }));
}
