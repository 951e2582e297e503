// #/numbers: the account's numbers in three columns (available, assigned, released), with add, assign, reassign,
// recycle and release (with a number to take over the contacts).
import { all, api, enc, paged } from '../api.js';
import { announce, busy, field, flash, form, h, input, moreButton, select, showFlash } from '../ui.js';

/** `rerender` draws the screen again after a change, with what changed in its status region. */
export async function numbersScreen(rerender) {
  const [list, users] = await Promise.all([paged('/numbers'), all('/users')]);
  const numbers = list.items;
  const names = Object.fromEntries(users.map(u => [u.userId, u.displayName]));
  const status = h('p', { role: 'status', class: 'announce' });
  const add = form({ 'aria-label': 'Add a number' }, [
    field('Number', input('number', { autocomplete: 'off', inputmode: 'tel' }), { hint: 'In E.164 form, such as +14155550100.' }),
    h('button', { type: 'submit' }, 'Add number'),
  ], async data => {
    const n = await api('POST', '/numbers', { number: String(data.get('number') || '').trim() });
    flash(n.number + ' was added and is available.');
    rerender();
  });
  showFlash(status);
  const assignForm = n => form({ class: 'inline', 'aria-label': 'Assign ' + n.number }, [
    field((n.state === 'ASSIGNED' ? 'Reassign ' : 'Assign ') + n.number + ' to',
      select('userId', users.filter(u => u.userId !== n.assigneeUserId).map(u => [u.userId, u.displayName])), {
        name: 'userId', hint: n.state === 'ASSIGNED' ? 'Its contacts and future calls follow the number.' : null }),
    h('button', { type: 'submit', class: 'secondary', 'aria-label': (n.state === 'ASSIGNED' ? 'Reassign ' : 'Assign ') + n.number },
      n.state === 'ASSIGNED' ? 'Reassign' : 'Assign'),
  ], async data => {
    await api('PUT', '/numbers/' + enc(n.number) + '/assignee', { userId: data.get('userId') });
    flash(n.number + ' is now assigned to ' + names[data.get('userId')] + '.');
    rerender();
  });
  const recycle = n => h('button', { type: 'button', class: 'secondary', onclick: async e => {
    await busy(e.currentTarget, async () => {
      try {
        await api('POST', '/numbers/' + enc(n.number) + '/recycle');
        flash(n.number + ' is available again, still owned by the account.');
        rerender();
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
    flash(n.number + ' was released; its contacts went to ' + data.get('contactsHeir') + '.');
    rerender();
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
