// #/calls[?userId=]: the call log, filtered by user. Removed users are not in the filter; their calls stay.
import { all, enc, paged } from '../api.js';
import { date, field, h, pagedTable, select } from '../ui.js';

export async function callsScreen() {
  const userId = new URLSearchParams(location.hash.split('?')[1] || '').get('userId') || '';
  const users = await all('/users');
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
