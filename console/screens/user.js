// #/users/{id}: a user's settings (business hours included), numbers, contacts and logged-in devices.
import { all, api, enc } from '../api.js';
import { announce, busy, checkbox, date, field, form, h, input, kindName, select, table, uid } from '../ui.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const dayName = d => d.charAt(0) + d.slice(1).toLowerCase();

/** A row per weekday: open that day or not, and its opening and closing times. */
function dayRows(hours) {
  return DAYS.map(day => {
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
}

function hoursOf(data) {
  const out = {};
  for (const day of DAYS) {
    if (data.get(day + '.on') === 'on') out[day] = { open: String(data.get(day + '.open')), close: String(data.get(day + '.close')) };
  }
  return out;
}

const sameHours = (a, b) => DAYS.every(d => JSON.stringify(a[d] || null) === JSON.stringify(b[d] || null));

/** For a user who has not accepted their invitation: until when it works, and a new one (the old one then stops). */
function invitationSection(user, userId) {
  if (user.status !== 'INVITED') return [];
  const until = () => user.invitationExpiresAt
    ? 'Their invitation works until ' + date(user.invitationExpiresAt) + '.' : 'Their invitation has no end date.';
  const expiry = h('p', {}, until());
  const link = h('p', { class: 'invitation-link', hidden: true });
  const status = h('p', { role: 'status', class: 'announce' });
  const send = h('button', { type: 'button', class: 'secondary', onclick: async e => {
    await busy(e.currentTarget, async () => {
      try {
        const sent = await api('POST', '/users/' + enc(userId) + '/invitation');
        user.invitationExpiresAt = sent.invitationExpiresAt;
        expiry.textContent = until();
        const url = location.origin + location.pathname + '#/invitation?token=' + encodeURIComponent(sent.invitationToken);
        link.replaceChildren('Send them this link; it is shown only now, and the earlier one no longer works: ',
          h('code', {}, url));
        link.hidden = false;
        announce(status, 'A new invitation for ' + user.displayName + ' works until ' + date(sent.invitationExpiresAt) + '.');
      } catch (err) {
        announce(status, err.message);
      }
    });
  } }, 'Send a new invitation');
  return [h('h2', {}, 'Invitation'), expiry, send, link, status];
}

export async function userScreen(me, userId) {
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
  const days = dayRows(user.businessHours || {});
  const team = me.plan === 'TEAM';
  const leadRouting = checkbox('leadRouting', 'Lead routing', user.leadRouting, team
    ? 'Puts them in the round-robin lead router and call broadcast.'
    : 'The round-robin lead router and call broadcast need the Team plan; this account is on the '
      + me.plan.toLowerCase() + ' plan.');
  if (!team) leadRouting.querySelector('input').disabled = true;
  const title = h('h1', {}, user.displayName);
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
      days, h('p', { class: 'field-error', hidden: true })),
    h('button', { type: 'submit' }, 'Save settings'),
    settingsStatus,
  ], async data => {
    const patch = {};
    const text = k => String(data.get(k) || '').trim();
    if (text('displayName') !== user.displayName) patch.displayName = text('displayName');
    if (text('extension') !== (user.extension || '')) patch.extension = text('extension') || null; // null clears it
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
    title.textContent = saved.displayName;
    announce(settingsStatus, 'Settings of ' + saved.displayName + ' saved.');
  });
  const details = [['Username', user.username], ['Email', user.email],
    ['Role', user.role && user.role.toLowerCase()], ['Status', user.suspended ? 'suspended' : user.status.toLowerCase()],
    ['Added', date(user.createdAt)]].filter(([, v]) => v);
  return h('section', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users')),
    title,
    h('dl', { class: 'facts' }, details.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    settings,
    ...invitationSection(user, userId),
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
