// #/callflows: callflows with their versions; create a direct line or a group, edit a group's dial list (a new
// version), move a callflow's numbers to another, delete what is available.
import { all, api, enc, paged } from '../api.js';
import { announce, busy, checkboxes, field, flash, form, h, input, kindName, pagedTable, select, showFlash } from '../ui.js';

/** `rerender` draws the screen again after a change, with what changed in its status region. */
export async function callflowsScreen(rerender) {
  const [list, users, numbers] = await Promise.all([paged('/callflows'), all('/users'), all('/numbers')]);
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
    rerender();
  });
  const versionText = (c, v) => 'v' + v.version + ' ' + v.status.toLowerCase() + ': ' + (c.kind === 'DIRECT'
    ? 'to ' + (names[v.userId] || v.userId) : 'dials ' + (v.dialUserIds.map(id => names[id] || id).join(', ') || 'nobody'));
  const status = h('p', { role: 'status', class: 'announce' });
  showFlash(status);
  const act = (text, method, path, done) => h('button', { type: 'button', class: 'link', onclick: e => busy(e.currentTarget, async () => {
    try {
      await api(method, path);
      flash(done);
      rerender();
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
      flash('The numbers of ' + c.name + ' moved; it is available now.');
      rerender();
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
        flash('The dial list of ' + c.name + ' is saved' + (version ? ' as version ' + version : '') + '.');
        rerender();
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
