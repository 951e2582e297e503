// #/queues: the call queues with their members (remove one), and a new queue.
import { all, api, enc, paged } from '../api.js';
import { announce, busy, checkboxes, field, flash, form, h, input, pagedTable, showFlash } from '../ui.js';

/** `rerender` draws the screen again after a change, with what changed in its status region. */
export async function queuesScreen(rerender) {
  const [queues, users] = await Promise.all([paged('/queues'), all('/users')]);
  const f = form({ 'aria-label': 'Create a queue' }, [
    h('h2', {}, 'New queue'),
    field('Queue name', input('name', { autocomplete: 'off' })),
    checkboxes('Members', 'memberUserIds', users.map(u => [u.userId, u.displayName + (u.extension ? ' (' + u.extension + ')' : '')])),
    h('button', { type: 'submit' }, 'Create queue'),
  ], async data => {
    await api('POST', '/queues', { name: String(data.get('name') || '').trim(), memberUserIds: data.getAll('memberUserIds') });
    rerender();
  });
  const status = h('p', { role: 'status', class: 'announce' });
  const remove = (q, m) => h('button', { type: 'button', class: 'link', onclick: e => busy(e.currentTarget, async () => {
    try {
      await api('DELETE', '/queues/' + enc(q.queueId) + '/members/' + enc(m.userId));
      flash(m.displayName + ' left the queue ' + q.name + '.');
      rerender();
    } catch (err) {
      announce(status, err.message);
    }
  }) }, 'Remove ' + m.displayName + ' from ' + q.name);
  showFlash(status);
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
